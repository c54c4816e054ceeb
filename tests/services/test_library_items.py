"""The library kept once for all schools (services/library/items.py): a record goes in from
one school, another school takes it over through the import preview, a later change of the
item is offered to the schools holding a copy ("geändert", or "Konflikt" where the school
changed its copy too); what belongs to one school (a signed contract, a measure's state)
never travels; a library DSFA scenario is added to an assessment."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from dpo_desk.core.register.values import CONTROL_TYPES, PROTECTION_GOALS, TomData
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.apply import apply_import
from dpo_desk.services.exchange.preview import CHANGED, CONFLICT, NEW, preview_import
from dpo_desk.services.library import items, scenarios
from dpo_desk.services.register import contracts, processors, toms
from dpo_desk.store.models import DsfaAssessment, DsfaScenario


def _schools(demo) -> tuple[int, int]:
    small = next(s.id for s in demo.schools if s.size != "large")
    large = next(s.id for s in demo.schools if s.size == "large")
    return small, large


def _tom(ctx: ServiceContext, school_id: int, title: str):
    return next(t for t in toms.list_toms(ctx, school_id, None) if t.title == title)


GOAL, CONTROL = next(iter(PROTECTION_GOALS)), next(iter(CONTROL_TYPES))


def _rule(title: str, description: str) -> TomData:
    return TomData(title, description, GOAL, CONTROL)


def _take(ctx: ServiceContext, school_id: int, item_ids: list[int], choices=None):
    archive = items.library_archive(ctx, item_ids)
    preview = preview_import(ctx, archive, school_id)
    result = apply_import(ctx, archive, preview, choices or {})
    return preview, result


def test_a_measure_goes_from_one_school_through_the_library_into_another(
    ctx: ServiceContext, demo
) -> None:
    small, large = _schools(demo)
    toms.create_tom(ctx, small, _rule("Schulweite Passwortregel", "mind. 12 Zeichen"))
    added = items.add_to_library(ctx, small, "tom", "Schulweite Passwortregel")
    assert added.created
    [entry] = items.list_library(ctx, "tom")
    assert (entry.title, entry.revision, entry.copies) == ("Schulweite Passwortregel", 1, 1)

    preview, _ = _take(ctx, large, [added.item_id])
    assert [(r.label, r.status) for r in preview.records] == [
        ("TOM „Schulweite Passwortregel“", NEW)
    ]
    assert _tom(ctx, large, "Schulweite Passwortregel").description == "mind. 12 Zeichen"
    assert items.list_library(ctx, "tom")[0].copies == 2
    assert items.library_updates(ctx, large) == []


@pytest.mark.parametrize("changed_here", [False, True])
def test_a_later_change_of_the_item_is_offered_to_the_other_school(
    ctx: ServiceContext, demo, changed_here: bool
) -> None:
    small, large = _schools(demo)
    title = "Schulweite Passwortregel"
    tom = toms.create_tom(ctx, small, _rule(title, "mind. 12 Zeichen"))
    item = items.add_to_library(ctx, small, "tom", title).item_id
    _take(ctx, large, [item])
    if changed_here:
        mine = _tom(ctx, large, title)
        toms.update_tom(ctx, mine.id, _rule(title, "hier: 14 Zeichen"))

    toms.update_tom(ctx, tom.id, _rule(title, "mind. 16 Zeichen, Passwortmanager"))
    renewed = items.add_to_library(ctx, small, "tom", title)
    assert (renewed.created, renewed.changed) == (False, True)
    assert items.list_library(ctx, "tom")[0].revision == 2
    assert items.library_updates(ctx, small) == []  # the school it came from has it
    [offered] = items.library_updates(ctx, large)
    assert (offered.title, offered.revision) == (title, 2)

    preview, _ = _take(ctx, large, [offered.item_id], None)
    [record] = preview.records
    assert record.status == (CONFLICT if changed_here else CHANGED)
    expected = "hier: 14 Zeichen" if changed_here else "mind. 16 Zeichen, Passwortmanager"
    assert _tom(ctx, large, title).description == expected  # a conflict keeps by default
    if changed_here:
        _take(ctx, large, [offered.item_id], {record.key: "replace"})
        assert _tom(ctx, large, title).description == "mind. 16 Zeichen, Passwortmanager"
    assert items.library_updates(ctx, large) == []


def _processor_keys(ctx: ServiceContext, school_id: int) -> dict[str, int]:
    return {
        processors.get_processor(ctx, p.id).key: p.id
        for p in processors.list_processors(ctx, school_id)
    }


def test_a_processor_travels_without_the_schools_contract(
    ctx: ServiceContext, demo, tmp_path: Path
) -> None:
    small, large = _schools(demo)
    processor = processors.list_processors(ctx, small)[0]
    key = processors.get_processor(ctx, processor.id).key
    signed = tmp_path / "avv.pdf"
    signed.write_bytes(b"%PDF-1.4 unterschrieben von der Grundschule")
    contracts.attach_contract(ctx, processor.id, signed)
    item = items.add_to_library(ctx, small, "processor", key).item_id
    theirs = {
        processors.get_processor(ctx, p.id).key: p.id
        for p in processors.list_processors(ctx, large)
    }
    own = tmp_path / "eigener.pdf"
    own.write_bytes(b"%PDF-1.4 unterschrieben von der Gesamtschule")
    if key in theirs:
        contracts.attach_contract(ctx, theirs[key], own)

    _take(ctx, large, [item], {f"processor:{key}": "replace"})

    copy = {
        processors.get_processor(ctx, p.id).key: p.id
        for p in processors.list_processors(ctx, large)
    }[key]
    expected = own.read_bytes() if key in theirs else None
    assert contracts.contract_content(ctx, copy) == expected


def _draft(ctx: ServiceContext, school_id: int) -> int | None:
    with ctx.reading() as session:
        return session.scalars(
            select(DsfaAssessment.id).where(
                DsfaAssessment.school_id == school_id, DsfaAssessment.status == "draft"
            )
        ).first()


def test_a_dsfa_scenario_from_the_library_is_added_linked_and_renewed(
    ctx: ServiceContext, demo
) -> None:
    small, large = _schools(demo)
    with ctx.reading() as session:  # a scenario of a draft, so it can change later
        original = session.scalars(
            select(DsfaScenario)
            .join(DsfaAssessment, DsfaAssessment.id == DsfaScenario.assessment_id)
            .where(DsfaScenario.school_id == small, DsfaAssessment.status == "draft")
        ).first()
        title, scenario_id = original.title, original.id
    assessment = _draft(ctx, large)
    assert assessment is not None, "the demo has a draft assessment in the large school"
    items.add_to_library(ctx, small, scenarios.KIND, title)
    [offered] = scenarios.library_scenarios(ctx)
    assert offered.title == title
    created = scenarios.take_scenario(ctx, assessment, offered.item_id)
    with ctx.reading() as session:
        assert session.get(DsfaScenario, created.id).title == title
    assert items.list_library(ctx, scenarios.KIND)[0].copies == 2
    assert items.library_updates(ctx, large) == []

    # The DPO sharpens the scenario in the first school and renews the library item.
    from dpo_desk.services.dsfa.scenarios import update_scenario
    from dpo_desk.services.dsfa.views import scenario_data

    with ctx.reading() as session:
        data = scenario_data(session.get(DsfaScenario, scenario_id))
    sharper = replace(data, damage="Bloßstellung vor der ganzen Klasse")
    update_scenario(ctx, scenario_id, sharper)
    items.add_to_library(ctx, small, scenarios.KIND, title)
    [update] = items.library_updates(ctx, large)
    assert (update.kind, update.revision) == (scenarios.KIND, 2)

    assert scenarios.renew_scenarios(ctx, large, [update.item_id]).count == 1
    with ctx.reading() as session:
        assert session.get(DsfaScenario, created.id).damage == sharper.damage
    assert items.library_updates(ctx, large) == []


def test_removing_an_item_keeps_the_copies(ctx: ServiceContext, demo) -> None:
    small, large = _schools(demo)
    toms.create_tom(ctx, small, _rule("Schulweite Passwortregel", "mind. 12 Zeichen"))
    item = items.add_to_library(ctx, small, "tom", "Schulweite Passwortregel").item_id
    _take(ctx, large, [item])
    items.remove_from_library(ctx, [item])
    assert items.list_library(ctx) == []
    assert _tom(ctx, large, "Schulweite Passwortregel")
    assert items.library_updates(ctx, large) == []
