"""Recording returned forms, revocations and corrections; bad input stores nothing."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dpo_desk.app import open_app
from dpo_desk.core.consent.scan_code import make_scan_code
from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import Channel, SignerRole
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.consent.corrections import correct_event, undo_event
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.recording import (
    FormEntry,
    RevocationEntry,
    record_form,
    record_revocation,
)
from dpo_desk.services.consent.scanning import resolve_scan, scan_code_for
from dpo_desk.services.consent.template_edit import update_template
from dpo_desk.services.consent.templates import TemplateDraft, get_template
from dpo_desk.services.roster import students as roster
from dpo_desk.services.schools import create_school
from dpo_desk.store.models import AuditEvent, ConsentEvent
from tests.conftest import sample_profile
from tests.services.consent_support import TODAY, fill_school

GUARDIANS = frozenset({SignerRole.GUARDIANS})
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


def test_a_form_of_an_old_version_is_refused(ctx, school_id, ids) -> None:
    record_form(ctx, school_id, KEY, _form(ids["Zimmermann"]), on=TODAY)
    video = get_template(ctx, school_id, KEY)
    draft = TemplateDraft.from_version(video.current)
    draft.information_text += " Neu: Aufzeichnungen nie."
    update_template(ctx, video.id, draft)
    with pytest.raises(ValidationError, match=r"Version 1 .* aktuell ist Version 2"):
        record_form(ctx, school_id, KEY, _form(ids["Çelik"]), version=1, on=TODAY)
    assert _events(ctx) == 1


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
