"""Who signs at which age, how long proof is kept, and how corrections are resolved."""

from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.consent.events import (
    Correction,
    FormReturned,
    Revocation,
    effective_events,
)
from dpo_desk.core.consent.values import (
    Channel,
    SignerRole,
    SignerRules,
    StudentFacts,
    add_years,
    age_on,
    proof_retention_ends_on,
    roles_for_student,
    signature_roles_for,
)

GUARDIANS, STUDENT = SignerRole.GUARDIANS, SignerRole.STUDENT


@pytest.mark.parametrize(
    ("day", "age"),
    [(date(2026, 4, 2), 15), (date(2026, 4, 3), 16), (date(2027, 4, 2), 16)],
)
def test_age_changes_on_the_birthday(day: date, age: int) -> None:
    assert age_on(date(2010, 4, 3), day) == age


def test_born_on_29_february_is_older_from_1_march_in_common_years() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 28)) == 17
    assert age_on(born, date(2026, 3, 1)) == 18


@pytest.mark.parametrize(
    ("age", "roles"),
    [
        (10, (GUARDIANS,)),
        (15, (GUARDIANS,)),
        (16, (GUARDIANS, STUDENT)),
        (17, (GUARDIANS, STUDENT)),
        (18, (STUDENT,)),
        (21, (STUDENT,)),
        (None, (GUARDIANS, STUDENT)),
    ],
)
def test_default_signature_lines(age: int | None, roles: tuple[SignerRole, ...]) -> None:
    assert signature_roles_for(age, SignerRules()) == roles


def test_thresholds_are_a_setting_of_the_template() -> None:
    earlier = SignerRules(co_signature_age=14, student_alone_age=18)
    assert signature_roles_for(13, earlier) == (GUARDIANS,)
    assert signature_roles_for(14, earlier) == (GUARDIANS, STUDENT)


def test_lines_printed_follow_the_age_on_the_print_date() -> None:
    student = StudentFacts(birth_date=date(2010, 11, 25))
    assert roles_for_student(student, date(2026, 11, 24), SignerRules()) == (GUARDIANS,)
    assert roles_for_student(student, date(2026, 11, 25), SignerRules()) == (GUARDIANS, STUDENT)
    unknown = StudentFacts()
    assert roles_for_student(unknown, date(2026, 11, 25), SignerRules()) == (GUARDIANS, STUDENT)


@pytest.mark.parametrize(
    ("left_on", "years", "erase_after"),
    [
        (date(2026, 7, 15), 1, date(2027, 7, 31)),  # leaves at the end of 2025/26
        (date(2026, 7, 31), 1, date(2027, 7, 31)),
        (date(2026, 8, 1), 1, date(2028, 7, 31)),  # first day of 2026/27
        (date(2026, 11, 20), 1, date(2028, 7, 31)),  # moves away during 2026/27
        (date(2026, 11, 20), 0, date(2027, 7, 31)),
        (date(2026, 11, 20), 3, date(2030, 7, 31)),
    ],
)
def test_proof_is_kept_until_a_year_after_the_school_year_of_leaving(
    left_on: date, years: int, erase_after: date
) -> None:
    assert proof_retention_ends_on(left_on, years) == erase_after


def test_proof_of_a_current_student_is_kept() -> None:
    assert proof_retention_ends_on(None) is None


def test_add_years_handles_29_february() -> None:
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_effective_events_apply_corrections_in_order() -> None:
    original = FormReturned(1, 1, {"a": True}, received_on=date(2026, 9, 2))
    fixed = FormReturned(2, 1, {"a": False}, received_on=date(2026, 9, 2))
    wrong_revocation = Revocation(3, date(2026, 9, 5), Channel.NOTE)
    events = [
        original,
        Correction(2, supersedes=1, replacement=fixed),
        wrong_revocation,
        Correction(4, supersedes=3, reason="anderes Kind"),
    ]
    resolved = effective_events(events)
    assert resolved.forms == (fixed,)
    assert resolved.revocations == ()


def test_form_without_a_signing_date_is_dated_by_its_arrival() -> None:
    undated = FormReturned(1, 1, {}, received_on=date(2026, 9, 2))
    assert undated.declared_on == date(2026, 9, 2)
