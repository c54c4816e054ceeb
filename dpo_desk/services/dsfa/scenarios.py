"""Risk scenarios of a draft assessment and their measures from the TOM catalogue.

Only drafts change; every function is one transaction with its audit events. A new measure
written for a scenario goes into the school's TOM catalogue and is linked at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.dsfa.risk import is_level
from dpo_desk.core.dsfa.rules import SCENARIO_LABELS, ScenarioData, validate_scenario
from dpo_desk.core.register.rules import validate_tom
from dpo_desk.core.register.values import TomData
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.resource_files import load_json
from dpo_desk.services.changes import Changes, Created
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.dsfa.plan import sync_actions
from dpo_desk.services.dsfa.views import SCENARIO_FIELDS, load_draft, scenario_data
from dpo_desk.services.versions import (
    RecordGone,
    check_version,
    differences_between,
    mark_saved,
)
from dpo_desk.store.models import DsfaScenario, DsfaScenarioMeasure, TomMeasure

ENTITY = "dsfa_scenario"
CATALOGUE = ("data", "dsfa_szenarien.json")


@dataclass(frozen=True)
class CatalogueScenario:
    key: str
    title: str
    source: str
    event: str
    damage: str
    tom_keys: tuple[str, ...]
    suggested_before: tuple[int, int] | None = None
    suggested_after: tuple[int, int] | None = None

    @property
    def data(self) -> ScenarioData:
        """The scenario as a starting point, with the catalogue's suggested ratings."""
        before = self.suggested_before or (None, None)
        after = self.suggested_after or (None, None)
        return ScenarioData(
            title=self.title,
            source=self.source,
            event=self.event,
            damage=self.damage,
            inherent_likelihood=before[0],
            inherent_severity=before[1],
            residual_likelihood=after[0],
            residual_severity=after[1],
            catalogue_key=self.key,
        )

    def is_suggestion(self, data: ScenarioData) -> bool:
        """Whether ``data`` still carries exactly the catalogue's suggested ratings."""
        return (
            self.suggested_before is not None
            and (data.inherent_likelihood, data.inherent_severity) == self.suggested_before
            and (data.residual_likelihood, data.residual_severity) == self.suggested_after
        )


def _pair(value: object) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2 and all(is_level(v) for v in value):
        return int(value[0]), int(value[1])
    return None


def scenario_catalogue() -> list[CatalogueScenario]:
    return [
        CatalogueScenario(
            e["key"],
            e["title"],
            e["source"],
            e["event"],
            e["damage"],
            tuple(e.get("tom_keys", ())),
            _pair(e.get("bewertung", {}).get("vorher")),
            _pair(e.get("bewertung", {}).get("nachher")),
        )
        for e in load_json(*CATALOGUE)["szenarien"]
    ]


def catalogue_entry(key: str) -> CatalogueScenario | None:
    return next((e for e in scenario_catalogue() if e.key == key), None)


def clean_scenario(data: ScenarioData) -> ScenarioData:
    return ScenarioData(
        **{k: (v.strip() if isinstance(v, str) else v) for k, v in asdict(data).items()}
    )


def _load_scenario(session: Session, scenario_id: int) -> DsfaScenario:
    row = session.get(DsfaScenario, scenario_id)
    if row is None:
        raise RecordGone(
            "Dieses Risikoszenario gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    load_draft(session, row.assessment_id)
    return row


def _school_toms(session: Session, school_id: int, tom_ids: Sequence[int]) -> list[TomMeasure]:
    rows = {
        t.id: t
        for t in session.scalars(
            select(TomMeasure).where(TomMeasure.school_id == school_id, TomMeasure.id.in_(tom_ids))
        )
    }
    if set(tom_ids) - set(rows):
        raise ValidationError([Problem("measures", "Maßnahmen: Eine gewählte Maßnahme fehlt.")])
    return [rows[i] for i in tom_ids]


def add_scenario(
    ctx: ServiceContext, assessment_id: int, data: ScenarioData, tom_ids: Sequence[int] = ()
) -> Created:
    """Append a scenario (new or from the catalogue) with the chosen measures."""
    clean = clean_scenario(data)
    validate_scenario(clean)
    with ctx.unit_of_work() as uow:
        row = insert_scenario(uow, assessment_id, clean, tom_ids)
        return Created(row.id, changes=uow.changes)


def insert_scenario(
    uow: UnitOfWork, assessment_id: int, clean: ScenarioData, tom_ids: Sequence[int] = ()
) -> DsfaScenario:
    """``add_scenario`` inside a unit of work (``clean`` validated): also for the library,
    which links the new scenario to its item in the same transaction."""
    assessment = load_draft(uow.session, assessment_id)
    position = uow.session.scalar(
        select(func.count(DsfaScenario.id)).where(DsfaScenario.assessment_id == assessment_id)
    )
    row = DsfaScenario(
        school_id=assessment.school_id,
        assessment_id=assessment_id,
        position=position or 0,
        **asdict(clean),
    )
    row.measures = [
        DsfaScenarioMeasure(school_id=assessment.school_id, tom_id=t.id, position=i, title=t.title)
        for i, t in enumerate(
            _school_toms(uow.session, assessment.school_id, list(dict.fromkeys(tom_ids)))
        )
    ]
    uow.session.add(row)
    uow.session.flush()
    uow.audit(
        ENTITY,
        row.id,
        "create",
        {
            **asdict(clean),
            "assessment_id": assessment_id,
            "tom_ids": [m.tom_id for m in row.measures],
        },
        school_id=row.school_id,
    )
    sync_actions(uow, assessment)
    return row


def add_from_catalogue(ctx: ServiceContext, assessment_id: int, key: str) -> Created:
    """A catalogue scenario, linked to the school's measures the catalogue suggests."""
    entry = catalogue_entry(key)
    if entry is None:
        raise LookupError(f"Kein Szenario „{key}“ im Katalog.")
    with ctx.reading() as session:
        school_id = load_draft(session, assessment_id).school_id
        by_key = dict(
            session.execute(
                select(TomMeasure.catalogue_key, TomMeasure.id).where(
                    TomMeasure.school_id == school_id,
                    TomMeasure.processor_id.is_(None),
                    TomMeasure.catalogue_key.in_(entry.tom_keys),
                )
            ).all()
        )
    return add_scenario(
        ctx, assessment_id, entry.data, [by_key[k] for k in entry.tom_keys if k in by_key]
    )


def update_scenario(
    ctx: ServiceContext,
    scenario_id: int,
    data: ScenarioData,
    expected_version: int | None = None,
) -> Changes:
    """Save texts and ratings; a residual rating above the inherent one needs a reason.
    Refused (``StaleEdit``) when the scenario changed since ``expected_version``."""
    clean = clean_scenario(data)
    validate_scenario(clean)
    with ctx.unit_of_work() as uow:
        row = _load_scenario(uow.session, scenario_id)
        before, after = asdict(scenario_data(row)), asdict(clean)
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Das Risikoszenario „{row.title}“",
            differences=differences_between(before, after, SCENARIO_LABELS),
        )
        changes = changes_between(before, after)
        if changes:
            for name in SCENARIO_FIELDS:
                setattr(row, name, getattr(clean, name))
            uow.audit(ENTITY, row.id, "update", changes, school_id=row.school_id)
        return uow.changes


