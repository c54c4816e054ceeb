"""A data breach as the DPO documents it (Art. 33(5) GDPR), and what the risk class means.

Every breach is documented, notified or not. The risk is rated with the school's risk matrix
(likelihood × severity, as in the DSFA): "geringes Risiko" means a risk is unlikely and the
authority need not be notified (the reasoning is documented); "Risiko" means the authority
must be notified within 72 hours of becoming aware (Art. 33(1)); "hohes Risiko" means the
persons concerned must be told as well, without undue delay (Art. 34(1)).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from dpo_desk.core.dsfa.risk import CLASS_LABELS, HIGH, LOW, MEDIUM

NOTIFICATION_HOURS = 72
NOTIFICATION_PERIOD = timedelta(hours=NOTIFICATION_HOURS)


class Duty(StrEnum):
    """What the assessed risk asks of the school."""

    UNASSESSED = "unassessed"
    DOCUMENT = "document"  # no risk likely: document with reasons (Art. 33(5))
    NOTIFY = "notify"  # notify the authority within 72 hours (Art. 33(1))
    NOTIFY_AND_INFORM = "notify_and_inform"  # also tell the persons concerned (Art. 34)


DUTY_LABELS: dict[Duty, str] = {
    Duty.UNASSESSED: "Risiko noch nicht bewertet – die Meldefrist läuft trotzdem.",
    Duty.DOCUMENT: (
        "Geringes Risiko: voraussichtlich kein Risiko für die Betroffenen, keine Meldung nötig; "
        "die Begründung dokumentieren (Art. 33 Abs. 5 DSGVO)."
    ),
    Duty.NOTIFY: (
        "Risiko: Meldung an die Aufsichtsbehörde binnen 72 Stunden (Art. 33 Abs. 1 DSGVO)."
    ),
    Duty.NOTIFY_AND_INFORM: (
        "Hohes Risiko: Meldung an die Aufsichtsbehörde binnen 72 Stunden und unverzüglich die "
        "betroffenen Personen benachrichtigen (Art. 33 und 34 DSGVO)."
    ),
}


def duty_for(risk_class: str | None) -> Duty:
    return {
        None: Duty.UNASSESSED,
        "": Duty.UNASSESSED,
        LOW: Duty.DOCUMENT,
        MEDIUM: Duty.NOTIFY,
        HIGH: Duty.NOTIFY_AND_INFORM,
    }[risk_class]


def risk_label(risk_class: str | None) -> str:
    return CLASS_LABELS.get(risk_class or "", "nicht bewertet")


@dataclass
class BreachData:
    """Everything a person enters about a breach. Times are aware instants (UTC stored);
    ``activity_ids`` and ``processor_ids`` link register entries and processors."""

    title: str = ""
    occurred_at: datetime | None = None
    occurred_note: str = ""
    aware_at: datetime | None = None
    reported_by: str = ""
    description: str = ""
    data_categories: list[str] = field(default_factory=list)
    subject_groups: list[str] = field(default_factory=list)
    special_categories: bool = False
    persons_count: int | None = None
    records_count: int | None = None
    consequences: str = ""
    measures_taken: str = ""
    measures_planned: str = ""
    activity_ids: list[int] = field(default_factory=list)
    processor_ids: list[int] = field(default_factory=list)
    likelihood: int | None = None
    severity: int | None = None
    risk_reasoning: str = ""
    notified_at: datetime | None = None
    authority_reference: str = ""
    delay_reason: str = ""
    no_notification_reason: str = ""
    persons_informed_on: date | None = None
    persons_informed_how: str = ""
    persons_not_informed_reason: str = ""
    closed_on: date | None = None
    notes: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def field_names(cls) -> list[str]:
        return list(cls.__dataclass_fields__)


FIELD_LABELS: dict[str, str] = {
    "title": "Kurzbezeichnung",
    "occurred_at": "Geschehen am",
    "occurred_note": "Zeitraum / Hinweis",
    "aware_at": "Bekannt geworden am",
    "reported_by": "Gemeldet von (intern)",
    "description": "Was ist passiert",
    "data_categories": "Betroffene Datenkategorien",
    "subject_groups": "Betroffene Personengruppen",
    "special_categories": "Besondere Kategorien (Art. 9)",
    "persons_count": "Zahl der betroffenen Personen (ca.)",
    "records_count": "Zahl der Datensätze (ca.)",
    "consequences": "Wahrscheinliche Folgen",
    "measures_taken": "Ergriffene Maßnahmen",
    "measures_planned": "Geplante Maßnahmen",
    "activity_ids": "Betroffene Verarbeitungstätigkeiten",
    "processor_ids": "Beteiligte Auftragsverarbeiter",
    "likelihood": "Eintrittswahrscheinlichkeit",
    "severity": "Schwere des möglichen Schadens",
    "risk_reasoning": "Begründung der Risikobewertung",
    "notified_at": "Gemeldet am",
    "authority_reference": "Aktenzeichen der Aufsichtsbehörde",
    "delay_reason": "Gründe für die Verzögerung",
    "no_notification_reason": "Keine Meldung, weil",
    "persons_informed_on": "Betroffene benachrichtigt am",
    "persons_informed_how": "Art der Benachrichtigung",
    "persons_not_informed_reason": "Keine Benachrichtigung, weil",
    "closed_on": "Abgeschlossen am",
    "notes": "Notizen",
}


def notification_deadline(aware_at: datetime) -> datetime:
    """72 hours from the moment the school became aware (Art. 33(1))."""
    return aware_at + NOTIFICATION_PERIOD


class ClockState(StrEnum):
    RUNNING = "running"  # neither notified nor decided not to notify, deadline ahead
    OVERDUE = "overdue"  # the same, deadline passed
    NOTIFIED = "notified"  # notified in time
    NOTIFIED_LATE = "notified_late"
    DOCUMENTED = "documented"  # not notified, with the reasons (no risk likely)


CLOCK_LABELS: dict[ClockState, str] = {
    ClockState.RUNNING: "Meldefrist läuft",
    ClockState.OVERDUE: "Meldefrist überschritten",
    ClockState.NOTIFIED: "gemeldet",
    ClockState.NOTIFIED_LATE: "verspätet gemeldet",
    ClockState.DOCUMENTED: "nicht meldepflichtig (dokumentiert)",
}


def clock_state(
    aware_at: datetime, notified_at: datetime | None, documented: bool, now: datetime
) -> ClockState:
    """Where the 72-hour clock stands: it stops with "gemeldet am" or with "keine Meldung,
    weil …" (``documented``)."""
    deadline = notification_deadline(aware_at)
    if notified_at is not None:
        return ClockState.NOTIFIED if notified_at <= deadline else ClockState.NOTIFIED_LATE
    if documented:
        return ClockState.DOCUMENTED
    return ClockState.RUNNING if now <= deadline else ClockState.OVERDUE


def countdown_text(deadline: datetime, now: datetime) -> str:
    """ "noch 41 Std. 12 Min." before the deadline, "seit 5 Std. 3 Min. überschritten" after
    (from two days on: "seit 3 Tagen überschritten")."""
    seconds = int((deadline - now).total_seconds())
    if seconds >= 0:
        return f"noch {_hours_minutes(seconds)}"
    late = -seconds
    if late >= 48 * 3600:
        return f"seit {late // 86400} Tagen überschritten"
    return f"seit {_hours_minutes(late)} überschritten"


def _hours_minutes(seconds: int) -> str:
    hours, minutes = divmod(seconds // 60, 60)
    return f"{minutes} Min." if hours == 0 else f"{hours} Std. {minutes} Min."


def persons_pending(risk_class: str | None, informed_on: date | None, reason: str) -> bool:
    """High risk and the persons concerned neither told nor a documented exception
    (Art. 34(3): e.g. the data were encrypted, or a public notice instead)."""
    return (
        duty_for(risk_class) is Duty.NOTIFY_AND_INFORM
        and informed_on is None
        and not (reason.strip())
    )
