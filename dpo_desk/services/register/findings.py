"""The checks ("Prüfungen") over a school's register, read in one go: entries, processors
with their contracts, measures, and whether each entry's impact assessment exists."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dpo_desk.core.register.findings import (
    DSFA_DRAFT,
    DSFA_NONE,
    DSFA_SIGNED,
    ActivityFacts,
    Finding,
    LinkedProcessor,
    ProcessorFacts,
    TomFacts,
    register_findings,
)
from dpo_desk.core.register.values import EVIDENCE_KINDS, RELEASED
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.mapping import (
    activity_data,
    consent_template_keys,
    processor_data,
    school_profile,
)
from dpo_desk.store.models import (
    DsfaAssessment,
    ProcessingActivity,
    Processor,
    ProcessorContract,
    School,
    TomMeasure,
)


def _dsfa_states(session, school_id: int) -> dict[int, str]:
    states: dict[int, str] = {}
    for activity_id, status in session.execute(
        select(DsfaAssessment.activity_id, DsfaAssessment.status).where(
            DsfaAssessment.school_id == school_id
        )
    ):
        if status == "signed_off" or states.get(activity_id) == DSFA_SIGNED:
            states[activity_id] = DSFA_SIGNED
        else:
            states[activity_id] = DSFA_DRAFT
    return states


def school_findings(
    ctx: ServiceContext, school_id: int, today: date | None = None
) -> list[Finding]:
    """Everything missing, contradictory or overdue in the school's register, most serious
    first."""
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
        processors = list(
            session.scalars(
                select(Processor)
                .where(Processor.school_id == school_id)
                .options(selectinload(Processor.sub_processors), selectinload(Processor.checks))
            )
        )
        by_id = {p.id: p for p in processors}
        in_use = [row for row in activities if row.archived_on is None]
        used_by_released = {
            link.processor_id
            for row in in_use
            if row.status == RELEASED or row.released_version
            for link in row.processor_links
        }
        used = {link.processor_id for row in in_use for link in row.processor_links}
        with_file = set(
            session.scalars(
                select(ProcessorContract.processor_id).where(
                    ProcessorContract.school_id == school_id
                )
            )
        )
        states = _dsfa_states(session, school_id)
        toms = [
            TomFacts(
                t.id,
                t.title,
                by_id[t.processor_id].name if t.processor_id in by_id else "Schule",
                t.status,
                t.due_on,
                EVIDENCE_KINDS.get(t.evidence_kind, t.evidence_reference),
                t.evidence_valid_until,
            )
            for t in session.scalars(select(TomMeasure).where(TomMeasure.school_id == school_id))
        ]
        return register_findings(
            [
                ActivityFacts(
                    row.id,
                    row.key,
                    row.status,
                    row.released_version,
                    activity_data(row),
                    states.get(row.id, DSFA_NONE),
                    tuple(
                        LinkedProcessor(p.id, p.name, p.special_categories)
                        for link in row.processor_links
                        if (p := by_id.get(link.processor_id)) is not None
                    ),
                    row.archived_on,
                    row.retain_until,
                )
                for row in activities
            ],
            [
                ProcessorFacts(
                    row.id,
                    row.key,
                    processor_data(row),
                    row.id in used_by_released,
                    row.id in used or row.contract_status == "terminated",
                    row.id in with_file,
                )
                for row in processors
            ],
            today,
            school_profile(school),
            school_id,
            consent_template_keys(session, school_id),
            toms,
        )
