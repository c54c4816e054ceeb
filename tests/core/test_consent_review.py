"""Before storing: an entry that conflicts with the record is named in German, and nothing
that changes no status goes unnoticed."""

from __future__ import annotations

from datetime import date

from dpo_desk.core.consent.events import Precedence
from dpo_desk.core.consent.review import NEW_ENTRY, NoticeKind, review_entry
from dpo_desk.core.consent.status import ConsentState
from tests.core.test_consent_order import form, revocation
from tests.core.test_consent_status import CHILD, VIDEO

D = date
TODAY = D(2026, 12, 2)


def test_a_revocation_dated_before_an_undated_form_asks_who_wins() -> None:
    undated = form(None, D(2026, 11, 30))
    late = revocation(NEW_ENTRY, D(2026, 11, 28), D(2026, 12, 1), D(2026, 11, 28))
    review = review_entry(late, [undated], VIDEO, CHILD, TODAY)
    assert [n.kind for n in review.notices] == [NoticeKind.UNDECIDED]
    notice = review.notices[0]
    assert notice.option_keys == ("video",)
    assert notice.choices == (Precedence.ENTRY, Precedence.RECORDED)
    assert "„Video“" in notice.message and "28.11.2026" in notice.message
    assert "ohne Unterschriftsdatum" in notice.message
    assert review.needs_decision and review.changed == ("video",)
    assert review.after["video"].state is ConsentState.REVOKED


def test_the_form_stays_newer_when_so_decided_and_then_the_revocation_says_it_changes_nothing():
    undated = form(None, D(2026, 11, 30))
    kept = revocation(NEW_ENTRY, D(2026, 11, 28), D(2026, 12, 1), precedence=Precedence.RECORDED)
    review = review_entry(kept, [undated], VIDEO, CHILD, TODAY)
    assert review.changed == ()
    assert [n.kind for n in review.notices] == [NoticeKind.UNDECIDED, NoticeKind.NO_EFFECT]
    assert "ändert am Stand vom 02.12.2026 nichts" in review.notices[-1].message


def test_a_form_older_than_a_recorded_revocation_is_named_and_needs_a_confirmation() -> None:
    history = [form(D(2026, 9, 1), D(2026, 9, 2)), revocation()]
    late_copy = form(D(2026, 11, 1), D(2026, 11, 20), event_id=NEW_ENTRY)
    review = review_entry(late_copy, history, VIDEO, CHILD, TODAY)
    assert review.notices[0].kind is NoticeKind.OLDER_THAN_REVOCATION
    assert "älter als der Widerruf (erklärt am 10.11.2026, eingegangen am 12.11.2026)" in (
        review.notices[0].message
    )
    assert review.notices[0].choices == (Precedence.CONFIRMED,)
    assert review.needs_decision


def test_an_undated_form_after_a_revocation_asks_whether_it_is_a_new_consent() -> None:
    history = [form(D(2026, 9, 1), D(2026, 9, 2)), revocation()]
    undated = form(None, D(2026, 11, 20), event_id=NEW_ENTRY)
    review = review_entry(undated, history, VIDEO, CHILD, TODAY)
    assert [n.kind for n in review.notices] == [NoticeKind.UNDECIDED, NoticeKind.NO_EFFECT]
    decided = form(None, D(2026, 11, 20), event_id=NEW_ENTRY, precedence=Precedence.ENTRY)
    review = review_entry(decided, history, VIDEO, CHILD, TODAY)
    assert review.changed == ("video",) and review.after["video"].state is ConsentState.GRANTED


def test_a_form_signed_after_the_revocation_is_simply_a_new_consent() -> None:
    history = [form(D(2026, 9, 1), D(2026, 9, 2)), revocation()]
    new = form(D(2026, 11, 15), D(2026, 11, 20), event_id=NEW_ENTRY)
    review = review_entry(new, history, VIDEO, CHILD, TODAY)
    assert review.notices == () and review.changed == ("video",)


def test_a_repeated_form_is_stored_with_a_notice_but_asks_nothing() -> None:
    first = form(D(2026, 9, 1), D(2026, 9, 2))
    again = form(D(2026, 9, 1), D(2026, 9, 3), event_id=NEW_ENTRY)
    review = review_entry(again, [first], VIDEO, CHILD, TODAY)
    assert [n.kind for n in review.notices] == [NoticeKind.NO_EFFECT]
    assert not review.needs_decision
    assert "Das Formular ändert" in review.message and "„Audio“: erteilt" in review.message


def test_a_revocation_of_a_refused_option_changes_nothing_and_must_be_confirmed() -> None:
    refused = form(D(2026, 9, 1), D(2026, 9, 2), answers={"audio": True, "video": False})
    review = review_entry(revocation(NEW_ENTRY), [refused], VIDEO, CHILD, TODAY)
    assert [n.kind for n in review.notices] == [NoticeKind.NO_EFFECT]
    assert "„Video“: abgelehnt" in review.message and review.needs_decision


def test_a_revocation_older_than_a_form_signed_after_it_is_named() -> None:
    newer = form(D(2026, 11, 25), D(2026, 11, 26))
    old = revocation(NEW_ENTRY, D(2026, 11, 10), D(2026, 11, 12))
    review = review_entry(old, [newer], VIDEO, CHILD, TODAY)
    assert review.notices[0].kind is NoticeKind.OLDER_THAN_FORM
    assert review.changed == ()


def test_a_revocation_with_a_future_effective_day_is_judged_on_that_day() -> None:
    granted = form(D(2026, 9, 1), D(2026, 9, 2))
    pending = revocation(NEW_ENTRY, TODAY, TODAY, D(2027, 1, 1))
    review = review_entry(pending, [granted], VIDEO, CHILD, TODAY)
    assert review.day == D(2027, 1, 1) and review.changed == ("video",)
    assert review.notices == ()


def test_a_correction_is_reviewed_against_the_others() -> None:
    """Correcting the recorded form's answers is no conflict with the form itself."""
    recorded = form(D(2026, 9, 1), D(2026, 9, 2))
    fixed = form(D(2026, 9, 1), D(2026, 9, 2), event_id=NEW_ENTRY, answers={"audio": True})
    review = review_entry(fixed, [recorded], VIDEO, CHILD, TODAY, replaces=1)
    assert review.notices == () and review.changed == ("video",)
