"""The status of a consent per option, as the teacher asking "who may join?" would see it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dpo_desk.core.consent.events import (
    ConsentEvent,
    Correction,
    FormReturned,
    Revocation,
)
from dpo_desk.core.consent.status import ConsentState, consent_states, consent_status
from dpo_desk.core.consent.values import (
    Channel,
    ConsentOption,
    ConsentTemplate,
    ConsentTemplateVersion,
    Duration,
    DurationKind,
    SignerRole,
    SignerRules,
    StudentFacts,
)

GUARDIANS = frozenset({SignerRole.GUARDIANS})
STUDENT = frozenset({SignerRole.STUDENT})
BOTH = GUARDIANS | STUDENT
GRANTED, REFUSED, REVOKED, MISSING, INCOMPLETE, EXPIRED = (
    ConsentState.GRANTED,
    ConsentState.REFUSED,
    ConsentState.REVOKED,
    ConsentState.NOT_RETURNED,
    ConsentState.INCOMPLETE,
    ConsentState.EXPIRED,
)

VIDEO_V1 = ConsentTemplateVersion(
    template_key="videokonferenzen",
    version=1,
    title="Videokonferenzen",
    purpose="Distanzunterricht",
    information_text="Info",
    declaration_text="Erklärung",
    voluntary_note="freiwillig",
    options=(ConsentOption("audio", "Audio"), ConsentOption("video", "Video")),
    duration=Duration(DurationKind.UNTIL_LEAVING),
)
VIDEO = ConsentTemplate("videokonferenzen", (VIDEO_V1,))
CHILD = StudentFacts(birth_date=date(2014, 5, 1))  # 12 in 2026


def form(
    event_id: int,
    answers: dict[str, bool | None],
    signed: date,
    received: date | None = None,
    signed_by: frozenset[SignerRole] = GUARDIANS,
    version: int = 1,
) -> FormReturned:
    return FormReturned(
        event_id=event_id,
        template_version=version,
        answers=answers,
        signed_on=signed,
        received_on=received or signed,
        signed_by=signed_by,
    )


def revoke(
    event_id: int,
    declared: date,
    options: set[str] | None = None,
    effective: date | None = None,
) -> Revocation:
    return Revocation(
        event_id=event_id,
        declared_on=declared,
        channel=Channel.EMAIL,
        options=None if options is None else frozenset(options),
        effective_on=effective,
    )


def states(
    events: list[ConsentEvent],
    day: date,
    student: StudentFacts = CHILD,
    template: ConsentTemplate = VIDEO,
) -> tuple[ConsentState, ...]:
    return tuple(consent_states(student, template, events, day).values())


def test_no_form_is_not_returned_and_never_allows_processing() -> None:
    result = consent_states(CHILD, VIDEO, [], date(2026, 11, 23))
    assert result == {"audio": MISSING, "video": MISSING}
    assert not any(state.allows_processing for state in result.values())


def test_partial_consent_is_kept_per_option() -> None:
    events = [form(1, {"audio": True, "video": False}, date(2026, 9, 10))]
    assert states(events, date(2026, 11, 23)) == (GRANTED, REFUSED)


def test_form_counts_only_from_the_day_it_arrived() -> None:
    events = [form(1, {"audio": True, "video": True}, date(2026, 9, 10), date(2026, 9, 14))]
    assert states(events, date(2026, 9, 13)) == (MISSING, MISSING)
    assert states(events, date(2026, 9, 14)) == (GRANTED, GRANTED)


def test_birthday_between_print_and_signature_needs_the_students_signature() -> None:
    """Printed at 15 (guardians' line only), signed after the 16th birthday: from then the
    student must sign as well, so a form signed by the guardians alone is incomplete."""
    student = StudentFacts(birth_date=date(2010, 11, 20))
    signed = date(2026, 11, 21)
    only_guardians = [form(1, {"audio": True, "video": True}, signed)]
    assert states(only_guardians, date(2026, 11, 23), student) == (INCOMPLETE, INCOMPLETE)
    both = [form(1, {"audio": True, "video": True}, signed, signed_by=BOTH)]
    assert states(both, date(2026, 11, 23), student) == (GRANTED, GRANTED)
    signed_before_birthday = [form(1, {"audio": True, "video": True}, date(2026, 11, 19))]
    assert states(signed_before_birthday, date(2026, 11, 23), student) == (GRANTED, GRANTED)


def test_adult_student_signs_alone() -> None:
    adult = StudentFacts(birth_date=date(2008, 1, 1))
    day = date(2026, 11, 23)
    assert states(
        [form(1, {"audio": True, "video": True}, day, signed_by=STUDENT)], day, adult
    ) == (
        GRANTED,
        GRANTED,
    )
    assert states([form(1, {"audio": True, "video": True}, day)], day, adult) == (
        INCOMPLETE,
        INCOMPLETE,
    )


def test_unknown_birth_date_needs_every_signature() -> None:
    unknown = StudentFacts(birth_date=None)
    day = date(2026, 11, 23)
    assert states([form(1, {"audio": True, "video": True}, day)], day, unknown) == (
        INCOMPLETE,
        INCOMPLETE,
    )
    assert states([form(1, {"audio": True, "video": True}, day, signed_by=BOTH)], day, unknown) == (
        GRANTED,
        GRANTED,
    )


def test_refusal_needs_no_complete_signature() -> None:
    events = [form(1, {"audio": False, "video": False}, date(2026, 9, 1), signed_by=frozenset())]
    assert states(events, date(2026, 11, 23)) == (REFUSED, REFUSED)


def test_blank_answer_is_incomplete() -> None:
    events = [form(1, {"audio": True, "video": None}, date(2026, 9, 1))]
    assert states(events, date(2026, 11, 23)) == (GRANTED, INCOMPLETE)


def test_revocation_dated_in_the_future_takes_effect_on_its_day() -> None:
    events: list[ConsentEvent] = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        revoke(2, date(2026, 12, 1), {"video"}, effective=date(2027, 1, 1)),
    ]
    before = consent_status(CHILD, VIDEO, events, date(2026, 12, 15))
    assert before["video"].state is GRANTED
    assert before["video"].ends_on == date(2026, 12, 31)
    assert states(events, date(2027, 1, 1)) == (GRANTED, REVOKED)


def test_revocation_applies_from_the_day_it_was_declared_not_earlier() -> None:
    events: list[ConsentEvent] = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        revoke(2, date(2026, 10, 5)),
    ]
    assert states(events, date(2026, 10, 4)) == (GRANTED, GRANTED)
    assert states(events, date(2026, 10, 5)) == (REVOKED, REVOKED)
    assert consent_status(CHILD, VIDEO, events, date(2026, 10, 5))["audio"].event_id == 2


def test_partial_revocation_leaves_the_other_options() -> None:
    events: list[ConsentEvent] = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        revoke(2, date(2026, 10, 5), {"video"}),
    ]
    assert states(events, date(2026, 11, 1)) == (GRANTED, REVOKED)


def test_new_form_after_a_revocation_is_a_new_consent() -> None:
    events: list[ConsentEvent] = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        revoke(2, date(2026, 10, 5), {"video"}),
        form(3, {"audio": True, "video": True}, date(2026, 11, 2)),
    ]
    assert states(events, date(2026, 11, 3)) == (GRANTED, GRANTED)


def test_revocation_on_the_signing_day_wins() -> None:
    """A revocation cannot come before the consent it revokes, so on the same day it is the
    later act; in doubt the student is not shown on camera."""
    day = date(2026, 9, 1)
    events: list[ConsentEvent] = [form(1, {"audio": True, "video": True}, day), revoke(2, day)]
    assert states(events, day) == (REVOKED, REVOKED)


def test_revocation_without_a_recorded_form_still_says_no() -> None:
    assert states([revoke(1, date(2026, 9, 1))], date(2026, 9, 2)) == (REVOKED, REVOKED)


def test_two_returned_forms_the_later_signed_one_counts() -> None:
    """The later signature is the family's latest will, whatever the order the forms reached
    the office: a stale JA copy found in a school bag weeks later must not override a NEIN
    signed after it."""
    yes_signed_early_arrived_late = form(
        1, {"audio": True, "video": True}, date(2026, 9, 1), date(2026, 10, 20)
    )
    no_signed_later_arrived_first = form(
        2, {"audio": True, "video": False}, date(2026, 9, 15), date(2026, 9, 16)
    )
    events: list[ConsentEvent] = [no_signed_later_arrived_first, yes_signed_early_arrived_late]
    assert states(events, date(2026, 11, 1)) == (GRANTED, REFUSED)
    status = consent_status(CHILD, VIDEO, events, date(2026, 11, 1))
    assert status["video"].event_id == 2


def test_later_form_with_a_blank_does_not_revive_an_older_yes() -> None:
    events = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        form(2, {"audio": True, "video": None}, date(2026, 10, 1)),
    ]
    assert states(events, date(2026, 11, 1)) == (GRANTED, INCOMPLETE)


def test_correction_replaces_a_mistyped_answer_and_keeps_the_original() -> None:
    original = form(1, {"audio": True, "video": True}, date(2026, 9, 1))
    corrected = replace(original, answers={"audio": True, "video": False})
    events: list[ConsentEvent] = [original, Correction(2, supersedes=1, replacement=corrected)]
    assert states(events, date(2026, 11, 1)) == (GRANTED, REFUSED)
    assert events[0] is original  # history is appended to, never rewritten


def test_correction_without_replacement_voids_an_entry_for_the_wrong_student() -> None:
    events: list[ConsentEvent] = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        Correction(2, supersedes=1, replacement=None, reason="falsches Kind"),
    ]
    assert states(events, date(2026, 11, 1)) == (MISSING, MISSING)


def test_correction_of_a_correction_uses_the_newest_replacement() -> None:
    original = form(1, {"audio": True, "video": True}, date(2026, 9, 1))
    events: list[ConsentEvent] = [
        original,
        Correction(2, 1, replace(original, answers={"audio": False, "video": False})),
        Correction(3, 2, replace(original, answers={"audio": False, "video": True})),
    ]
    assert states(events, date(2026, 11, 1)) == (REFUSED, GRANTED)


def test_corrected_revocation_date() -> None:
    events: list[ConsentEvent] = [
        form(1, {"audio": True, "video": True}, date(2026, 9, 1)),
        revoke(2, date(2026, 10, 1), {"video"}),
        Correction(3, 2, revoke(3, date(2026, 10, 20), {"video"})),
    ]
    assert states(events, date(2026, 10, 10)) == (GRANTED, GRANTED)
    assert states(events, date(2026, 10, 20)) == (GRANTED, REVOKED)


def test_renewal_interval_ends_the_consent() -> None:
    photos = ConsentTemplate(
        "fotos",
        (replace(VIDEO_V1, duration=Duration(DurationKind.UNTIL_REVOKED, renewal_years=2)),),
    )
    events = [form(1, {"audio": True, "video": True}, date(2024, 9, 10))]
    last = consent_status(CHILD, photos, events, date(2026, 9, 9))
    assert last["video"].state is GRANTED and last["video"].ends_on == date(2026, 9, 9)
    assert states(events, date(2026, 9, 10), template=photos) == (EXPIRED, EXPIRED)


def test_leaver_consents_expire_after_the_last_school_day() -> None:
    leaver = replace(CHILD, left_on=date(2026, 7, 15))
    events = [form(1, {"audio": True, "video": False}, date(2025, 9, 1))]
    assert states(events, date(2026, 7, 15), leaver) == (GRANTED, REFUSED)
    assert states(events, date(2026, 7, 16), leaver) == (EXPIRED, REFUSED)


def test_end_date_and_ended_condition_expire_the_consent() -> None:
    dated = replace(
        VIDEO_V1, duration=Duration(DurationKind.UNTIL_DATE, end_date=date(2026, 12, 31))
    )
    events = [form(1, {"audio": True, "video": True}, date(2026, 9, 1))]
    template = ConsentTemplate("v", (dated,))
    assert states(events, date(2026, 12, 31), template=template) == (GRANTED, GRANTED)
    assert states(events, date(2027, 1, 1), template=template) == (EXPIRED, EXPIRED)

    conditional = replace(
        VIDEO_V1, duration=Duration(DurationKind.WHILE_CONDITION, condition="Distanzunterricht")
    )
    running = ConsentTemplate("v", (conditional,))
    assert states(events, date(2027, 6, 1), template=running) == (GRANTED, GRANTED)
    ended = replace(running, condition_ended_on=date(2026, 11, 30))
    assert states(events, date(2026, 12, 1), template=ended) == (EXPIRED, EXPIRED)


def test_each_form_is_judged_by_the_version_it_was_signed_on() -> None:
    """Version 1 asked for the student's signature from 14 and had no press option; the
    current version 2 asks from 16 and added it."""
    v1 = replace(VIDEO_V1, signers=SignerRules(co_signature_age=14))
    v2 = replace(
        VIDEO_V1,
        version=2,
        options=(*VIDEO_V1.options, ConsentOption("presse", "Presse")),
    )
    template = ConsentTemplate("videokonferenzen", (v1, v2))
    fifteen = StudentFacts(birth_date=date(2011, 1, 1))
    events = [form(1, {"audio": True, "video": True}, date(2026, 9, 1), version=1)]
    assert consent_states(fifteen, template, events, date(2026, 11, 1)) == {
        "audio": INCOMPLETE,
        "video": INCOMPLETE,
        "presse": MISSING,
    }
    with_student = [replace(events[0], signed_by=BOTH)]
    assert consent_states(fifteen, template, with_student, date(2026, 11, 1)) == {
        "audio": GRANTED,
        "video": GRANTED,
        "presse": MISSING,
    }
