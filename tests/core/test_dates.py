"""Dates as secretaries type them: full, short, and the day without a year."""

from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.dates import format_date, parse_date, parse_entered_date

RECEIVED = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12.9.", date(2026, 9, 12)),  # before the arrival: this year
        ("12.9", date(2026, 9, 12)),
        ("24.12.", date(2025, 12, 24)),  # after the arrival: the year before
        ("30.11.", date(2026, 11, 30)),  # the arrival day itself
        ("12.9.26", date(2026, 9, 12)),
        ("12.09.2026", date(2026, 9, 12)),
        ("2026-09-12", date(2026, 9, 12)),
        ("29.2.", date(2024, 2, 29)),  # the nearest leap day before
    ],
)
def test_entered_dates_before_a_reference(typed: str, expected: date) -> None:
    assert parse_entered_date(typed, RECEIVED) == expected


def test_entered_dates_after_a_reference_for_deadlines() -> None:
    assert parse_entered_date("12.9.", RECEIVED, past=False) == date(2027, 9, 12)
    assert parse_entered_date("24.12.", RECEIVED, past=False) == date(2026, 12, 24)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.2.", "diesen Tag gibt es nicht"),
        ("31.02.2026", "diesen Tag gibt es nicht"),
        ("morgen", "kein Datum"),
    ],
)
def test_wrong_dates_are_named_in_german(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as refused:
        parse_entered_date(typed, RECEIVED)
    assert typed in str(refused.value)


def test_birth_dates_refuse_a_two_digit_year() -> None:
    with pytest.raises(ValueError, match="zweistellige Jahreszahl"):
        parse_date("1.2.13")
    assert parse_date("1.2.2013") == date(2013, 2, 1)
    assert format_date(date(2013, 2, 1)) == "01.02.2013"
