"""The bulk erasure of leavers whose retention period has ended.

A leaver's master data is kept until the end of the school year of leaving plus the
setting ``leaver_retention_years`` (default one year), and never shorter than the proof of
their consents must be kept (the longest retention of the text versions they signed). After
that day the whole person goes (``erase_students``), all due leavers of a school in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from dpo_desk.core.consent.values import proof_retention_ends_on
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services import settings
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.erasure.service import ErasureResult, erase_students
from dpo_desk.store.models import ConsentEvent, ConsentTemplateVersion, Student

LEAVERS_REASON = "Aufbewahrungsfrist nach dem Abgang abgelaufen"


@dataclass(frozen=True)
class DueLeaver:
    student_id: int
    name: str
    left_on: date
    kept_until: date
    row_version: int


def due_leavers(ctx: ServiceContext, school_id: int, on: date | None = None) -> list[DueLeaver]:
    """Leavers whose retention ended before ``on`` (default today), longest gone first."""
    day = on or ctx.clock.today()
    years = settings.read(ctx, settings.LEAVER_RETENTION_YEARS)
    with ctx.reading() as session:
        longest = dict(
            session.execute(
                select(ConsentEvent.student_id, func.max(ConsentTemplateVersion.retention_years))
                .join(ConsentTemplateVersion, ConsentTemplateVersion.id == ConsentEvent.version_id)
                .where(ConsentEvent.school_id == school_id)
                .group_by(ConsentEvent.student_id)
            ).all()
        )
        rows = session.execute(
            select(
                Student.id,
                Student.first_names,
                Student.last_name,
                Student.left_on,
                Student.row_version,
            ).where(Student.school_id == school_id, Student.left_on.is_not(None))
        ).all()
    due = []
    for ident, first, last, left_on, version in rows:
        kept = proof_retention_ends_on(left_on, max(years, longest.get(ident) or 0))
        if kept is not None and kept < day:
            due.append(DueLeaver(ident, f"{first} {last}", left_on, kept, version))
    return sorted(due, key=lambda d: (d.kept_until, d.name))


def erase_due_leavers(
    ctx: ServiceContext, school_id: int, leavers: list[DueLeaver]
) -> ErasureResult:
    """Erase the leavers listed (as shown to the user); a leaver changed since, or no
    longer due, is refused and nothing is erased."""
    still_due = {d.student_id for d in due_leavers(ctx, school_id)}
    gone_back = [d.name for d in leavers if d.student_id not in still_due]
    if gone_back:
        raise ValidationError(
            [
                Problem(
                    "leavers",
                    f"Nicht mehr zur Löschung fällig: {', '.join(gone_back)}. Bitte die Liste "
                    "neu laden. Es wurde nichts gelöscht.",
                )
            ]
        )
    return erase_students(
        ctx,
        [d.student_id for d in leavers],
        reason=LEAVERS_REASON,
        expected_versions={d.student_id: d.row_version for d in leavers},
    )
