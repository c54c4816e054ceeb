"""An erasure request (Art. 17) about a student: show what is stored and what may go now,
then delete it with one confirmation.

The plan is shown first (``erasure_preview``) and made again inside the deleting
transaction (``carry_out_erasure``), so a consent recorded in between is never lost: only
what is deletable at that moment is deleted. When a retention period still runs for
everything, nothing is written and the message names each reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from dpo_desk.core.dates import format_date
from dpo_desk.core.erasure import ErasurePlan
from dpo_desk.core.requests.values import RequestKind
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.requests.records import ENTITY, load_request
from dpo_desk.services.roster.erasure import erase_deletable, plan_for_student
from dpo_desk.services.versions import check_version
from dpo_desk.store.models import SubjectRequest


@dataclass(frozen=True)
class ErasurePreview:
    reference: str
    plan: ErasurePlan


@dataclass(frozen=True)
class ErasureDone:
    summary: str
    student_removed: bool
    changes: Changes = changes_field()


def _student_of(row: SubjectRequest) -> int:
    if row.kind != RequestKind.ERASURE:
        raise ValidationError(
            [
                Problem(
                    "kind",
                    f"Anfrage {row.reference}: Löschen ist nur zu einer Anfrage der Art "
                    "„Löschung (Art. 17)“ möglich.",
                )
            ]
        )
    if row.student_id is None:
        done = f" (bereits gelöscht am {format_date(row.erased_on)})" if row.erased_on else ""
        raise ValidationError(
            [
                Problem(
                    "student_id",
                    f"Anfrage {row.reference}: Sie ist mit keiner Schülerin und keinem Schüler "
                    f"verknüpft{done}. Bitte in der Anfrage die Person wählen.",
                )
            ]
        )
    return row.student_id


def erasure_preview(ctx: ServiceContext, request_id: int) -> ErasurePreview:
    with ctx.reading() as session:
        row = load_request(session, request_id)
        plan = plan_for_student(session, _student_of(row), ctx.clock.today())
        return ErasurePreview(row.reference, plan)


def _summary(plan: ErasurePlan) -> str:
    gone = "; ".join(f"{i.label} ({i.count})" for i in plan.deletable)
    kept = "; ".join(f"{i.label}: {i.keep_text}" for i in plan.kept)
    return f"Gelöscht: {gone}." + (f" Aufbewahrt: {kept}." if kept else "")


def carry_out_erasure(
    ctx: ServiceContext, request_id: int, expected_version: int | None = None
) -> ErasureDone:
    """Delete what may be deleted now and note it in the request; refused (nothing
    written) when a retention period runs for everything."""
    today = ctx.clock.today()
    with ctx.unit_of_work() as uow:
        row = load_request(uow.session, request_id)
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Die Anfrage {row.reference}",
        )
        plan = plan_for_student(uow.session, _student_of(row), today)
        if not plan.deletable:
            raise ValidationError([Problem("erasure", plan.refusal())])
        summary = _summary(plan)
        erased = erase_deletable(uow, plan, {"request": row.reference}, ctx.clock.now())
        uow.session.refresh(row)
        row.erased_on = today
        row.erasure_summary = summary
        uow.session.flush()
        uow.audit(
            ENTITY,
            row.id,
            "erase",
            {"erased_on": today.isoformat(), "erasure_summary": summary},
            school_id=row.school_id,
        )
        return ErasureDone(summary, erased.student_removed, changes=uow.changes)
