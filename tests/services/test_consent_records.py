"""Recording returned forms, revocations and corrections; bad input stores nothing."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dpo_desk.app import open_app
from dpo_desk.core.consent.events import Precedence
from dpo_desk.core.consent.scan_code import make_scan_code
from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import ChangeKind, Channel, SignerRole
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.corrections import correct_event, undo_event
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.recording import (
    ConsentConflict,
    DecisionNeeded,
    FormEntry,
    RecordedEvent,
    RevocationEntry,
    record_form,
    record_revocation,
    stored,
)
from dpo_desk.services.consent.scanning import resolve_scan, scan_code_for
from dpo_desk.services.consent.template_edit import update_template
from dpo_desk.services.consent.templates import TemplateDraft, get_template
from dpo_desk.services.roster import students as roster
from dpo_desk.services.schools import create_school
from dpo_desk.store.models import AuditEvent, ConsentEvent
from tests.conftest import sample_profile
from tests.services.consent_support import TODAY, fill_school, hand_out

GUARDIANS = frozenset({SignerRole.GUARDIANS})
BOTH = frozenset(SignerRole)
KEY = "videokonferenzen"


@pytest.fixture
def ids(ctx, school_id, tmp_path: Path) -> dict[str, int]:
    return fill_school(ctx, school_id, tmp_path)


def _events(ctx) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(ConsentEvent))


def _form(student_id: int, audio: bool | None = True, video: bool | None = True, **kw):
    values = dict(received_on=TODAY, signed_on=TODAY - timedelta(days=2), signed_by=GUARDIANS)
    values.update(kw)
    return FormEntry(student_id, {"audio": audio, "video": video}, **values)


def _states(ctx, school_id, student_id: int, day: date = TODAY) -> dict[str, ConsentState]:
    status = template_status(ctx, school_id, KEY, on=day)
    row = next(r for r in status.rows if r.student_id == student_id)
    return {key: s.state for key, s in row.states.items()}


@pytest.mark.both_backends
def test_a_returned_form_is_stored_with_who_and_when_and_audited(ctx, school_id, ids) -> None:
    recorded = record_form(ctx, school_id, KEY, _form(ids["Zimmermann"], True, False), on=TODAY)
    assert recorded.version == 1 and recorded.entered_by == ctx.actor
    assert _states(ctx, school_id, ids["Zimmermann"]) == {
        "audio": ConsentState.GRANTED,
        "video": ConsentState.REFUSED,
    }
    with ctx.reading() as session:
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "consent_event")
        ).one()
        entity_id, changes = audit.entity_id, audit.changes
    assert entity_id == recorded.id and changes["answers"] == {
        "audio": True,
        "video": False,
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (dict(signed_on=TODAY + timedelta(days=1)), "liegt in der Zukunft"),
        (dict(signed_on=TODAY, received_on=TODAY - timedelta(days=3)), "vor dem Unterschrifts"),
    ],
)
@pytest.mark.both_backends
def test_impossible_dates_are_refused_and_nothing_is_stored(
    ctx, school_id, ids, changes, expected
) -> None:
    with pytest.raises(ValidationError) as caught:
        record_form(ctx, school_id, KEY, _form(ids["Çelik"], **changes), on=TODAY)
    assert expected in str(caught.value)
    assert "Zeynep Çelik" in str(caught.value)
    assert _events(ctx) == 0


def test_a_student_who_has_left_gets_no_new_consent(ctx, school_id, ids) -> None:
    roster.mark_left(ctx, ids["Becker"], TODAY - timedelta(days=10))
    with pytest.raises(ValidationError, match="verlassen"):
        record_form(ctx, school_id, KEY, _form(ids["Becker"]), on=TODAY)
    assert _events(ctx) == 0


def _new_version(ctx, school_id, change: ChangeKind, renew: bool = False) -> None:
    video = get_template(ctx, school_id, KEY)
    draft = TemplateDraft.from_version(video.current)
    draft.information_text += " Neu: Aufzeichnungen nie."
    update_template(ctx, video.id, draft, change=change, renew_consents=renew)


def test_a_form_is_recorded_against_the_version_printed_for_the_student(
    ctx, school_id, ids
) -> None:
    """Version 1 went to everyone; after a typo fix version 2 went to Çelik only. A typed
    form counts for the version last printed for the student, a scanned one for the version
    in its code; a version never printed for the student is named as such."""
    ctx.clock = FixedClock(TODAY - timedelta(days=10))
    _new_version(ctx, school_id, ChangeKind.EDITORIAL)
    hand_out(ctx, school_id, [ids["Çelik"]], version=2)
    ctx.clock = FixedClock(TODAY)
    assert record_form(ctx, school_id, KEY, _form(ids["Zimmermann"])).version == 1
    assert record_form(ctx, school_id, KEY, _form(ids["Çelik"])).version == 2
    old_paper = _form(ids["Nguyễn"], entry_method="scan")
    assert record_form(ctx, school_id, KEY, old_paper, version=1).version == 1
    with pytest.raises(ValidationError, match="Code einer nie gedruckten Version: Version 2"):
        resolve_scan(ctx, school_id, make_scan_code("123456", ids["Wałęsa"], KEY, 2))
    with pytest.raises(ValidationError, match=r"Nie gedruckte Version: Version 2 .* Ola Wałęsa"):
        record_form(ctx, school_id, KEY, _form(ids["Wałęsa"]), version=2)
    with ctx.reading() as session:
        bases = session.scalars(select(ConsentEvent.version_basis).order_by(ConsentEvent.id))
        assert list(bases) == ["printed", "printed", "code"]
    assert _events(ctx) == 3


def test_nothing_is_recorded_for_a_student_no_form_was_printed_for(
    ctx, school_id, tmp_path
) -> None:
    ids = fill_school(ctx, school_id, tmp_path, printed=False)
    with pytest.raises(ValidationError, match="noch kein Formular gedruckt"):
        record_form(ctx, school_id, KEY, _form(ids["Becker"]), on=TODAY)
    assert _events(ctx) == 0


def test_the_issue_case_a_revocation_dated_before_an_undated_form_is_decided_by_a_person(
    ctx, school_id, ids
) -> None:
    """Form received 30.11 without a signing date, then "Widerruf Video, erklärt und wirksam
    ab 28.11": nothing is stored silently; decided, the revocation acts."""
    ctx.clock = FixedClock(date(2026, 12, 2))
    student = ids["Zimmermann"]
    record_form(ctx, school_id, KEY, _form(student, signed_on=None, received_on=date(2026, 11, 30)))
    entry = RevocationEntry(
        student, date(2026, 11, 28), Channel.LETTER, frozenset({"video"}), date(2026, 11, 28)
    )
    needed = record_revocation(ctx, school_id, KEY, entry)
    assert isinstance(needed, DecisionNeeded) and _events(ctx) == 1
    assert "ohne Unterschriftsdatum" in needed.message and "28.11.2026" in needed.message
    assert needed.choices == (Precedence.ENTRY, Precedence.RECORDED)
    with pytest.raises(ConsentConflict):
        stored(needed)
    done = record_revocation(ctx, school_id, KEY, entry, decision=Precedence.ENTRY)
    assert isinstance(done, RecordedEvent) and done.review.changed == ("video",)
    assert _states(ctx, school_id, student, date(2026, 12, 2)) == {
        "audio": ConsentState.GRANTED,
        "video": ConsentState.REVOKED,
    }
    history = student_history(ctx, school_id, student)
    assert history[-1].precedence == "entry" and history[-1].received_on == date(2026, 12, 2)
    status = template_status(ctx, school_id, KEY, on=date(2026, 12, 2))
    assert "Zimmermann" not in " ".join(status.participants("video"))


