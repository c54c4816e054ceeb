"""Open measures of the impact assessments with a deadline, for the list of everything due
("Fällig"): one query for any number of schools, plain values with the place to act.

Only the current version of each activity's assessment counts (a signed-off version's plan
stays binding until a revision replaces it); lines already "umgesetzt" are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.dsfa.plan import ACTION_STATUSES, DONE
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import DsfaAction, DsfaAssessment, ProcessingActivity


@dataclass(frozen=True)
class OpenMeasure:
    """A measure of an assessment's action plan not yet in place, due on ``due_on``."""

    action_id: int
    assessment_id: int
    assessment_version: int
    activity_id: int
    activity_key: str
    activity_name: str
    school_id: int
    title: str
    owner: str
    due_on: date
    status: str

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES.get(self.status, self.status)

    def overdue(self, today: date) -> bool:
        return self.due_on < today


def open_measures(session: Session, school_ids: Iterable[int]) -> list[OpenMeasure]:
    """Open plan lines with a deadline of the newest assessment of each activity, by date.
    Archived register entries are left out."""
    schools = list(school_ids)
    if not schools:
        return []
    latest = (
        select(DsfaAssessment.activity_id, func.max(DsfaAssessment.version).label("version"))
        .where(DsfaAssessment.school_id.in_(schools))
        .group_by(DsfaAssessment.activity_id)
        .subquery()
    )
    rows = session.execute(
        select(
            DsfaAction.id,
            DsfaAssessment.id,
            DsfaAssessment.version,
            ProcessingActivity.id,
            ProcessingActivity.key,
            ProcessingActivity.name,
            DsfaAction.school_id,
            DsfaAction.title,
            DsfaAction.owner,
            DsfaAction.due_on,
            DsfaAction.status,
        )
        .join(DsfaAssessment, DsfaAssessment.id == DsfaAction.assessment_id)
        .join(
            latest,
            (latest.c.activity_id == DsfaAssessment.activity_id)
            & (latest.c.version == DsfaAssessment.version),
        )
        .join(ProcessingActivity, ProcessingActivity.id == DsfaAssessment.activity_id)
        .where(
            DsfaAction.status != DONE,
            DsfaAction.due_on.is_not(None),
            ProcessingActivity.archived_on.is_(None),
        )
        .order_by(DsfaAction.due_on, ProcessingActivity.name, DsfaAction.position)
    )
    return [OpenMeasure(*row) for row in rows]


def open_measures_of(ctx: ServiceContext, school_id: int) -> list[OpenMeasure]:
    """``open_measures`` of one school, in its own read transaction."""
    with ctx.reading() as session:
        return open_measures(session, [school_id])
