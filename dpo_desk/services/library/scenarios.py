"""DSFA risk scenarios in the library: a scenario written once (source, event, damage, the
ratings, the measures by title) and added to an assessment of any school from the DSFA
editor, next to the shipped catalogue. The measures are linked to the school's measures of
the same title (a measure the school lacks is left out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.dsfa.rules import ScenarioData
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Created
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.kinds.base import to_doc
from dpo_desk.services.exchange.kinds.dsfa import SCENARIO_FIELDS
from dpo_desk.store.models import DsfaAssessment, DsfaScenario, LibraryItem, TomMeasure

KIND = "dsfa_scenario"


@dataclass(frozen=True)
class LibraryScenario:
    item_id: int
    title: str
    revision: int


def school_scenarios(session: Session, school_id: int) -> dict[str, dict[str, Any]]:
    """The school's scenarios by title (the newest of a title), as library documents."""
    found: dict[str, dict[str, Any]] = {}
    for row in session.scalars(
        select(DsfaScenario)
        .join(DsfaAssessment, DsfaAssessment.id == DsfaScenario.assessment_id)
        .where(DsfaAssessment.school_id == school_id)
        .order_by(DsfaScenario.id)
    ):
        found[row.title] = {
            **to_doc(row, SCENARIO_FIELDS),
            "measures": [m.title for m in row.measures],
        }
    return found


def library_scenarios(ctx: ServiceContext) -> list[LibraryScenario]:
    with ctx.reading() as session:
        return [
            LibraryScenario(row.id, row.title, row.revision)
            for row in session.scalars(
                select(LibraryItem).where(LibraryItem.kind == KIND).order_by(LibraryItem.title)
            )
        ]


def take_scenario(ctx: ServiceContext, assessment_id: int, item_id: int) -> Created:
    """Add the library's scenario to the draft assessment (its measures linked by title)."""
    from dpo_desk.services.dsfa.scenarios import add_scenario

    with ctx.reading() as session:
        item = session.get(LibraryItem, item_id)
        assessment = session.get(DsfaAssessment, assessment_id)
        if item is None or item.kind != KIND or assessment is None:
            raise ValidationError(
                [Problem("scenario", "Dieses Szenario ist nicht mehr in der Bibliothek.")]
            )
        document = dict(item.document)
        by_title = dict(
            session.execute(
                select(TomMeasure.title, TomMeasure.id).where(
                    TomMeasure.school_id == assessment.school_id,
                    TomMeasure.processor_id.is_(None),
                )
            ).all()
        )
    measures = [by_title[t] for t in document.pop("measures", []) if t in by_title]
    data = ScenarioData(**{k: document[k] for k in SCENARIO_FIELDS if k in document})
    return add_scenario(ctx, assessment_id, data, measures)
