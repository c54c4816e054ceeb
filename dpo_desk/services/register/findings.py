"""The checks ("Prüfungen") over a school's register, read in one go."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dpo_desk.core.register.findings import (
    ActivityFacts,
    Finding,
    ProcessorFacts,
    register_findings,
)
from dpo_desk.core.register.values import RELEASED
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.mapping import (
    activity_data,
    consent_template_keys,
    processor_data,
    school_profile,
)
from dpo_desk.store.models import ProcessingActivity, Processor, School


def school_findings(
    ctx: ServiceContext, school_id: int, today: date | None = None
) -> list[Finding]:
    """Everything missing or overdue in the school's register, most serious first."""
    today = today or ctx.clock.today()
    with ctx.reading() as session:
        school = session.get(School, school_id)
        if school is None:
            raise LookupError(f"Schule {school_id} gibt es nicht.")
        activities = list(
            session.scalars(
                select(ProcessingActivity)
                .where(ProcessingActivity.school_id == school_id)
                .options(
                    selectinload(ProcessingActivity.data_categories),
                    selectinload(ProcessingActivity.recipients),
                    selectinload(ProcessingActivity.transfers),
                    selectinload(ProcessingActivity.processor_links),
                    selectinload(ProcessingActivity.tom_links),
                )
            )
        )
        processors = session.scalars(
            select(Processor)
            .where(Processor.school_id == school_id)
            .options(selectinload(Processor.sub_processors), selectinload(Processor.checks))
        )
        used_by_released = {
            link.processor_id
            for row in activities
            if row.status == RELEASED or row.released_version
            for link in row.processor_links
        }
        return register_findings(
            [
                ActivityFacts(row.id, row.key, row.status, row.released_version, activity_data(row))
                for row in activities
            ],
            [
                ProcessorFacts(row.id, row.key, processor_data(row), row.id in used_by_released)
                for row in processors
            ],
            today,
            school_profile(school),
            school_id,
            consent_template_keys(session, school_id),
        )