def delete_scenario(ctx: ServiceContext, scenario_id: int) -> Changes:
    with ctx.unit_of_work() as uow:
        row = _load_scenario(uow.session, scenario_id)
        assessment_id = row.assessment_id
        uow.audit(ENTITY, row.id, "delete", {"title": row.title}, school_id=row.school_id)
        uow.session.delete(row)
        uow.session.flush()
        rest = uow.session.scalars(
            select(DsfaScenario)
            .where(DsfaScenario.assessment_id == assessment_id)
            .order_by(DsfaScenario.position)
        )
        for position, other in enumerate(rest):
            other.position = position
        sync_actions(uow, load_draft(uow.session, assessment_id))
        return uow.changes


def link_measures(ctx: ServiceContext, scenario_id: int, tom_ids: Sequence[int]) -> Changes:
    """Add measures of the TOM catalogue to the scenario (ones already linked are skipped)."""
    with ctx.unit_of_work() as uow:
        row = _load_scenario(uow.session, scenario_id)
        present = {m.tom_id for m in row.measures}
        wanted = [i for i in dict.fromkeys(tom_ids) if i not in present]
        added = []
        for tom in _school_toms(uow.session, row.school_id, wanted):
            row.measures.append(
                DsfaScenarioMeasure(
                    school_id=row.school_id,
                    tom_id=tom.id,
                    position=len(row.measures),
                    title=tom.title,
                )
            )
            added.append(tom.id)
        if added:
            mark_saved(row)
            uow.audit(ENTITY, row.id, "link_measures", {"tom_ids": added}, school_id=row.school_id)
            sync_actions(uow, load_draft(uow.session, row.assessment_id))
        return uow.changes


def unlink_measure(ctx: ServiceContext, measure_id: int) -> Changes:
    """Remove a measure from the scenario (it stays in the TOM catalogue)."""
    with ctx.unit_of_work() as uow:
        link = uow.session.get(DsfaScenarioMeasure, measure_id)
        if link is None:
            raise LookupError(f"Maßnahmen-Verknüpfung {measure_id} gibt es nicht.")
        row = _load_scenario(uow.session, link.scenario_id)
        uow.audit(
            ENTITY,
            row.id,
            "unlink_measure",
            {"tom_id": link.tom_id, "title": link.title},
            school_id=row.school_id,
        )
        row.measures.remove(link)
        mark_saved(row)
        sync_actions(uow, load_draft(uow.session, row.assessment_id))
        return uow.changes


def add_new_measure(ctx: ServiceContext, scenario_id: int, data: TomData) -> Created:
    """Write a new measure into the school's TOM catalogue and link it (the TOM's id)."""
    clean = TomData(
        data.title.strip(),
        data.description.strip(),
        data.protection_goal,
        data.control_type or "",
        None,
    )
    validate_tom(clean)
    with ctx.unit_of_work() as uow:
        row = _load_scenario(uow.session, scenario_id)
        tom = TomMeasure(
            school_id=row.school_id,
            title=clean.title,
            description=clean.description,
            protection_goal=clean.protection_goal,
            control_type=clean.control_type,
        )
        uow.session.add(tom)
        uow.session.flush()
        uow.audit(
            "tom",
            tom.id,
            "create",
            {"title": tom.title, "protection_goal": tom.protection_goal, "from": "dsfa"},
            school_id=row.school_id,
        )
        row.measures.append(
            DsfaScenarioMeasure(
                school_id=row.school_id, tom_id=tom.id, position=len(row.measures), title=tom.title
            )
        )
        mark_saved(row)
        uow.audit(ENTITY, row.id, "link_measures", {"tom_ids": [tom.id]}, school_id=row.school_id)
        sync_actions(uow, load_draft(uow.session, row.assessment_id))
        return Created(tom.id, changes=uow.changes)
