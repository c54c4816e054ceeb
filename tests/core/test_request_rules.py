"""Deadlines of data subject requests (Art. 12(3)) and the checks of a request record."""

from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.requests.rules import validate_request
from dpo_desk.core.requests.values import RequestData, answer_deadline, deadline_of, is_overdue
from dpo_desk.core.validation import ValidationError

TODAY = date(2026, 12, 1)
RECEIVED = date(2026, 11, 20)


def request(**changes) -> RequestData:
    return RequestData(**({"received_on": RECEIVED, "subject_name": "Lena Vogt"} | changes))


def problems(data: RequestData) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_request(data, TODAY)
    return {p.field: p.message for p in caught.value.problems}


def test_one_month_or_the_recorded_extension() -> None:
    assert answer_deadline(RECEIVED) == date(2026, 12, 20)
    assert deadline_of(RECEIVED, None) == date(2026, 12, 20)
    assert deadline_of(RECEIVED, date(2027, 2, 1)) == date(2027, 2, 1)
    assert not is_overdue("open", RECEIVED, None, date(2026, 12, 20))
    assert is_overdue("open", RECEIVED, None, date(2026, 12, 21))
    assert not is_overdue("answered", RECEIVED, None, date(2027, 1, 5))


def test_an_extension_without_reason_is_refused() -> None:
    found = problems(request(extended_until=date(2027, 1, 20), extension_told_on=TODAY))
    assert "Begründung" in found["extension_reason"]
    assert "Art. 12 Abs. 3" in found["extension_reason"]


def test_extensions_are_bounded_and_told_within_the_first_month() -> None:
    found = problems(
        request(
            received_on=date(2026, 9, 1),
            extended_until=date(2026, 12, 15),
            extension_reason="viele Anfragen",
            extension_told_on=date(2026, 10, 5),
        )
    )
    assert "bis 01.12.2026" in found["extended_until"]
    assert "bis 01.10.2026" in found["extension_told_on"]
    ok = validate_request(
        request(
            extended_until=date(2027, 2, 20),
            extension_reason=" Akten im Archiv ",
            extension_told_on=TODAY,
        ),
        TODAY,
    )
    assert ok.extension_reason == "Akten im Archiv"


def test_status_and_answer_date_agree() -> None:
    assert "Datum der Antwort" in problems(request(status="answered"))["answered_on"]
    assert "noch „offen“" in problems(request(answered_on=TODAY))["status"]
    assert (
        "vor dem Eingang"
        in problems(request(status="refused", answered_on=date(2026, 11, 1)))["answered_on"]
    )


def test_data_leave_the_school_only_after_the_identity_check() -> None:
    found = problems(request(kind="access", status="answered", answered_on=TODAY))
    assert "Identität" in found["identity_checked_on"]
    assert "wie die Identität" in problems(request(identity_checked_on=TODAY))["identity_method"]
    validate_request(
        request(
            kind="access",
            status="answered",
            answered_on=TODAY,
            identity_checked_on=RECEIVED,
            identity_method="Ausweis vorgelegt",
        ),
        TODAY,
    )


def test_whom_it_is_about_and_when_it_arrived() -> None:
    found = problems(RequestData(received_on=date(2027, 1, 1)))
    assert "in der Zukunft" in found["received_on"]
    assert "Schülerin/einen Schüler wählen" in found["subject_name"]
