"""A place in the app to open: the one way every part of the app says "show me this".

The due list, the register's checks and the overview's first steps each name a ``Target``;
the main window shows its school and page and hands it to the page's ``open_target``,
which opens the record (at a field, if one is named) or the named place on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """``page``: the page's object name. On it either a record (``entity_type`` and
    ``entity_id``, or ``key`` for a template), shown at ``field`` when given (else where the
    page usually acts), or a named ``place`` without a record ("import", "templates",
    "forms", "record", "catalogue", "reprint")."""

    page: str
    entity_type: str = ""
    entity_id: int | None = None
    key: str = ""
    field: str = ""
    place: str = ""
    ids: tuple[int, ...] = ()
    """Several records of ``entity_type`` at once (the students of a reprint)."""


RECORD_PAGES: dict[str, str] = {
    "activity": "registerPage",
    "processor": "processorsPage",
    "tom": "processorsPage",
    "student": "rosterPage",
    "breach": "breachesPage",
    "subject_request": "requestsPage",
    "school": "settingsPage",
}
"""The page that shows a record of the change log (its entity type)."""

GONE_ACTIONS = frozenset({"delete", "erase"})


def record_target(entity_type: str, entity_id: int | None, action: str = "") -> Target | None:
    """Where a record named in the change log is shown; None when it has no page of its own
    or the entry says it was deleted."""
    page = RECORD_PAGES.get(entity_type)
    if page is None or entity_id is None or action in GONE_ACTIONS:
        return None
    return Target(page, entity_type, entity_id)