def test_a_revocation_that_changes_nothing_is_stored_only_when_confirmed(
    ctx, school_id, ids
) -> None:
    student = ids["Becker"]
    record_form(ctx, school_id, KEY, _form(student, video=False, signed_by=BOTH), on=TODAY)
    entry = RevocationEntry(student, TODAY, Channel.EMAIL, frozenset({"video"}))
    needed = record_revocation(ctx, school_id, KEY, entry, on=TODAY)
    assert isinstance(needed, DecisionNeeded)
    assert "„Teilnahme per Video (Kamera)“: abgelehnt" in needed.message
    assert needed.choices == (Precedence.CONFIRMED,)
    done = stored(
        record_revocation(ctx, school_id, KEY, entry, on=TODAY, decision=Precedence.CONFIRMED)
    )
    assert done.changed_nothing and _events(ctx) == 2


def test_a_form_older_than_a_recorded_revocation_waits_for_a_confirmation(
    ctx, school_id, ids
) -> None:
    student = ids["Wałęsa"]
    record_form(
        ctx,
        school_id,
        KEY,
        _form(student, received_on=date(2026, 11, 2), signed_on=date(2026, 11, 1)),
        on=TODAY,
    )
    revocation = RevocationEntry(student, date(2026, 11, 10), Channel.LETTER, frozenset({"video"}))
    stored(record_revocation(ctx, school_id, KEY, revocation, on=TODAY))
    late_copy = _form(student, signed_on=date(2026, 11, 5), received_on=TODAY)
    needed = record_form(ctx, school_id, KEY, late_copy, on=TODAY)
    assert isinstance(needed, DecisionNeeded) and "älter als der Widerruf" in needed.message
    kept = stored(
        record_form(ctx, school_id, KEY, late_copy, on=TODAY, decision=Precedence.CONFIRMED)
    )
    assert kept.review.changed == ()
    assert _states(ctx, school_id, student)["video"] is ConsentState.REVOKED


