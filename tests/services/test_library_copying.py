"""Copying from one school to another: everything shared arrives in a step, the copies stay
linked, a later change of the origin is offered and taken over as "geändert" (a copy
changed here too is a conflict); students and consents are never copied."""

from __future__ import annotations

import pytest

from dpo_desk.core.register.values import TomData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.consent.templates import list_templates
from dpo_desk.services.exchange.apply import apply_import
from dpo_desk.services.exchange.preview import CHANGED, CONFLICT, NEW, preview_import
from dpo_desk.services.library.copying import offered_updates, school_as_archive
from dpo_desk.services.register.processors import list_processors
from dpo_desk.services.register.toms import list_toms, update_tom
from dpo_desk.services.roster.students import list_students


def _copy(ctx, source: int, target: int, choices=None):
    archive = school_as_archive(ctx, source)
    preview = preview_import(ctx, archive, target)
    return preview, apply_import(ctx, archive, preview, choices or {})


def _describe(ctx, school_id: int, title: str, text: str) -> None:
    tom = next(t for t in list_toms(ctx, school_id, None) if t.title == title)
    update_tom(ctx, tom.id, TomData(tom.title, text, tom.protection_goal, tom.control_type))


def _description(ctx, school_id: int, title: str) -> str:
    return next(t.description for t in list_toms(ctx, school_id, None) if t.title == title)


def test_copy_into_another_school_and_offer_a_later_change(ctx, demo, school_id) -> None:
    source = demo.schools[0].id
    preview, result = _copy(ctx, source, school_id)
    assert {r.status for r in preview.records} == {NEW}
    assert "Schulprofil" not in " ".join(r.label for r in preview.records)
    assert result.created == len(preview.records) > 10
    assert [p.name for p in list_processors(ctx, school_id)] == [
        p.name for p in list_processors(ctx, source)
    ]
    assert len(list_templates(ctx, school_id)) == len(list_templates(ctx, source))
    assert list_students(ctx, school_id) == []
    assert offered_updates(ctx, school_id) == []

    title = next(iter(list_toms(ctx, source, None))).title
    _describe(ctx, source, title, "In der Ursprungsschule verbessert")
    offered = offered_updates(ctx, school_id)
    assert [(o.source_school_id, o.identity) for o in offered] == [(source, title)]
    again, _ = _copy(ctx, source, school_id)
    assert [r.status for r in again.records if r.status != "identical"] == [CHANGED]
    assert _description(ctx, school_id, title) == "In der Ursprungsschule verbessert"
    assert offered_updates(ctx, school_id) == []


def test_a_copy_changed_here_too_is_a_conflict(ctx, demo, school_id) -> None:
    source = demo.schools[0].id
    _copy(ctx, source, school_id)
    title = next(iter(list_toms(ctx, source, None))).title
    _describe(ctx, source, title, "Dort geändert")
    _describe(ctx, school_id, title, "Hier geändert")
    again, _ = _copy(ctx, source, school_id)
    assert [r.status for r in again.records if r.status != "identical"] == [CONFLICT]
    assert _description(ctx, school_id, title) == "Hier geändert"  # kept without a choice


def test_students_and_consents_are_never_copied(ctx, demo) -> None:
    with pytest.raises(ValidationError) as refused:
        school_as_archive(ctx, demo.schools[0].id, ["students"])
    assert "nicht in eine andere kopiert" in refused.value.problems[0].message
