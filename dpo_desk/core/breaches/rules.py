"""Checks of a breach record before it is stored: German messages naming the field.

Times are compared as aware instants; messages show them in local time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from dpo_desk.core.breaches.values import (
    FIELD_LABELS,
    NOTIFICATION_HOURS,
    BreachData,
    Duty,
    duty_for,
    notification_deadline,
    risk_label,
)
from dpo_desk.core.dates import format_date, format_datetime, local_time
from dpo_desk.core.dsfa.risk import RiskMatrix, is_level
from dpo_desk.core.validation import Problem, ValidationError

TEXT_FIELDS = (
    "title",
    "occurred_note",
    "reported_by",
    "description",
    "consequences",
    "measures_taken",
    "measures_planned",
    "risk_reasoning",
    "authority_reference",
    "delay_reason",
    "no_notification_reason",
    "persons_informed_how",
    "persons_not_informed_reason",
    "notes",
)


def clean_breach(data: BreachData) -> BreachData:
    """Texts stripped, empty list lines dropped, links without duplicates."""
    values = {name: getattr(data, name).strip() for name in TEXT_FIELDS}
    return replace(
        data,
        **values,
        data_categories=[c.strip() for c in data.data_categories if c.strip()],
        subject_groups=[g.strip() for g in data.subject_groups if g.strip()],
        activity_ids=sorted(set(data.activity_ids)),
        processor_ids=sorted(set(data.processor_ids)),
    )


def _when(moment: datetime) -> str:
    return format_datetime(local_time(moment))


def _label(name: str) -> str:
    return FIELD_LABELS[name]


def risk_class_of(data: BreachData, matrix: RiskMatrix) -> str | None:
    """The class of the rating on the school's matrix; None while not (fully) rated."""
    if is_level(data.likelihood) and is_level(data.severity):
        return matrix.risk_class(data.likelihood, data.severity)  # type: ignore[arg-type]
    return None


def _time_problems(d: BreachData, now: datetime) -> list[Problem]:
    problems: list[Problem] = []
    if d.aware_at is None:
        problems.append(
            Problem(
                "aware_at",
                f"{_label('aware_at')}: Bitte Datum und Uhrzeit angeben – ab diesem Zeitpunkt "
                f"läuft die Frist von {NOTIFICATION_HOURS} Stunden.",
            )
        )
        return problems
    if d.aware_at > now:
        problems.append(
            Problem("aware_at", f"{_label('aware_at')}: {_when(d.aware_at)} liegt in der Zukunft.")
        )
    if d.occurred_at is not None and d.occurred_at > d.aware_at:
        problems.append(
            Problem(
                "occurred_at",
                f"{_label('occurred_at')}: {_when(d.occurred_at)} liegt nach „"
                f"{_label('aware_at')}“ ({_when(d.aware_at)}).",
            )
        )
    if d.notified_at is not None:
        if d.notified_at < d.aware_at:
            problems.append(
                Problem(
                    "aware_at",
                    f"{_label('aware_at')}: {_when(d.aware_at)} liegt nach dem Meldedatum "
                    f"„{_label('notified_at')}“ ({_when(d.notified_at)}). Bitte beide "
                    "Zeitpunkte prüfen.",
                )
            )
        elif d.notified_at > now:
            problems.append(
                Problem(
                    "notified_at",
                    f"{_label('notified_at')}: {_when(d.notified_at)} liegt in der Zukunft.",
                )
            )
        elif d.notified_at > notification_deadline(d.aware_at) and not d.delay_reason:
            problems.append(
                Problem(
                    "delay_reason",
                    f"{_label('delay_reason')}: Die Meldung erfolgte mehr als "
                    f"{NOTIFICATION_HOURS} Stunden nach dem Bekanntwerden (Frist bis "
                    f"{_when(notification_deadline(d.aware_at))}). Bitte die Gründe für die "
                    "Verzögerung angeben (Art. 33 Abs. 1 DSGVO).",
                )
            )
    aware_day = local_time(d.aware_at).date()
    for name in ("persons_informed_on", "closed_on"):
        day = getattr(d, name)
        if day is None:
            continue
        if day < aware_day:
            problems.append(
                Problem(
                    name,
                    f"{_label(name)}: {format_date(day)} liegt vor „{_label('aware_at')}“ "
                    f"({format_date(aware_day)}).",
                )
            )
        elif day > local_time(now).date():
            problems.append(
                Problem(name, f"{_label(name)}: {format_date(day)} liegt in der Zukunft.")
            )
    return problems


