"""What every breach printout needs: the breach as plain values and the words for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dpo_desk.core.breaches.values import (
    CLOCK_LABELS,
    BreachData,
    Duty,
    clock_state,
    duty_for,
    notification_deadline,
    risk_label,
)
from dpo_desk.core.dates import format_date, format_datetime, local_time
from dpo_desk.core.dsfa.risk import LEVEL_LABELS
from dpo_desk.core.schools import SchoolProfile


@dataclass(frozen=True)
class BreachPrint:
    """One breach with the names of the entries and processors it concerns."""

    reference: str
    data: BreachData
    risk_class: str
    activities: tuple[str, ...] = ()
    processors: tuple[str, ...] = ()

    @property
    def aware_at(self) -> datetime:
        assert self.data.aware_at is not None
        return self.data.aware_at

    @property
    def duty(self) -> Duty:
        return duty_for(self.risk_class)

    @property
    def late(self) -> bool:
        notified = self.data.notified_at
        return notified is not None and notified > notification_deadline(self.aware_at)


@dataclass(frozen=True)
class BreachDocumentContent:
    school: SchoolProfile
    logo: bytes | None
    printed_on: date
    breaches: tuple[BreachPrint, ...]


def when(moment: datetime | None) -> str:
    return f"{format_datetime(local_time(moment))} Uhr" if moment else ""


def count(value: int | None, unit: str) -> str:
    return f"ca. {value} {unit}" if value is not None else "nicht bekannt"


def lines(items: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"• {item}" for item in items)


def occurred(d: BreachData) -> str:
    return "\n".join(p for p in (when(d.occurred_at), d.occurred_note) if p) or "nicht bekannt"


def rating(b: BreachPrint) -> str:
    d = b.data
    if d.likelihood is None or d.severity is None:
        return "noch nicht bewertet"
    return (
        f"{risk_label(b.risk_class)} (Eintrittswahrscheinlichkeit {d.likelihood} – "
        f"{LEVEL_LABELS[d.likelihood]}, Schwere {d.severity} – {LEVEL_LABELS[d.severity]})"
    )


def outcome(b: BreachPrint) -> str:
    """What became of the notification: "gemeldet am …", "nicht gemeldet, weil …"."""
    d = b.data
    state = clock_state(b.aware_at, d.notified_at, bool(d.no_notification_reason), b.aware_at)
    if d.notified_at is not None:
        text = f"{CLOCK_LABELS[state]} am {when(d.notified_at)}"
        return text + (f" (Az. {d.authority_reference})" if d.authority_reference else "")
    if d.no_notification_reason:
        return f"nicht gemeldet, weil {d.no_notification_reason}"
    return "noch nicht gemeldet"


def persons_outcome(b: BreachPrint) -> str:
    d = b.data
    if d.persons_informed_on is not None:
        how = f" ({d.persons_informed_how})" if d.persons_informed_how else ""
        return f"benachrichtigt am {format_date(d.persons_informed_on)}{how}"
    if d.persons_not_informed_reason:
        return f"nicht benachrichtigt, weil {d.persons_not_informed_reason}"
    if b.duty is Duty.NOTIFY_AND_INFORM:
        return "noch zu benachrichtigen (hohes Risiko, Art. 34 DSGVO)"
    return "nicht erforderlich"


def dpo_contact(school: SchoolProfile) -> str:
    return "\n".join(
        p
        for p in (
            school.dpo_name,
            school.dpo_organisation,
            school.dpo_email and f"E-Mail: {school.dpo_email}",
            school.dpo_phone and f"Telefon: {school.dpo_phone}",
        )
        if p
    )


def signer(role: str, name: str) -> str:
    return f"{role} ({name})" if name else role
