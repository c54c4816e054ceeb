"""Data subject requests: deadlines, validation, and an erasure that deletes exactly what
may go now (and nothing while a retention period runs)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dpo_desk.core.consent.values import SignerRole
from dpo_desk.core.requests.values import RequestData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.audit.chain import verify_log
from dpo_desk.services.changes import Area
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.requests import records as requests
from dpo_desk.services.requests.erasure import carry_out_erasure, erasure_preview
from dpo_desk.services.roster import students as roster
from dpo_desk.services.versions import RecordGone
from dpo_desk.store.models import AuditEvent, Student, SubjectRequest
from tests.services.consent_support import TODAY, fill_school

KEY = "videokonferenzen"
GUARDIANS = frozenset({SignerRole.GUARDIANS})


@pytest.fixture
def school(ctx, school_id, tmp_path: Path):
    ids = fill_school(ctx, school_id, tmp_path)
    ctx.clock = FixedClock(TODAY)
    return ctx, school_id, ids


def test_create_fills_the_name_and_numbers_per_year(school) -> None:
    ctx, school_id, ids = school
    detail = requests.create_request(
        ctx,
        school_id,
        RequestData(
            received_on=date(2026, 11, 20), student_id=ids["Becker"], requester_name="Frau Becker"
        ),
    )
    assert detail.reference == "2026-01"
    assert detail.data.subject_name == "Jonas Becker"
    assert detail.summary.deadline == date(2026, 12, 20)
    assert detail.changes.areas == {Area.REQUESTS}
    [listed] = requests.list_requests(ctx, school_id, year=2026)
    assert listed.requester_label == "Frau Becker (Erziehungsberechtigte)"
    assert requests.list_requests(ctx, school_id, year=2025) == []


def test_an_extension_without_reason_writes_nothing(school) -> None:
    ctx, school_id, ids = school
    detail = requests.create_request(
        ctx, school_id, RequestData(received_on=date(2026, 11, 20), student_id=ids["Becker"])
    )
    with pytest.raises(ValidationError) as caught:
        requests.update_request(
            ctx,
            detail.id,
            replace(detail.data, extended_until=date(2027, 1, 20), extension_told_on=TODAY),
            detail.row_version,
        )
    assert [p.field for p in caught.value.problems] == ["extension_reason"]
    assert requests.get_request(ctx, detail.id).data.extended_until is None


def test_an_unknown_student_is_refused(school) -> None:
    ctx, school_id, _ = school
    with pytest.raises(ValidationError) as caught:
        requests.create_request(ctx, school_id, RequestData(received_on=TODAY, student_id=9999))
    assert "Nr. 9999 gibt es in dieser Schule nicht" in str(caught.value)


def _erasure_request(ctx, school_id, student_id) -> int:
    data = RequestData(received_on=TODAY, student_id=student_id, kind="erasure")
    return requests.create_request(ctx, school_id, data).id


def test_erasure_while_retention_runs_names_the_reason_and_writes_nothing(school) -> None:
    ctx, school_id, ids = school
    record_form(
        ctx,
        school_id,
        KEY,
        FormEntry(ids["Becker"], {"audio": True}, TODAY, None, GUARDIANS),
        on=TODAY,
    )
    request_id = _erasure_request(ctx, school_id, ids["Becker"])
    preview = erasure_preview(ctx, request_id)
    assert preview.plan.deletable == ()
    with ctx.reading() as session:
        audits = session.scalar(select(func.count(AuditEvent.id)))
    with pytest.raises(ValidationError) as caught:
        carry_out_erasure(ctx, request_id)
    message = str(caught.value)
    assert "Über Jonas Becker kann jetzt nichts gelöscht werden" in message
    assert "besucht die Schule" in message
    assert len(student_history(ctx, school_id, ids["Becker"])) == 1
    with ctx.reading() as session:
        assert session.scalar(select(func.count(AuditEvent.id))) == audits


def test_erasure_of_a_leaver_deletes_what_may_go_and_keeps_the_request(school) -> None:
    ctx, school_id, ids = school
    student = ids["Becker"]
    record_form(
        ctx,
        school_id,
        KEY,
        FormEntry(student, {"audio": True}, date(2024, 3, 1), None, GUARDIANS),
        on=date(2024, 3, 1),
    )
    roster.mark_left(ctx, student, date(2024, 6, 30))  # proof kept until 31.07.2025
    request_id = _erasure_request(ctx, school_id, student)
    preview = erasure_preview(ctx, request_id)
    assert preview.plan.removes_student
    done = carry_out_erasure(ctx, request_id)
    assert done.student_removed and "Gelöscht: Stammdaten" in done.summary
    assert {Area.ROSTER, Area.CONSENT, Area.REQUESTS} <= done.changes.areas
    with ctx.reading() as session:
        assert session.get(Student, student) is None
        row = session.get(SubjectRequest, request_id)
        assert row.student_id is None and row.subject_name == "Jonas Becker"
        assert row.erased_on == TODAY
        leftovers = session.scalars(
            select(AuditEvent.changes).where(
                AuditEvent.entity_type == "student", AuditEvent.entity_id == student
            )
        ).all()
    assert leftovers and all("Becker" not in str(c) for c in leftovers)
    line, problems = verify_log(ctx)  # the change log's chain stays whole after the erasure
    assert problems == [] and "nach Löschung geleert" in line
    with pytest.raises(RecordGone):
        roster.get_student(ctx, student)
    with pytest.raises(ValidationError) as caught:
        erasure_preview(ctx, request_id)
    assert "bereits gelöscht am 23.11.2026" in str(caught.value)


def test_erasure_only_for_erasure_requests(school) -> None:
    ctx, school_id, ids = school
    detail = requests.create_request(
        ctx, school_id, RequestData(received_on=TODAY - timedelta(days=1), student_id=ids["Becker"])
    )
    with pytest.raises(ValidationError) as caught:
        erasure_preview(ctx, detail.id)
    assert "„Löschung (Art. 17)“" in str(caught.value)