def _decision_problems(d: BreachData, risk_class: str | None) -> list[Problem]:
    problems: list[Problem] = []
    duty = duty_for(risk_class)
    if d.no_notification_reason:
        if d.notified_at is not None:
            problems.append(
                Problem(
                    "no_notification_reason",
                    f"{_label('no_notification_reason')}: Die Panne ist als gemeldet "
                    "eingetragen. Bitte entweder das Meldedatum oder die Begründung "
                    "entfernen.",
                )
            )
        elif duty is Duty.UNASSESSED:
            problems.append(
                Problem(
                    "likelihood",
                    f"{_label('no_notification_reason')}: Bitte zuerst das Risiko bewerten – "
                    "nur wenn voraussichtlich kein Risiko besteht, entfällt die Meldung.",
                )
            )
        elif duty is not Duty.DOCUMENT:
            problems.append(
                Problem(
                    "no_notification_reason",
                    f"{_label('no_notification_reason')}: Nach der Bewertung "
                    f"(„{risk_label(risk_class)}“) muss die Panne der Aufsichtsbehörde "
                    "gemeldet werden (Art. 33 Abs. 1 DSGVO). Bitte die Bewertung prüfen oder "
                    "das Meldedatum eintragen.",
                )
            )
    if d.persons_informed_on is not None and d.persons_not_informed_reason:
        problems.append(
            Problem(
                "persons_not_informed_reason",
                f"{_label('persons_not_informed_reason')}: Die Betroffenen sind als "
                "benachrichtigt eingetragen. Bitte eines von beiden entfernen.",
            )
        )
    if d.closed_on is not None:
        if d.notified_at is None and not d.no_notification_reason:
            problems.append(
                Problem(
                    "closed_on",
                    f"{_label('closed_on')}: Abschließen geht erst, wenn die Meldung "
                    "eingetragen oder begründet ist, warum nicht gemeldet wird.",
                )
            )
        elif (
            duty is Duty.NOTIFY_AND_INFORM
            and d.persons_informed_on is None
            and not d.persons_not_informed_reason
        ):
            problems.append(
                Problem(
                    "persons_informed_on",
                    f"{_label('closed_on')}: Bei hohem Risiko müssen die Betroffenen "
                    "benachrichtigt werden (Art. 34 DSGVO). Bitte das Datum eintragen oder "
                    "begründen, warum es nicht nötig ist (Art. 34 Abs. 3).",
                )
            )
    return problems


def breach_problems(d: BreachData, matrix: RiskMatrix, now: datetime) -> list[Problem]:
    """Every problem of a cleaned breach record, in the order of the form."""
    problems: list[Problem] = []
    if not d.title:
        problems.append(Problem("title", f"{_label('title')}: Bitte ausfüllen."))
    problems += _time_problems(d, now)
    for name in ("persons_count", "records_count"):
        value = getattr(d, name)
        if value is not None and value < 0:
            problems.append(Problem(name, f"{_label(name)}: Bitte eine Zahl ab 0 angeben."))
    rated = [is_level(d.likelihood), is_level(d.severity)]
    for name, value in (("likelihood", d.likelihood), ("severity", d.severity)):
        if value is not None and not is_level(value):
            problems.append(Problem(name, f"{_label(name)}: Bitte eine Stufe von 1 bis 4 wählen."))
    if any(rated) and not all(rated):
        missing = "severity" if rated[0] else "likelihood"
        problems.append(
            Problem(
                missing,
                f"{_label(missing)}: Für die Risikobewertung bitte beide Stufen wählen.",
            )
        )
    problems += _decision_problems(d, risk_class_of(d, matrix))
    return problems


def validate_breach(data: BreachData, matrix: RiskMatrix, now: datetime) -> BreachData:
    """The cleaned record, or ``ValidationError`` with every problem."""
    clean = clean_breach(data)
    problems = breach_problems(clean, matrix, now)
    if problems:
        raise ValidationError(problems)
    return clean