def test_a_repeated_form_is_stored_and_says_it_changes_nothing(ctx, school_id, ids) -> None:
    record_form(ctx, school_id, KEY, _form(ids["Çelik"]), on=TODAY)
    again = stored(record_form(ctx, school_id, KEY, _form(ids["Çelik"]), on=TODAY))
    assert again.changed_nothing and "ändert am Stand" in again.review.message


def test_scan_codes_find_the_student_and_refuse_garbled_and_foreign_ones(
    ctx, school_id, ids
) -> None:
    code = scan_code_for(ctx, school_id, ids["Nguyễn"], KEY)
    assert code.startswith("EW.123456.")
    target = resolve_scan(ctx, school_id, code + "\n")
    assert (target.student_id, target.template_key, target.version) == (ids["Nguyễn"], KEY, 1)
    garbled = code[:-4] + ("7" if code[-4] != "7" else "8") + code[-3:]
    with pytest.raises(ValidationError, match="nicht lesbar"):
        resolve_scan(ctx, school_id, garbled)
    other = create_school(ctx, sample_profile(name="Andere Schule", school_number="654321")).id
    foreign = make_scan_code("654321", ids["Nguyễn"], KEY, 1)
    with pytest.raises(ValidationError, match="anderen Schule"):
        resolve_scan(ctx, school_id, foreign)
    with pytest.raises(ValidationError, match="anderen Schule"):
        resolve_scan(ctx, other, code)
    roster.mark_left(ctx, ids["Nguyễn"], TODAY - timedelta(days=3))
    with pytest.raises(ValidationError, match="Minh Nguyễn hat die Schule am"):
        resolve_scan(ctx, school_id, code)


