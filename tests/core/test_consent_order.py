"""Revocations against returned forms, for every combination of dates: which declaration is
the newer one, what the person decides where the dates cannot tell, and that a revocation
always acts on what it names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dpo_desk.core.consent.events import (
    ConsentEvent,
    Correction,
    FormReturned,
    Precedence,
    Revocation,
)
from dpo_desk.core.consent.order import Order, order_by_dates
from dpo_desk.core.consent.status import ConsentState, EndReason, consent_states, consent_status
from dpo_desk.core.consent.values import (
    ChangeKind,
    Channel,
    ConsentTemplate,
    SignerRole,
)
from tests.core.test_consent_status import CHILD, VIDEO, VIDEO_V1

GRANTED, REVOKED, REFUSED = ConsentState.GRANTED, ConsentState.REVOKED, ConsentState.REFUSED
GUARDIANS = frozenset({SignerRole.GUARDIANS})
DECLARED = date(2026, 11, 10)
ARRIVED = date(2026, 11, 12)  # the revocation letter reached the school two days later
LATER = date(2026, 12, 1)


def form(
    signed: date | None,
    received: date,
    event_id: int = 1,
    answers: dict[str, bool | None] | None = None,
    precedence: Precedence = Precedence.NONE,
) -> FormReturned:
    return FormReturned(
        event_id=event_id,
        template_version=1,
        answers=answers or {"audio": True, "video": True},
        received_on=received,
        signed_on=signed,
        signed_by=GUARDIANS,
        precedence=precedence,
    )


def revocation(
    event_id: int = 2,
    declared: date = DECLARED,
    received: date | None = ARRIVED,
    effective: date | None = None,
    options: set[str] | None = None,
    precedence: Precedence = Precedence.NONE,
) -> Revocation:
    return Revocation(
        event_id=event_id,
        declared_on=declared,
        channel=Channel.LETTER,
        options=frozenset(options or {"video"}),
        effective_on=effective,
        received_on=received,
        precedence=precedence,
    )


def video(events: list[ConsentEvent], day: date = LATER) -> ConsentState:
    return consent_states(CHILD, VIDEO, events, day)["video"]


D = date
CASES = [
    # (signed, received, order by dates)
    (D(2026, 11, 1), D(2026, 11, 5), Order.REVOCATION_NEWER),  # both before the revocation
    (D(2026, 11, 1), D(2026, 11, 11), Order.REVOCATION_NEWER),  # arrived in between
    (D(2026, 11, 1), D(2026, 11, 20), Order.REVOCATION_NEWER),  # an old copy arriving late
    (D(2026, 11, 10), D(2026, 11, 20), Order.REVOCATION_NEWER),  # signed on the same day
    (D(2026, 11, 11), D(2026, 11, 11), Order.UNDECIDED),  # signed after, arrived before
    (D(2026, 11, 11), D(2026, 11, 12), Order.UNDECIDED),  # arrived on the same day
    (D(2026, 11, 15), D(2026, 11, 20), Order.FORM_NEWER),  # signed and arrived after
    (None, D(2026, 11, 5), Order.REVOCATION_NEWER),  # no date, arrived before
    (None, D(2026, 11, 10), Order.REVOCATION_NEWER),  # no date, arrived on the declared day
    (None, D(2026, 11, 11), Order.UNDECIDED),  # no date, arrived in between
    (None, D(2026, 11, 20), Order.UNDECIDED),  # no date, arrived after
]


@pytest.mark.parametrize(("signed", "received", "expected"), CASES)
def test_order_by_dates_for_every_combination(
    signed: date | None, received: date, expected: Order
) -> None:
    assert order_by_dates(form(signed, received), revocation()) is expected


@pytest.mark.parametrize(("signed", "received", "expected"), CASES)
@pytest.mark.parametrize("revocation_recorded_first", [True, False])
def test_without_a_decision_only_a_form_newer_by_both_dates_survives_the_revocation(
    signed: date | None, received: date, expected: Order, revocation_recorded_first: bool
) -> None:
    """Whatever the order of recording, the revocation ends the consent it names unless the
    form is a new consent by both dates; audio, not revoked, stays granted."""
    events: list[ConsentEvent] = [form(signed, received), revocation()]
    if revocation_recorded_first:
        events.reverse()
    states = consent_states(CHILD, VIDEO, events, LATER)
    assert states["audio"] is GRANTED
    assert states["video"] is (GRANTED if expected is Order.FORM_NEWER else REVOKED)


@pytest.mark.parametrize(
    ("signed", "received"), [(s, r) for s, r, o in CASES if o is Order.UNDECIDED]
)
@pytest.mark.parametrize(
    ("revocation_recorded_first", "decision", "expected"),
    [
        (False, Precedence.ENTRY, REVOKED),  # the revocation, entered later, wins
        (False, Precedence.RECORDED, GRANTED),  # the form already recorded stays newer
        (False, Precedence.CONFIRMED, REVOKED),
        (True, Precedence.ENTRY, GRANTED),  # the form, entered later, is a new consent
        (True, Precedence.RECORDED, REVOKED),  # the recorded revocation stays
        (True, Precedence.CONFIRMED, REVOKED),
    ],
)
def test_where_dates_cannot_decide_the_decision_of_the_later_entry_counts(
    signed: date | None,
    received: date,
    revocation_recorded_first: bool,
    decision: Precedence,
    expected: ConsentState,
) -> None:
    if revocation_recorded_first:
        events: list[ConsentEvent] = [revocation(), form(signed, received, precedence=decision)]
    else:
        events = [form(signed, received), revocation(precedence=decision)]
    assert video(events) is expected


@pytest.mark.parametrize("decision", list(Precedence))
def test_a_decision_never_overrides_what_the_dates_decide(decision: Precedence) -> None:
    old_copy = form(D(2026, 11, 1), D(2026, 11, 20), precedence=decision)
    assert video([revocation(), old_copy]) is REVOKED
    new_consent = form(D(2026, 11, 15), D(2026, 11, 20))
    assert video([new_consent, revocation(precedence=decision)]) is GRANTED


def test_the_reported_case_a_revocation_dated_before_an_undated_form_acts() -> None:
    """Form received 30.11 without a signing date; then "Widerruf Video, erklärt und
    wirksam ab 28.11" entered: Video is revoked (it stayed "erteilt" before)."""
    undated = form(None, D(2026, 11, 30))
    late = revocation(declared=D(2026, 11, 28), received=D(2026, 12, 1), effective=D(2026, 11, 28))
    status = consent_status(CHILD, VIDEO, [undated, late], D(2026, 12, 2))
    assert status["video"].state is REVOKED and status["video"].event_id == 2
    assert status["audio"].state is GRANTED


