"""What a write changed: the value every writing service hands back.

The UI routes it to the pages (``changed(changes, initiator)``): each page refreshes only
when an area it shows was touched, in the school it shows. The unit of work collects it from
the audit events it writes, so a service cannot forget to report a change it audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol, TypeVar


class Area(StrEnum):
    """The parts of the data a page can show; a change names those it touched."""

    SCHOOLS = "schools"  # the list of schools and their profiles
    SETTINGS = "settings"  # app settings: user, auto-lock, backup folder, matrix
    ROSTER = "roster"  # students, classes, enrolments
    CONSENT = "consent"  # consent events (forms, revocations, corrections)
    TEMPLATES = "templates"  # consent templates and their text versions
    REGISTER = "register"  # entries of the record of processing activities
    PROCESSORS = "processors"  # processors, contracts, sub-processors, TOMs
    DSFA = "dsfa"  # threshold analyses, assessments, scenarios, the risk matrix
    BACKUP = "backup"  # backups and the database file itself (restore, re-key)
    USERS = "users"  # people, their roles per school (server mode)
    BREACHES = "breaches"  # data breaches (Art. 33/34) and their links
    REQUESTS = "requests"  # data subject requests (Art. 15–22)
    LIBRARY = "library"  # the records kept once for all schools (services/library)


# The audit trail's entity types and the area each belongs to.
AREA_OF_ENTITY: dict[str, Area] = {
    "school": Area.SCHOOLS,
    "setting": Area.SETTINGS,
    "student": Area.ROSTER,
    "school_class": Area.ROSTER,
    "roster_import": Area.ROSTER,
    "roster_mapping": Area.ROSTER,
    "consent_event": Area.CONSENT,
    "consent_proof": Area.CONSENT,
    "consent_print": Area.CONSENT,
    "consent_template": Area.TEMPLATES,
    "consent_template_version": Area.TEMPLATES,
    "activity": Area.REGISTER,
    "processor": Area.PROCESSORS,
    "tom": Area.PROCESSORS,
    "dsfa": Area.DSFA,
    "dsfa_scenario": Area.DSFA,
    "dsfa_threshold": Area.DSFA,
    "dsfa_matrix": Area.DSFA,
    "dsfa_action": Area.DSFA,
    "dsfa_view": Area.DSFA,
    "database": Area.BACKUP,
    "user": Area.USERS,
    "school_assignment": Area.USERS,
    "breach": Area.BREACHES,
    "subject_request": Area.REQUESTS,
    "library_item": Area.LIBRARY,
}


@dataclass(frozen=True)
class Changes:
    """Areas touched, the records changed (``(entity type, id)``), and the school.

    ``school_id`` is None when the change is not tied to one school (settings, a restore)
    or touches several; pages treat that as "may concern mine".
    """

    areas: frozenset[Area] = frozenset()
    records: frozenset[tuple[str, int]] = frozenset()
    school_id: int | None = None

    def __bool__(self) -> bool:
        return bool(self.areas)

    def __or__(self, other: Changes) -> Changes:
        if not self:
            return other
        if not other:
            return self
        school = self.school_id if self.school_id == other.school_id else None
        return Changes(self.areas | other.areas, self.records | other.records, school)

    def touches(self, areas: Iterable[Area], school_id: int | None = None) -> bool:
        """Whether a page showing ``areas`` of school ``school_id`` must look again."""
        if not self.areas & frozenset(areas):
            return False
        return self.school_id is None or school_id is None or self.school_id == school_id

    def ids_of(self, entity_type: str) -> frozenset[int]:
        return frozenset(i for kind, i in self.records if kind == entity_type)

    @classmethod
    def of(
        cls, *areas: Area, school_id: int | None = None, records: Iterable[tuple[str, int]] = ()
    ) -> Changes:
        return cls(frozenset(areas), frozenset(records), school_id)


NO_CHANGES = Changes()


def changes_field() -> Any:
    """The ``changes`` field of a result value: keyword-only, not part of equality."""
    return field(default=NO_CHANGES, kw_only=True, compare=False, repr=False)


class Reported(Protocol):
    changes: Changes


ResultT = TypeVar("ResultT", bound=Reported)


def reported(value: ResultT, changes: Changes) -> ResultT:
    """``value`` (a frozen dataclass with a ``changes`` field) carrying ``changes``."""
    return replace(value, changes=changes)  # type: ignore[type-var]


def changes_of(result: object) -> Changes:
    """What a writing service reported: its ``Changes`` or its result's ``changes``."""
    if isinstance(result, Changes):
        return result
    return getattr(result, "changes", NO_CHANGES)


@dataclass(frozen=True)
class Created:
    """A new record's id, and what creating it changed."""

    id: int
    changes: Changes = changes_field()


@dataclass(frozen=True)
class Counted:
    """How many records a bulk step added or removed, and what it changed."""

    count: int
    changes: Changes = changes_field()
