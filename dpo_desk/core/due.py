"""Everything due: one list of the DPO's dated duties across the areas, sorted, with what is
overdue and where to act.

Each area's service turns its records into ``DueItem`` values; this module only orders,
filters and words them. A title never names a person (the list can leave the app as a
calendar file); ``person`` carries a name for display inside the app only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from dpo_desk.core.places import Target


class DueKind(StrEnum):
    BREACH_NOTIFICATION = "breach_notification"
    BREACH_PERSONS = "breach_persons"
    REQUEST = "request"
    ACTIVITY_REVIEW = "activity_review"
    CONTRACT_REVIEW = "contract_review"
    DSFA_REVIEW = "dsfa_review"
    DSFA_MEASURE = "dsfa_measure"
    CONSENT_RENEWAL = "consent_renewal"
    CONSENT_EXPIRY = "consent_expiry"
    BACKUP = "backup"


KIND_LABELS: dict[str, str] = {
    DueKind.BREACH_NOTIFICATION: "Datenpanne: Meldung",
    DueKind.BREACH_PERSONS: "Datenpanne: Betroffene",
    DueKind.REQUEST: "Anfrage",
    DueKind.ACTIVITY_REVIEW: "VVT-Überprüfung",
    DueKind.CONTRACT_REVIEW: "AV-Vertrag prüfen",
    DueKind.DSFA_REVIEW: "DSFA-Überprüfung",
    DueKind.DSFA_MEASURE: "DSFA-Maßnahme",
    DueKind.CONSENT_RENEWAL: "Einwilligung erneuern",
    DueKind.CONSENT_EXPIRY: "Einwilligung läuft ab",
    DueKind.BACKUP: "Datensicherung",
}


@dataclass(frozen=True)
class DueItem:
    """One dated duty. ``due_at`` is set for duties that run to the hour (the 72 hours of a
    breach); ``due`` is then its local day."""

    kind: str
    due: date
    title: str
    school_id: int | None
    school_name: str
    target: Target
    detail: str = ""
    person: str = ""
    due_at: datetime | None = None
    uid: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def is_overdue(self, now: datetime, today: date) -> bool:
        if self.due_at is not None:
            return now > self.due_at
        return today > self.due

    def sort_key(self) -> tuple:
        moment = self.due_at.timestamp() if self.due_at is not None else None
        return (self.due, moment is None, moment or 0.0, self.school_name, self.title)


def sort_items(items: Iterable[DueItem]) -> list[DueItem]:
    """By date (timed duties first within a day), then school and title."""
    return sorted(items, key=DueItem.sort_key)


def within(items: Iterable[DueItem], today: date, days: int | None) -> list[DueItem]:
    """Items due within ``days`` from ``today`` (overdue ones always); None: all."""
    if days is None:
        return list(items)
    last = today + timedelta(days=days)
    return [item for item in items if item.due <= last]


def days_text(due: date, today: date) -> str:
    """ "heute", "morgen", "in 12 Tagen", "seit 3 Tagen überfällig"."""
    delta = (due - today).days
    if delta == 0:
        return "heute"
    if delta == 1:
        return "morgen"
    if delta > 1:
        return f"in {delta} Tagen"
    if delta == -1:
        return "seit gestern überfällig"
    return f"seit {-delta} Tagen überfällig"
