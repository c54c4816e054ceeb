"""The requests of a school: list, read, create, change, delete.

The deadline is not stored: it follows from the day of receipt and a recorded extension
(``core.requests.values.deadline_of``), so it cannot drift from the facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.requests.rules import validate_request
from dpo_desk.core.requests.values import (
    FIELD_LABELS,
    KIND_LABELS,
    REQUESTER_ROLES,
    STATUS_LABELS,
    RequestData,
    RequestStatus,
    deadline_of,
    is_overdue,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.references import find_numbered, next_reference
from dpo_desk.services.register.mapping import jsonable
from dpo_desk.services.versions import RecordGone, check_version, differences_between
from dpo_desk.store.models import Student, SubjectRequest

ENTITY = "subject_request"
FIELDS = list(RequestData.__dataclass_fields__)


@dataclass(frozen=True)
class RequestSummary:
    id: int
    school_id: int
    reference: str
    received_on: date
    kind: str
    requester_role: str
    requester_name: str
    subject_name: str
    student_id: int | None
    status: str
    extended_until: date | None
    answered_on: date | None
    identity_checked: bool

    @property
    def deadline(self) -> date:
        return deadline_of(self.received_on, self.extended_until)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def requester_label(self) -> str:
        role = REQUESTER_ROLES.get(self.requester_role, self.requester_role)
        return f"{self.requester_name} ({role})" if self.requester_name else role

    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    def is_overdue(self, today: date) -> bool:
        return is_overdue(self.status, self.received_on, self.extended_until, today)

    def answered_in_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.deadline


@dataclass(frozen=True)
class RequestDetail:
    id: int
    school_id: int
    reference: str
    data: RequestData
    erased_on: date | None = None
    erasure_summary: str = ""
    row_version: int = 1
    changes: Changes = changes_field()

    @property
    def summary(self) -> RequestSummary:
        d = self.data
        assert d.received_on is not None
        return RequestSummary(
            self.id,
            self.school_id,
            self.reference,
            d.received_on,
            d.kind,
            d.requester_role,
            d.requester_name,
            d.subject_name,
            d.student_id,
            d.status,
            d.extended_until,
            d.answered_on,
            d.identity_checked_on is not None,
        )


def request_data(row: SubjectRequest) -> RequestData:
    return RequestData(**{name: getattr(row, name) for name in FIELDS})


def load_request(session: Session, request_id: int) -> SubjectRequest:
    row = session.get(SubjectRequest, request_id)
    if row is None:
        raise RecordGone(
            "Diese Anfrage gibt es nicht mehr (inzwischen gelöscht). Nichts wurde gespeichert."
        )
    return row


def detail_of(row: SubjectRequest) -> RequestDetail:
    return RequestDetail(
        row.id,
        row.school_id,
        row.reference,
        request_data(row),
        row.erased_on,
        row.erasure_summary,
        row.row_version,
    )


def list_requests(
    ctx: ServiceContext, school_id: int, year: int | None = None
) -> list[RequestSummary]:
    """The school's requests, newest first; ``year``: those received in that year."""
    with ctx.reading() as session:
        query = (
            select(SubjectRequest)
            .where(SubjectRequest.school_id == school_id)
            .order_by(SubjectRequest.received_on.desc(), SubjectRequest.id.desc())
        )
        if year is not None:
            query = query.where(
                SubjectRequest.received_on >= date(year, 1, 1),
                SubjectRequest.received_on <= date(year, 12, 31),
            )
        return [detail_of(row).summary for row in session.scalars(query)]


def get_request(ctx: ServiceContext, request_id: int) -> RequestDetail:
    with ctx.reading() as session:
        return detail_of(load_request(session, request_id))


def find_request(ctx: ServiceContext, school_id: int, wanted: str) -> RequestDetail:
    with ctx.reading() as session:
        row = find_numbered(session, SubjectRequest, school_id, wanted)
        if row is None:
            raise LookupError(f"Keine Anfrage „{wanted}“ in dieser Schule gefunden.")
        return detail_of(row)


def student_label(student: Student) -> str:
    return f"{student.first_names} {student.last_name}"


def _with_student(session: Session, school_id: int, data: RequestData) -> RequestData:
    """The student must belong to the school; the name is filled in from the record."""
    if data.student_id is None:
        return data
    student = session.get(Student, data.student_id)
    if student is None or student.school_id != school_id:
        raise ValidationError(
            [
                Problem(
                    "student_id",
                    f"{FIELD_LABELS['student_id']}: Nr. {data.student_id} gibt es in dieser "
                    "Schule nicht.",
                )
            ]
        )
    if not data.subject_name:
        data.subject_name = student_label(student)
    return data


def create_request(ctx: ServiceContext, school_id: int, data: RequestData) -> RequestDetail:
    clean = validate_request(data, ctx.clock.today())
    with ctx.unit_of_work() as uow:
        clean = _with_student(uow.session, school_id, clean)
        assert clean.received_on is not None
        reference = next_reference(uow.session, SubjectRequest, school_id, clean.received_on.year)
        row = SubjectRequest(school_id=school_id, reference=reference, **clean.as_dict())
        uow.session.add(row)
        uow.session.flush()
        values = jsonable(clean.as_dict()) | {"reference": reference}
        uow.audit(ENTITY, row.id, "create", values, school_id=school_id)
        return reported(detail_of(row), uow.changes)


def update_request(
    ctx: ServiceContext,
    request_id: int,
    data: RequestData,
    expected_version: int | None = None,
) -> RequestDetail:
    """Save changes; refused (``StaleEdit``) when the request changed since
    ``expected_version`` was read."""
    clean = validate_request(data, ctx.clock.today())
    with ctx.unit_of_work() as uow:
        row = load_request(uow.session, request_id)
        clean = _with_student(uow.session, row.school_id, clean)
        before = jsonable(request_data(row).as_dict())
        after = jsonable(clean.as_dict())
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Die Anfrage {row.reference}",
            differences=differences_between(before, after, FIELD_LABELS),
        )
        changes = changes_between(before, after)
        if changes:
            for name in FIELDS:
                setattr(row, name, getattr(clean, name))
            uow.session.flush()
            uow.audit(ENTITY, row.id, "update", changes, school_id=row.school_id)
        return reported(detail_of(row), uow.changes)


def delete_request(ctx: ServiceContext, request_id: int) -> Changes:
    """For an entry made by mistake."""
    with ctx.unit_of_work() as uow:
        row = load_request(uow.session, request_id)
        uow.audit(ENTITY, row.id, "delete", {"reference": row.reference}, school_id=row.school_id)
        uow.session.delete(row)
        return uow.changes


def request_years(ctx: ServiceContext, school_id: int) -> list[int]:
    with ctx.reading() as session:
        days = session.scalars(
            select(SubjectRequest.received_on).where(SubjectRequest.school_id == school_id)
        )
        return sorted({d.year for d in days}, reverse=True)