def test_a_decision_keeps_its_meaning_when_the_earlier_form_is_corrected() -> None:
    """The revocation was entered after the form with "the form stays newer"; correcting a
    typo in that form later does not turn the decision around."""
    undated = form(None, D(2026, 11, 30))
    kept = revocation(declared=D(2026, 11, 28), received=D(2026, 12, 1), precedence="recorded")
    fixed = Correction(3, 1, replace(undated, event_id=3, answers={"audio": False, "video": True}))
    states = consent_states(CHILD, VIDEO, [undated, kept, fixed], D(2026, 12, 2))
    assert states == {"audio": REFUSED, "video": GRANTED}


def test_a_revocation_acts_from_its_effective_date_not_before() -> None:
    events: list[ConsentEvent] = [
        form(D(2026, 9, 1), D(2026, 9, 2)),
        revocation(declared=D(2026, 11, 10), received=D(2026, 11, 10), effective=D(2026, 12, 1)),
    ]
    pending = consent_status(CHILD, VIDEO, events, D(2026, 11, 20))["video"]
    assert pending.state is GRANTED and pending.ends_on == D(2026, 11, 30)
    assert pending.ends_because is EndReason.REVOCATION
    assert video(events, D(2026, 12, 1)) is REVOKED


def test_a_revocation_of_an_incomplete_form_says_revoked_so_no_reminder_goes_out() -> None:
    unsigned = replace(form(D(2026, 9, 1), D(2026, 9, 2)), signed_by=frozenset())
    assert consent_states(CHILD, VIDEO, [unsigned], LATER)["video"] is ConsentState.INCOMPLETE
    assert video([unsigned, revocation()]) is REVOKED


def test_a_no_stays_a_no_after_a_revocation() -> None:
    refused = form(D(2026, 9, 1), D(2026, 9, 2), answers={"audio": True, "video": False})
    assert video([refused, revocation()]) is REFUSED


def test_each_status_names_the_text_version_it_rests_on() -> None:
    v2 = replace(VIDEO_V1, version=2, change_kind=ChangeKind.EDITORIAL)
    template = ConsentTemplate("videokonferenzen", (VIDEO_V1, v2))
    events: list[ConsentEvent] = [form(D(2026, 9, 1), D(2026, 9, 2)), revocation()]
    status = consent_status(CHILD, template, events, LATER)
    assert (status["audio"].version, status["video"].version) == (1, 1)
    assert consent_status(CHILD, template, [], LATER)["audio"].version is None


def test_a_new_wording_that_asks_again_makes_older_consents_renewal_due() -> None:
    v2 = replace(
        VIDEO_V1,
        version=2,
        change_kind=ChangeKind.WORDING,
        renew_consents=True,
        released_on=D(2026, 11, 15),
    )
    template = ConsentTemplate("videokonferenzen", (VIDEO_V1, v2))
    old = form(D(2026, 9, 1), D(2026, 9, 2), answers={"audio": True, "video": False})
    before = consent_status(CHILD, template, [old], D(2026, 11, 14))["audio"]
    assert before.state is GRANTED and before.ends_on == D(2026, 11, 14)
    assert before.ends_because is EndReason.NEW_WORDING
    after = consent_states(CHILD, template, [old], D(2026, 11, 15))
    assert after == {"audio": ConsentState.RENEWAL_DUE, "video": REFUSED}
    assert ConsentState.RENEWAL_DUE.label == "neu einzuholen"
    renewed = replace(old, event_id=5, template_version=2, signed_on=D(2026, 11, 20))
    renewed = replace(renewed, received_on=D(2026, 11, 21))
    assert consent_states(CHILD, template, [old, renewed], D(2026, 11, 21))["audio"] is GRANTED


def test_a_new_wording_that_keeps_old_consents_and_an_editorial_fix_change_nothing() -> None:
    for v2 in (
        replace(VIDEO_V1, version=2, change_kind=ChangeKind.WORDING, released_on=D(2026, 10, 1)),
        replace(VIDEO_V1, version=2, change_kind=ChangeKind.EDITORIAL, released_on=D(2026, 10, 1)),
    ):
        template = ConsentTemplate("videokonferenzen", (VIDEO_V1, v2))
        old = form(D(2026, 9, 1), D(2026, 9, 2))
        assert consent_states(CHILD, template, [old], LATER)["audio"] is GRANTED
