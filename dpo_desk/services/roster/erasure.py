"""Everything stored about a student, and deleting what may go (the deletion core).

``holdings`` counts what the database holds about one student; ``core.erasure.erasure_plan``
says what may be deleted now and what must be kept until when; ``erase_deletable`` deletes
exactly the deletable parts inside the caller's unit of work: consent entries of templates
whose retention ended, and (when nothing refers to it any more) the student record with its
class history. The audit entries about the deleted records lose their contents; one new
audit event says when how much was deleted, without names.

The erasure request (``services.requests.erasure``) uses it; a general "Person löschen"
can build on the same two functions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from dpo_desk.core.erasure import ConsentProof, ErasurePlan, StudentHoldings, erasure_plan
from dpo_desk.services.audit.chain import BLANKED_KEY
from dpo_desk.services.changes import Area
from dpo_desk.services.context import UnitOfWork
from dpo_desk.services.erasure.service import blank_audit_entries
from dpo_desk.services.versions import RecordGone
from dpo_desk.store.models import (
    AuditEvent,
    ConsentTemplate,
    ConsentTemplateVersion,
    Enrolment,
    Student,
    SubjectRequest,
)
from dpo_desk.store.models.consent import ConsentEvent


@dataclass(frozen=True)
class Erased:
    """What ``erase_deletable`` removed."""

    consent_entries: int
    student_removed: bool
    audit_entries_cleared: int


def _student(session: Session, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None:
        raise RecordGone("Diese Schülerin bzw. diesen Schüler gibt es nicht (mehr).")
    return student


def holdings(session: Session, student_id: int) -> StudentHoldings:
    student = _student(session, student_id)
    enrolments = session.scalar(
        select(func.count(Enrolment.id)).where(Enrolment.student_id == student_id)
    )
    per_template: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for template_id, title, years in session.execute(
        select(
            ConsentEvent.template_id, ConsentTemplate.title, ConsentTemplateVersion.retention_years
        )
        .join(ConsentTemplate, ConsentTemplate.id == ConsentEvent.template_id)
        .join(ConsentTemplateVersion, ConsentTemplateVersion.id == ConsentEvent.version_id)
        .where(ConsentEvent.student_id == student_id)
    ):
        per_template[template_id].append((title, years))
    consent = tuple(
        ConsentProof(template_id, rows[0][0], len(rows), max(y for _, y in rows))
        for template_id, rows in sorted(per_template.items(), key=lambda kv: kv[1][0][0].lower())
    )
    request_days = session.execute(
        select(SubjectRequest.answered_on, SubjectRequest.received_on).where(
            SubjectRequest.student_id == student_id
        )
    ).all()
    return StudentHoldings(
        student_id=student.id,
        name=f"{student.first_names} {student.last_name}",
        left_on=student.left_on,
        enrolments=enrolments or 0,
        consent=consent,
        request_years=tuple((answered or received).year for answered, received in request_days),
        audit_entries=len(_audit_ids(session, student_id)),
    )


def _audit_ids(session: Session, student_id: int) -> list[int]:
    event_ids = select(ConsentEvent.id).where(ConsentEvent.student_id == student_id)
    return list(
        session.scalars(
            select(AuditEvent.id).where(
                or_(
                    (AuditEvent.entity_type == "student") & (AuditEvent.entity_id == student_id),
                    (AuditEvent.entity_type == "consent_event")
                    & AuditEvent.entity_id.in_(event_ids),
                )
            )
        )
    )


def plan_for_student(session: Session, student_id: int, today: date) -> ErasurePlan:
    return erasure_plan(holdings(session, student_id), today)


def erase_deletable(
    uow: UnitOfWork, plan: ErasurePlan, reason: dict[str, str], now: datetime
) -> Erased:
    """Delete what ``plan`` marks deletable, inside ``uow``; ``reason`` goes into the audit
    event (e.g. the request's reference). The plan must have been made in this transaction.
    The change-log entries about a removed student are blanked the way "Person löschen"
    blanks them (``services.erasure.blank_audit_entries``), so the log's chain stays whole."""
    session = uow.session
    student = _student(session, plan.holdings.student_id)
    school_id = student.school_id
    templates = plan.erasable_template_ids
    removes = plan.removes_student
    audit_ids = _audit_ids(session, student.id) if removes else []
    cleared = blank_audit_entries(uow, audit_ids, now) if audit_ids else 0
    erased = 0
    if templates or removes:
        scope = ConsentEvent.student_id == student.id
        if not removes:
            scope = scope & ConsentEvent.template_id.in_(templates)
        # Corrections first: they point at the entries they correct.
        for kinds in (("correction",), ("form", "revocation")):
            result = session.execute(
                delete(ConsentEvent).where(scope, ConsentEvent.kind.in_(kinds))
            )
            erased += result.rowcount or 0
    if erased:
        uow.touch(Area.CONSENT, school_id)
    if removes:
        session.execute(delete(Enrolment).where(Enrolment.student_id == student.id))
        session.delete(student)
    session.flush()
    uow.audit(
        "student",
        plan.holdings.student_id,
        "erase",
        {
            **reason,
            "consent_entries": erased,
            "student_removed": removes,
            "audit_entries_cleared": cleared,
            BLANKED_KEY: audit_ids,
        },
        school_id=school_id,
    )
    return Erased(erased, removes, cleared)