@pytest.mark.both_backends
def test_a_partial_revocation_ends_only_that_option_from_its_effective_day(
    ctx, school_id, ids
) -> None:
    record_form(ctx, school_id, KEY, _form(ids["Wałęsa"]), on=TODAY)
    record_revocation(
        ctx,
        school_id,
        KEY,
        RevocationEntry(
            ids["Wałęsa"], TODAY, Channel.EMAIL, frozenset({"video"}), TODAY + timedelta(days=7)
        ),
        on=TODAY,
    )
    assert _states(ctx, school_id, ids["Wałęsa"]) == {
        "audio": ConsentState.GRANTED,
        "video": ConsentState.GRANTED,
    }
    later = TODAY + timedelta(days=7)
    assert _states(ctx, school_id, ids["Wałęsa"], later) == {
        "audio": ConsentState.GRANTED,
        "video": ConsentState.REVOKED,
    }


def test_a_revocation_back_in_time_is_refused(ctx, school_id, ids) -> None:
    with pytest.raises(ValidationError, match="nur für die Zukunft"):
        record_revocation(
            ctx,
            school_id,
            KEY,
            RevocationEntry(ids["Wałęsa"], TODAY, Channel.LETTER, None, TODAY - timedelta(1)),
            on=TODAY,
        )
    assert _events(ctx) == 0


@pytest.mark.both_backends
def test_a_correction_replaces_the_entry_and_keeps_the_original_visible(
    ctx, school_id, ids
) -> None:
    wrong = record_form(ctx, school_id, KEY, _form(ids["Zimmermann"], True, True), on=TODAY)
    correct_event(ctx, wrong.id, _form(ids["Zimmermann"], True, False), "Video war NEIN", on=TODAY)
    assert _states(ctx, school_id, ids["Zimmermann"])["video"] is ConsentState.REFUSED
    history = student_history(ctx, school_id, ids["Zimmermann"])
    assert [(h.kind, h.in_force) for h in history] == [("form", False), ("correction", True)]
    assert history[0].answers == [
        ("Teilnahme per Audio (Mikrofon)", True),
        ("Teilnahme per Video (Kamera)", True),
    ]
    assert history[1].corrects_id == wrong.id and history[1].note == "Video war NEIN"
    with pytest.raises(ValidationError, match="schon durch"):
        undo_event(ctx, wrong.id)


@pytest.mark.both_backends
def test_undo_voids_the_last_entry_without_deleting_it(ctx, school_id, ids) -> None:
    recorded = record_form(ctx, school_id, KEY, _form(ids["Çelik"]), on=TODAY)
    undo_event(ctx, recorded.id)
    assert _states(ctx, school_id, ids["Çelik"])["audio"] is ConsentState.NOT_RETURNED
    assert _events(ctx) == 2
    history = student_history(ctx, school_id, ids["Çelik"])
    assert history[-1].payload_kind == "" and history[-1].note == "Eingabe rückgängig gemacht"


@pytest.mark.both_backends
def test_two_windows_recording_the_same_class_lose_no_entry(ctx, school_id, ids, data_dir) -> None:
    second = open_app(str(data_dir))
    students = list(ids.values())
    errors: list[BaseException] = []

    def record(context, student_ids) -> None:
        try:
            for student_id in student_ids:
                record_form(context, school_id, KEY, _form(student_id), on=TODAY)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=record, args=(ctx, students * 3)),
        threading.Thread(target=record, args=(second, list(reversed(students)) * 3)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    second.db.close()
    assert errors == []
    assert _events(ctx) == 2 * 3 * len(students)


@pytest.mark.both_backends
def test_undoing_a_correction_brings_back_what_it_replaced(ctx, school_id, ids) -> None:
    first = record_form(ctx, school_id, KEY, _form(ids["Çelik"], True, True), on=TODAY)
    corrected = correct_event(ctx, first.id, _form(ids["Çelik"], True, False), "", on=TODAY)
    assert _states(ctx, school_id, ids["Çelik"])["video"] is ConsentState.REFUSED
    undone = undo_event(ctx, corrected.id)
    assert _states(ctx, school_id, ids["Çelik"])["video"] is ConsentState.GRANTED
    undo_event(ctx, undone.id)
    assert _states(ctx, school_id, ids["Çelik"])["video"] is ConsentState.REFUSED
    assert len(student_history(ctx, school_id, ids["Çelik"])) == 4
