"""Checks of a request record before it is stored: German messages naming the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dpo_desk.core.dates import format_date
from dpo_desk.core.requests.values import (
    CHANNELS,
    FIELD_LABELS,
    HANDS_OUT_DATA,
    KIND_LABELS,
    REQUESTER_ROLES,
    STATUS_LABELS,
    RequestData,
    RequestStatus,
    answer_deadline,
    latest_extension,
)
from dpo_desk.core.validation import Problem, ValidationError

TEXT_FIELDS = (
    "requester_name",
    "subject_name",
    "identity_method",
    "extension_reason",
    "note",
)


def clean_request(data: RequestData) -> RequestData:
    return replace(
        data,
        **{
            name: " ".join(getattr(data, name).split())
            if name != "note"
            else getattr(data, name).strip()
            for name in TEXT_FIELDS
        },
    )


def _label(name: str) -> str:
    return FIELD_LABELS[name]


def _not_before(problems: list[Problem], name: str, day: date | None, start: date) -> None:
    if day is not None and day < start:
        problems.append(
            Problem(
                name,
                f"{_label(name)}: {format_date(day)} liegt vor dem Eingang der Anfrage "
                f"({format_date(start)}).",
            )
        )


def _not_future(problems: list[Problem], name: str, day: date | None, today: date) -> None:
    if day is not None and day > today:
        problems.append(Problem(name, f"{_label(name)}: {format_date(day)} liegt in der Zukunft."))


def _extension_problems(d: RequestData, received: date) -> list[Problem]:
    problems: list[Problem] = []
    if d.extended_until is None:
        if d.extension_reason or d.extension_told_on:
            problems.append(
                Problem(
                    "extended_until",
                    f"{_label('extended_until')}: Bitte das neue Fristende angeben (oder Grund "
                    "und Mitteilung entfernen).",
                )
            )
        return problems
    first = answer_deadline(received)
    if d.extended_until <= first:
        problems.append(
            Problem(
                "extended_until",
                f"{_label('extended_until')}: {format_date(d.extended_until)} liegt nicht nach "
                f"der regulären Frist ({format_date(first)}).",
            )
        )
    elif d.extended_until > latest_extension(received):
        problems.append(
            Problem(
                "extended_until",
                f"{_label('extended_until')}: Höchstens um zwei weitere Monate, also bis "
                f"{format_date(latest_extension(received))} (Art. 12 Abs. 3 DSGVO).",
            )
        )
    if not d.extension_reason:
        problems.append(
            Problem(
                "extension_reason",
                f"{_label('extension_reason')}: Eine Verlängerung braucht eine Begründung, die "
                "der anfragenden Person mitgeteilt wird (Art. 12 Abs. 3 DSGVO).",
            )
        )
    if d.extension_told_on is None:
        problems.append(
            Problem(
                "extension_told_on",
                f"{_label('extension_told_on')}: Bitte angeben, wann die anfragende Person "
                "über die Verlängerung unterrichtet wurde.",
            )
        )
    elif d.extension_told_on > first:
        problems.append(
            Problem(
                "extension_told_on",
                f"{_label('extension_told_on')}: Die Verlängerung muss innerhalb eines Monats "
                f"nach Eingang mitgeteilt werden, also bis {format_date(first)}.",
            )
        )
    _not_before(problems, "extension_told_on", d.extension_told_on, received)
    return problems


def request_problems(d: RequestData, today: date) -> list[Problem]:
    """Every problem of a cleaned request, in the order of the form."""
    problems: list[Problem] = []
    if d.received_on is None:
        problems.append(Problem("received_on", f"{_label('received_on')}: Bitte angeben."))
    _not_future(problems, "received_on", d.received_on, today)
    for name, choices in (
        ("requester_role", REQUESTER_ROLES),
        ("channel", CHANNELS),
        ("kind", KIND_LABELS),
        ("status", STATUS_LABELS),
    ):
        if getattr(d, name) not in choices:
            problems.append(Problem(name, f"{_label(name)}: Bitte eine der Möglichkeiten wählen."))
    if d.student_id is None and not d.subject_name:
        problems.append(
            Problem(
                "subject_name",
                f"{_label('subject_name')}: Bitte eine Schülerin/einen Schüler wählen oder den "
                "Namen der Person eintragen, um deren Daten es geht.",
            )
        )
    if d.identity_checked_on is not None and not d.identity_method:
        problems.append(
            Problem(
                "identity_method",
                f"{_label('identity_method')}: Bitte angeben, wie die Identität geprüft wurde "
                "(z. B. Ausweis vorgelegt, persönlich bekannt).",
            )
        )
    if d.identity_method and d.identity_checked_on is None:
        problems.append(
            Problem("identity_checked_on", f"{_label('identity_checked_on')}: Bitte angeben.")
        )
    _not_future(problems, "identity_checked_on", d.identity_checked_on, today)
    finished = d.status != RequestStatus.OPEN
    if finished and d.status != RequestStatus.WITHDRAWN and d.answered_on is None:
        problems.append(
            Problem(
                "answered_on",
                f"{_label('answered_on')}: Bei „{STATUS_LABELS.get(d.status, d.status)}“ bitte "
                "das Datum der Antwort angeben.",
            )
        )
    if not finished and d.answered_on is not None:
        problems.append(
            Problem(
                "status",
                f"{_label('status')}: Die Anfrage ist noch „offen“, hat aber ein Antwortdatum. "
                "Bitte den Status ändern oder das Datum entfernen.",
            )
        )
    _not_future(problems, "answered_on", d.answered_on, today)
    if (
        d.status == RequestStatus.ANSWERED
        and d.kind in HANDS_OUT_DATA
        and d.identity_checked_on is None
    ):
        problems.append(
            Problem(
                "identity_checked_on",
                f"{_label('identity_checked_on')}: Bevor Daten die Schule verlassen, muss die "
                "Identität der anfragenden Person geprüft sein.",
            )
        )
    if d.received_on is not None:
        _not_before(problems, "identity_checked_on", d.identity_checked_on, d.received_on)
        _not_before(problems, "answered_on", d.answered_on, d.received_on)
        problems += _extension_problems(d, d.received_on)
    return problems


def validate_request(data: RequestData, today: date) -> RequestData:
    clean = clean_request(data)
    problems = request_problems(clean, today)
    if problems:
        raise ValidationError(problems)
    return clean
