"""The action plan of a draft assessment (owner, deadline, status of each linked measure),
the views of those affected (Art. 35(9)) and the order of the scenarios.

The plan has one line per measure linked to any scenario: ``sync_actions`` keeps it in step
whenever links change (same transaction). A new line starts "umgesetzt" when the measure is
in place, else "offen" with the measure's own due date.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.dsfa.plan import DONE, OPEN, ActionData, ViewData, validate_action, validate_view
from dpo_desk.core.register.values import TOM_IN_PLACE
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, Created
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.dsfa.views import load_draft
from dpo_desk.services.register.mapping import jsonable
from dpo_desk.services.versions import RecordGone, check_version
from dpo_desk.store.models import (
    DsfaAction,
    DsfaAssessment,
    DsfaScenario,
    DsfaStakeholderView,
    TomMeasure,
)

ACTION = "dsfa_action"
VIEW = "dsfa_view"


def sync_actions(uow: UnitOfWork, assessment: DsfaAssessment) -> None:
    """One plan line per distinct measure linked to a scenario; lines of measures no longer
    linked anywhere go (audited)."""
    session = uow.session
    session.flush()
    session.refresh(assessment)
    linked: dict[object, tuple[int | None, str]] = {}
    for scenario in assessment.scenarios:
        for measure in scenario.measures:
            key = measure.tom_id if measure.tom_id is not None else f"title:{measure.title}"
            linked.setdefault(key, (measure.tom_id, measure.title))
    present: dict[object, DsfaAction] = {}
    for action in list(assessment.actions):
        key = action.tom_id if action.tom_id is not None else f"title:{action.title}"
        if key in linked and key not in present:
            present[key] = action
            continue
        uow.audit(ACTION, action.id, "delete", {"title": action.title}, assessment.school_id)
        assessment.actions.remove(action)
    for key, (tom_id, title) in linked.items():
        if key in present:
            continue
        tom = session.get(TomMeasure, tom_id) if tom_id is not None else None
        in_place = tom is not None and tom.status == TOM_IN_PLACE
        action = DsfaAction(
            school_id=assessment.school_id,
            tom_id=tom_id,
            position=len(assessment.actions),
            title=tom.title if tom is not None else title,
            status=DONE if in_place else OPEN,
            due_on=None if in_place or tom is None else tom.due_on,
        )
        assessment.actions.append(action)
        session.flush()
        uow.audit(ACTION, action.id, "create", {"title": action.title}, assessment.school_id)
    for position, action in enumerate(assessment.actions):
        action.position = position


def _load_action(session: Session, action_id: int) -> DsfaAction:
    row = session.get(DsfaAction, action_id)
    if row is None:
        raise RecordGone("Diese Zeile des Maßnahmenplans gibt es nicht mehr. Nichts gespeichert.")
    load_draft(session, row.assessment_id)
    return row


def update_action(
    ctx: ServiceContext, action_id: int, data: ActionData, expected_version: int | None = None
) -> Changes:
    """Owner, deadline, status and note of one measure of the plan (drafts only)."""
    clean = ActionData(data.owner.strip(), data.due_on, data.status, data.note.strip())
    with ctx.unit_of_work() as uow:
        row = _load_action(uow.session, action_id)
        validate_action(clean, f"Maßnahmenplan „{row.title}“")
        check_version(
            uow.session, row, expected_version, entity_type=ACTION, label=f"„{row.title}“"
        )
        _apply(uow, ACTION, row, asdict(clean))
        return uow.changes


def _apply(uow: UnitOfWork, entity_type: str, row: Any, values: dict[str, Any]) -> None:
    """Set what differs on ``row`` and audit it (one event, nothing when nothing changed)."""
    changes = changes_between(jsonable({k: getattr(row, k) for k in values}), jsonable(values))
    if changes:
        for key, value in values.items():
            setattr(row, key, value)
        uow.audit(entity_type, row.id, "update", changes, school_id=row.school_id)


def _load_view(session: Session, view_id: int) -> DsfaStakeholderView:
    row = session.get(DsfaStakeholderView, view_id)
    if row is None:
        raise RecordGone("Diese Stellungnahme gibt es nicht mehr. Nichts gespeichert.")
    load_draft(session, row.assessment_id)
    return row


def _clean_view(data: ViewData) -> ViewData:
    return ViewData(
        data.group_name.strip(), data.asked_on, data.summary.strip(), data.response.strip()
    )


def add_view(ctx: ServiceContext, assessment_id: int, data: ViewData) -> Created:
    """Record the views of a group of those affected (Art. 35(9))."""
    clean = _clean_view(data)
    validate_view(clean)
    with ctx.unit_of_work() as uow:
        assessment = load_draft(uow.session, assessment_id)
        row = DsfaStakeholderView(
            school_id=assessment.school_id, position=len(assessment.views), **asdict(clean)
        )
        assessment.views.append(row)
        uow.session.flush()
        uow.audit(VIEW, row.id, "create", jsonable(asdict(clean)), school_id=row.school_id)
        return Created(row.id, changes=uow.changes)


def update_view(
    ctx: ServiceContext, view_id: int, data: ViewData, expected_version: int | None = None
) -> Changes:
    clean = _clean_view(data)
    validate_view(clean)
    with ctx.unit_of_work() as uow:
        row = _load_view(uow.session, view_id)
        check_version(
            uow.session, row, expected_version, entity_type=VIEW, label=f"„{row.group_name}“"
        )
        _apply(uow, VIEW, row, asdict(clean))
        return uow.changes


def delete_view(ctx: ServiceContext, view_id: int) -> Changes:
    with ctx.unit_of_work() as uow:
        row = _load_view(uow.session, view_id)
        uow.audit(VIEW, row.id, "delete", {"group_name": row.group_name}, row.school_id)
        assessment = load_draft(uow.session, row.assessment_id)
        assessment.views.remove(row)
        for position, other in enumerate(assessment.views):
            other.position = position
        return uow.changes


def move_scenario(ctx: ServiceContext, scenario_id: int, offset: int) -> Changes:
    """Move a scenario up (``offset`` < 0) or down in its assessment's order; the numbers in
    the list, the heat map and the report follow."""
    with ctx.unit_of_work() as uow:
        row = uow.session.get(DsfaScenario, scenario_id)
        if row is None:
            raise RecordGone("Dieses Risikoszenario gibt es nicht mehr. Nichts gespeichert.")
        assessment = load_draft(uow.session, row.assessment_id)
        order = list(
            uow.session.scalars(
                select(DsfaScenario)
                .where(DsfaScenario.assessment_id == assessment.id)
                .order_by(DsfaScenario.position, DsfaScenario.id)
            )
        )
        index = order.index(row)
        target = index + offset
        if not 0 <= target < len(order):
            raise ValidationError(
                [Problem("position", "Das Szenario steht schon am Anfang bzw. am Ende.")]
            )
        order.insert(target, order.pop(index))
        for position, scenario in enumerate(order):
            scenario.position = position
        uow.audit(
            "dsfa_scenario",
            row.id,
            "move",
            {"position": [index + 1, target + 1]},
            school_id=row.school_id,
        )
        return uow.changes
