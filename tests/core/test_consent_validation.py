"""Bad consent input is rejected with a German message that names the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dpo_desk.core.consent.catalogue import starter_template
from dpo_desk.core.consent.events import (
    Correction,
    FormReturned,
    Revocation,
)
from dpo_desk.core.consent.validation import (
    correction_problems,
    returned_form_problems,
    revocation_problems,
    template_problems,
    validate_returned_form,
)
from dpo_desk.core.consent.values import (
    Channel,
    ConsentOption,
    ConsentTemplate,
    Duration,
    DurationKind,
    SignerRole,
    SignerRules,
    StudentFacts,
)
from dpo_desk.core.validation import ValidationError

TODAY = date(2026, 11, 23)
VIDEO_V1 = starter_template("videokonferenzen")
assert VIDEO_V1 is not None
VIDEO_V2 = replace(VIDEO_V1, version=2, released_on=date(2026, 10, 1))
TEMPLATE = ConsentTemplate("videokonferenzen", (VIDEO_V1, VIDEO_V2))
STUDENT = StudentFacts(birth_date=date(2013, 3, 3))


def returned(**changes: object) -> FormReturned:
    base = FormReturned(
        event_id=1,
        template_version=2,
        answers={"audio": True, "video": False},
        signed_on=date(2026, 11, 20),
        received_on=date(2026, 11, 22),
        signed_by=frozenset({SignerRole.GUARDIANS}),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def messages(problems: list) -> str:
    return "\n".join(problem.message for problem in problems)


def test_a_correct_form_passes() -> None:
    assert returned_form_problems(returned(), STUDENT, TEMPLATE, TODAY) == []
    validate_returned_form(returned(), STUDENT, TEMPLATE, TODAY)


def test_signed_date_in_the_future() -> None:
    problems = returned_form_problems(
        returned(signed_on=date(2026, 11, 24), received_on=date(2026, 11, 24)),
        STUDENT,
        TEMPLATE,
        TODAY,
    )
    assert [p.field for p in problems] == ["signed_on", "received_on"]
    assert "24.11.2026 liegt in der Zukunft" in problems[0].message


def test_received_before_signed() -> None:
    problems = returned_form_problems(
        returned(received_on=date(2026, 11, 19)), STUDENT, TEMPLATE, TODAY
    )
    assert [p.field for p in problems] == ["received_on"]
    assert "19.11.2026 liegt vor dem Unterschriftsdatum 20.11.2026" in problems[0].message


def test_student_who_has_left_gets_no_new_consent() -> None:
    leaver = replace(STUDENT, left_on=date(2026, 7, 15))
    with pytest.raises(ValidationError) as caught:
        validate_returned_form(returned(), leaver, TEMPLATE, TODAY)
    assert "am 15.07.2026 verlassen" in str(caught.value)


def test_old_versions_are_fine_unknown_ones_not() -> None:
    """An older version is what some families received (the print log decides that)."""
    assert returned_form_problems(returned(template_version=1), STUDENT, TEMPLATE, TODAY) == []
    unknown = returned_form_problems(returned(template_version=7), STUDENT, TEMPLATE, TODAY)
    assert "keine Version 7" in messages(unknown)


def test_signed_before_the_version_was_released() -> None:
    problems = returned_form_problems(
        returned(signed_on=date(2026, 9, 1)), STUDENT, TEMPLATE, TODAY
    )
    assert "vor der Freigabe dieser Fassung am 01.10.2026" in messages(problems)


def test_answers_for_options_the_version_does_not_have() -> None:
    problems = returned_form_problems(
        returned(answers={"audio": True, "chat": True}), STUDENT, TEMPLATE, TODAY
    )
    assert "chat" in messages(problems)


def test_revocation_cannot_act_backwards_or_be_dated_ahead() -> None:
    backwards = Revocation(5, date(2026, 11, 20), Channel.LETTER, effective_on=date(2026, 11, 1))
    assert "nur für die Zukunft" in messages(revocation_problems(backwards, TEMPLATE, TODAY))
    ahead = Revocation(5, date(2026, 12, 1), Channel.EMAIL)
    assert "in der Zukunft" in messages(revocation_problems(ahead, TEMPLATE, TODAY))
    early = Revocation(5, date(2026, 11, 20), Channel.LETTER, received_on=date(2026, 11, 19))
    assert "nicht vor seiner Erklärung eingehen" in messages(
        revocation_problems(early, TEMPLATE, TODAY)
    )
    later = Revocation(5, date(2026, 11, 20), Channel.LETTER, received_on=TODAY + timedelta(1))
    assert "eingegangen am" in messages(revocation_problems(later, TEMPLATE, TODAY))
    pending = Revocation(5, TODAY, Channel.EMAIL, effective_on=date(2027, 1, 1))
    assert revocation_problems(pending, TEMPLATE, TODAY) == []


def test_revocation_of_unknown_or_no_options() -> None:
    unknown = Revocation(5, TODAY, Channel.IN_PERSON, options=frozenset({"chat"}))
    assert "chat" in messages(revocation_problems(unknown, TEMPLATE, TODAY))
    empty = Revocation(5, TODAY, Channel.NOTE, options=frozenset())
    assert "mindestens eine Option" in messages(revocation_problems(empty, TEMPLATE, TODAY))


def test_correction_must_point_at_this_history() -> None:
    history = [returned()]
    assert correction_problems(Correction(2, supersedes=1, replacement=returned()), history) == []
    assert "gehört nicht" in messages(correction_problems(Correction(2, supersedes=9), history))
    assert "Grund" in messages(correction_problems(Correction(2, supersedes=1), history))


def test_template_problems_name_each_gap() -> None:
    broken = replace(
        VIDEO_V1,
        template_key="Video Konferenz",
        title=" ",
        options=(ConsentOption("audio", "Audio"), ConsentOption("audio", "")),
        signers=SignerRules(co_signature_age=18, student_alone_age=16),
        duration=Duration(DurationKind.UNTIL_DATE, renewal_years=0),
    )
    fields = [problem.field for problem in template_problems(broken)]
    assert fields == ["key", "title", "options.2", "options.2", "signers", "duration", "duration"]
    assert "Mindestens eine Option" in messages(template_problems(replace(VIDEO_V1, options=())))
    condition = replace(VIDEO_V1, duration=Duration(DurationKind.WHILE_CONDITION))
    assert "Umstand" in messages(template_problems(condition))
