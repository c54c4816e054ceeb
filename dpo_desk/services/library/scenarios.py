"""DSFA risk scenarios in the library: a scenario written once (source, event, damage, the
ratings, the measures by title) and added to an assessment of any school from the DSFA
editor, next to the shipped catalogue. The measures are linked to the school's measures of
the same title (a measure the school lacks is left out)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.dsfa.rules import SIGNED_OFF, ScenarioData, validate_scenario
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Counted, Created
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.scenarios import clean_scenario, insert_scenario
from dpo_desk.services.exchange.kinds.base import to_doc
from dpo_desk.services.exchange.kinds.dsfa import SCENARIO_FIELDS
from dpo_desk.services.library.links import link_to_item
from dpo_desk.store.models import (
    DsfaAssessment,
    DsfaScenario,
    LibraryItem,
    RecordOrigin,
    TomMeasure,
)

KIND = "dsfa_scenario"


@dataclass(frozen=True)
class LibraryScenario:
    item_id: int
    title: str
    revision: int


def school_scenarios_with_ids(
    session: Session, school_id: int
) -> dict[str, tuple[int, dict[str, Any]]]:
    """The school's scenarios by title (the newest of a title): id and library document."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for row in session.scalars(
        select(DsfaScenario)
        .join(DsfaAssessment, DsfaAssessment.id == DsfaScenario.assessment_id)
        .where(DsfaAssessment.school_id == school_id)
        .order_by(DsfaScenario.id)
    ):
        found[row.title] = (
            row.id,
            {**to_doc(row, SCENARIO_FIELDS), "measures": [m.title for m in row.measures]},
        )
    return found


def school_scenarios(session: Session, school_id: int) -> dict[str, dict[str, Any]]:
    return {title: doc for title, (_, doc) in school_scenarios_with_ids(session, school_id).items()}


def library_scenarios(ctx: ServiceContext) -> list[LibraryScenario]:
    with ctx.reading() as session:
        return [
            LibraryScenario(row.id, row.title, row.revision)
            for row in session.scalars(
                select(LibraryItem).where(LibraryItem.kind == KIND).order_by(LibraryItem.title)
            )
        ]


def _item(session: Session, item_id: int) -> LibraryItem:
    item = session.get(LibraryItem, item_id)
    if item is None or item.kind != KIND:
        raise ValidationError(
            [Problem("scenario", "Dieses Szenario ist nicht mehr in der Bibliothek.")]
        )
    return item


def _data(item: LibraryItem) -> ScenarioData:
    return clean_scenario(
        ScenarioData(**{k: item.document[k] for k in SCENARIO_FIELDS if k in item.document})
    )


def take_scenario(ctx: ServiceContext, assessment_id: int, item_id: int) -> Created:
    """Add the library's scenario to the draft assessment (its measures linked by title),
    linked to its item: a later change of the item is offered to the school."""
    with ctx.unit_of_work() as uow:
        item = _item(uow.session, item_id)
        data = _data(item)
        validate_scenario(data)
        assessment = uow.session.get(DsfaAssessment, assessment_id)
        school_id = assessment.school_id if assessment is not None else 0
        by_title = dict(
            uow.session.execute(
                select(TomMeasure.title, TomMeasure.id).where(
                    TomMeasure.school_id == school_id, TomMeasure.processor_id.is_(None)
                )
            ).all()
        )
        measures = [by_title[t] for t in item.document.get("measures", []) if t in by_title]
        row = insert_scenario(uow, assessment_id, data, measures)
        link_to_item(uow, row.school_id, KIND, row.id, item.key, item, ctx.clock.now())
        return Created(row.id, changes=uow.changes)


def renew_scenarios(ctx: ServiceContext, school_id: int, item_ids: Iterable[int]) -> Counted:
    """Give the school's scenarios taken from these items the item's present texts and
    ratings (their linked measures stay). Scenarios of signed-off assessments stay as
    they were signed; they count as renewed when the assessment is revised."""
    wanted = set(item_ids)
    count = 0
    with ctx.unit_of_work() as uow:
        links = uow.session.scalars(
            select(RecordOrigin).where(
                RecordOrigin.school_id == school_id,
                RecordOrigin.entity_type == KIND,
                RecordOrigin.origin_item_id.in_(wanted),
            )
        ).all()
        for link in links:
            row = uow.session.get(DsfaScenario, link.entity_id)
            item = _item(uow.session, link.origin_item_id)
            if row is None or link.base_digest == item.digest:
                continue
            if uow.session.get(DsfaAssessment, row.assessment_id).status == SIGNED_OFF:
                continue
            data = _data(item)
            validate_scenario(data)
            for name in SCENARIO_FIELDS:
                setattr(row, name, getattr(data, name))
            uow.audit(
                KIND,
                row.id,
                "update",
                {"library_item": item.id, "revision": item.revision},
                school_id=school_id,
            )
            link.base_digest = item.digest
            link.copied_at = ctx.clock.now()
            link.copied_by = uow.actor
            count += 1
        return Counted(count, changes=uow.changes)
