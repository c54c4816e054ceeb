"""Threshold analysis (Schwellwertanalyse) of an activity: stored answers and conclusion,
which set the register entry's DSFA field in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from dpo_desk.core.dates import format_date
from dpo_desk.core.dsfa.threshold import (
    StateLists,
    ThresholdAnswers,
    check_threshold,
    criteria,
    requires_assessment,
    result_text,
    suggested_conclusion,
)
from dpo_desk.core.register.values import DRAFT, DSFA_NOT_REQUIRED, DSFA_REQUIRED, RELEASED
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.register.activities import load_activity
from dpo_desk.services.versions import StaleEdit, last_change, mark_saved
from dpo_desk.store.models import DsfaThreshold, ProcessingActivity, School


@dataclass(frozen=True)
class ThresholdResult:
    activity_id: int
    answers: ThresholdAnswers
    conclusion: str
    reasoning: str
    assessed_on: date
    assessed_by: str
    row_version: int = 0
    """0 while no analysis was recorded for the activity."""
    changes: Changes = changes_field()


def get_threshold(ctx: ServiceContext, activity_id: int) -> ThresholdResult | None:
    with ctx.reading() as session:
        row = session.scalar(select(DsfaThreshold).where(DsfaThreshold.activity_id == activity_id))
        if row is None:
            return None
        return ThresholdResult(
            activity_id,
            ThresholdAnswers(set(row.answers), row.on_state_list, set(row.list_items or [])),
            row.conclusion,
            row.reasoning,
            row.assessed_on,
            row.assessed_by,
            row.row_version,
        )


def record_threshold(
    ctx: ServiceContext,
    activity_id: int,
    answers: ThresholdAnswers,
    conclusion: str | None = None,
    reasoning: str = "",
    today: date | None = None,
    expected_version: int | None = None,
) -> ThresholdResult:
    """Store the analysis and set the register entry's DSFA field in the same transaction.

    Like any change of its content, this turns a released register entry into a draft
    (its released version stays until it is released again).
    """
    today = today or ctx.clock.today()
    conclusion = conclusion or suggested_conclusion(answers)
    reasoning = reasoning.strip()
    answers.on_state_list = bool(answers.list_items) or answers.on_state_list
    check_threshold(answers, conclusion, reasoning, threshold_lists(ctx, activity_id))
    with ctx.unit_of_work() as uow:
        activity = load_activity(uow.session, activity_id)
        row = uow.session.scalar(
            select(DsfaThreshold).where(DsfaThreshold.activity_id == activity_id)
        )
        values = {
            "answers": sorted(answers.indicators),
            "on_state_list": answers.on_state_list,
            "list_items": sorted(answers.list_items),
            "conclusion": conclusion,
            "reasoning": reasoning,
            "assessed_on": today.isoformat(),
        }
        stored_version = row.row_version if row is not None else 0
        if expected_version is not None and stored_version != expected_version:
            entity_id = row.id if row is not None else 0
            changed_by, changed_at = last_change(uow.session, "dsfa_threshold", entity_id)
            raise StaleEdit(
                f"Die Schwellwertanalyse zu „{activity.name}“", changed_by, changed_at, []
            )
        if row is None:
            row = DsfaThreshold(school_id=activity.school_id, activity_id=activity_id)
            uow.session.add(row)
            before: dict[str, object] = {}
        else:
            before = {
                "answers": list(row.answers),
                "on_state_list": row.on_state_list,
                "list_items": list(row.list_items or []),
                "conclusion": row.conclusion,
                "reasoning": row.reasoning,
                "assessed_on": row.assessed_on.isoformat(),
            }
        row.answers = sorted(answers.indicators)
        row.on_state_list = answers.on_state_list
        row.list_items = sorted(answers.list_items)
        row.conclusion = conclusion
        row.reasoning = reasoning
        row.assessed_on = today
        row.assessed_by = uow.actor
        uow.session.flush()
        uow.audit(
            "dsfa_threshold",
            row.id,
            "update" if before else "create",
            changes_between(before, values),
            school_id=activity.school_id,
        )
        dsfa = DSFA_REQUIRED if requires_assessment(conclusion) else DSFA_NOT_REQUIRED
        note_in_register(uow, activity, dsfa, threshold_line(row))
        uow.session.flush()
        return ThresholdResult(
            activity_id,
            answers,
            conclusion,
            reasoning,
            today,
            uow.actor,
            row.row_version,
            changes=uow.changes,
        )


def threshold_lists(ctx: ServiceContext, activity_id: int) -> StateLists:
    """The authorities' lists for the school of the activity (by its state)."""
    with ctx.reading() as session:
        activity = load_activity(session, activity_id)
        school = session.get(School, activity.school_id)
        state = school.state if school is not None else ""
    return criteria().for_state(state)


def threshold_line(row: DsfaThreshold | None) -> str:
    if row is None:
        return ""
    answers = ThresholdAnswers(set(row.answers), row.on_state_list, set(row.list_items or []))
    text = result_text(answers, row.conclusion, format_date(row.assessed_on))
    return text + (f" Begründung: {row.reasoning}" if row.reasoning else "")


def note_in_register(uow: UnitOfWork, activity: ProcessingActivity, dsfa: str, result: str) -> bool:
    """Write the DSFA field and result into the register entry (same transaction, audited).

    Like any change of its content, this turns a released entry into a draft (its released
    version stays until it is released again). Returns whether the entry changed.
    """
    changes = changes_between(
        {"dsfa": activity.dsfa, "dsfa_result": activity.dsfa_result},
        {"dsfa": dsfa, "dsfa_result": result},
    )
    if not changes:
        return False
    activity.dsfa, activity.dsfa_result = dsfa, result
    mark_saved(activity)
    if activity.status == RELEASED:
        activity.status = DRAFT
        changes["status"] = [RELEASED, DRAFT]
    uow.audit("activity", activity.id, "update", changes, school_id=activity.school_id)
    return True
