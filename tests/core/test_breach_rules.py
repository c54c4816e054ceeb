"""The 72-hour clock of a breach and the checks of its record (Art. 33/34)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dpo_desk.core.breaches.rules import risk_class_of, validate_breach
from dpo_desk.core.breaches.values import (
    BreachData,
    ClockState,
    Duty,
    clock_state,
    countdown_text,
    duty_for,
    notification_deadline,
)
from dpo_desk.core.dates import add_months
from dpo_desk.core.dsfa.risk import RiskMatrix
from dpo_desk.core.validation import ValidationError

AWARE = datetime(2026, 10, 12, 6, 15, tzinfo=UTC)
NOW = datetime(2026, 10, 13, 9, 0, tzinfo=UTC)
MATRIX = RiskMatrix.default()


def breach(**changes) -> BreachData:
    values = {"title": "USB-Stick verloren", "aware_at": AWARE} | changes
    return BreachData(**values)


def problems(data: BreachData, now: datetime = NOW) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_breach(data, MATRIX, now)
    return {p.field: p.message for p in caught.value.problems}


def test_the_deadline_is_72_hours_after_awareness_and_counts_down() -> None:
    deadline = notification_deadline(AWARE)
    assert deadline == AWARE + timedelta(hours=72)
    assert countdown_text(deadline, NOW) == "noch 45 Std. 15 Min."
    assert countdown_text(deadline, deadline - timedelta(minutes=20)) == "noch 20 Min."
    assert countdown_text(deadline, deadline + timedelta(hours=5, minutes=3)) == (
        "seit 5 Std. 3 Min. überschritten"
    )
    assert countdown_text(deadline, deadline + timedelta(days=3)) == "seit 3 Tagen überschritten"


def test_the_clock_stops_with_a_notification_or_a_documented_reason() -> None:
    late = AWARE + timedelta(hours=80)
    assert clock_state(AWARE, None, False, NOW) is ClockState.RUNNING
    assert clock_state(AWARE, None, False, late) is ClockState.OVERDUE
    assert clock_state(AWARE, NOW, False, late) is ClockState.NOTIFIED
    assert clock_state(AWARE, late, False, late) is ClockState.NOTIFIED_LATE
    assert clock_state(AWARE, None, True, late) is ClockState.DOCUMENTED


@pytest.mark.parametrize(
    ("likelihood", "severity", "duty"),
    [(1, 1, Duty.DOCUMENT), (2, 3, Duty.NOTIFY), (3, 3, Duty.NOTIFY_AND_INFORM), (None, 2, None)],
)
def test_the_school_matrix_decides_the_duty(likelihood, severity, duty) -> None:
    risk = risk_class_of(breach(likelihood=likelihood, severity=severity), MATRIX)
    assert duty_for(risk) is (duty or Duty.UNASSESSED)


def test_awareness_after_the_notification_date_is_refused_naming_both() -> None:
    found = problems(breach(notified_at=AWARE - timedelta(hours=2)))
    assert "Bekannt geworden am: 12.10.2026" in found["aware_at"]
    assert "liegt nach dem Meldedatum „Gemeldet am“" in found["aware_at"]


def test_a_late_notification_asks_for_the_reasons() -> None:
    late = AWARE + timedelta(hours=73)
    found = problems(breach(notified_at=late, likelihood=2, severity=3), now=late)
    assert "Gründe für die Verzögerung" in found["delay_reason"]
    assert "Art. 33 Abs. 1" in found["delay_reason"]
    done = validate_breach(
        breach(notified_at=late, delay_reason="Wochenende", likelihood=2, severity=3), MATRIX, late
    )
    assert done.delay_reason == "Wochenende"


def test_no_notification_only_without_risk() -> None:
    assert (
        "Bitte zuerst das Risiko bewerten"
        in problems(breach(no_notification_reason="verschlüsselt"))["likelihood"]
    )
    message = problems(breach(no_notification_reason="x", likelihood=2, severity=3))
    assert "„Risiko“" in message["no_notification_reason"]
    ok = validate_breach(
        breach(no_notification_reason=" verschlüsselt ", likelihood=1, severity=2), MATRIX, NOW
    )
    assert ok.no_notification_reason == "verschlüsselt"


def test_other_problems_name_their_fields() -> None:
    found = problems(
        BreachData(
            title=" ",
            aware_at=NOW + timedelta(days=1),
            persons_count=-1,
            likelihood=2,
            closed_on=date(2026, 10, 13),
        )
    )
    assert set(found) >= {"title", "aware_at", "persons_count", "severity", "closed_on"}
    assert found["aware_at"].endswith("liegt in der Zukunft.")


def test_high_risk_cannot_be_closed_before_the_persons_are_told() -> None:
    data = breach(likelihood=3, severity=4, notified_at=NOW, closed_on=date(2026, 10, 13))
    assert "Art. 34" in problems(data)["persons_informed_on"]
    told = validate_breach(
        breach(
            likelihood=3,
            severity=4,
            notified_at=NOW,
            persons_informed_on=date(2026, 10, 13),
            closed_on=date(2026, 10, 13),
        ),
        MATRIX,
        NOW,
    )
    assert told.closed_on == date(2026, 10, 13)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 20), 1, date(2026, 12, 20)),
        (date(2026, 11, 20), 3, date(2027, 2, 20)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
    ],
)
def test_month_periods_end_on_the_same_day_or_the_months_last(day, months, expected) -> None:
    assert add_months(day, months) == expected
