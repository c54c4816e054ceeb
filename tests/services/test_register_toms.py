"""Measures (TOM): starter set, own measures, processor measures, both groupings."""

from __future__ import annotations

import pytest

from dpo_desk.core.register.values import (
    CONTROL_TYPES,
    PROTECTION_GOALS,
    ActivityData,
    ProcessorData,
    TomData,
    group_by,
)
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.register import activities, processors, toms


def test_starter_set_covers_all_seven_goals_and_is_added_once(ctx, school_id) -> None:
    added = toms.add_starter_set(ctx, school_id).count
    assert added == len(toms.tom_catalogue()) >= 20
    assert toms.add_starter_set(ctx, school_id).count == 0
    listed = toms.list_toms(ctx, school_id)
    assert {t.protection_goal for t in listed} == set(PROTECTION_GOALS)
    assert {t.control_type for t in listed if t.control_type} == set(CONTROL_TYPES)
    assert all(t.owner == "Schule" for t in listed)


def test_grouping_by_goal_and_by_control_type(ctx, school_id) -> None:
    toms.add_starter_set(ctx, school_id)
    listed = toms.list_toms(ctx, school_id)
    by_goal = group_by(listed, "protection_goal", PROTECTION_GOALS, "ohne Schutzziel")
    assert [label for label, _ in by_goal] == list(PROTECTION_GOALS.values())
    by_control = group_by(listed, "control_type", CONTROL_TYPES, "ohne Kontrollart")
    assert by_control[-1][0] == "ohne Kontrollart"
    assert sum(len(items) for _, items in by_control) == len(listed)


def test_processor_measures_are_kept_apart(ctx, school_id) -> None:
    vendor = processors.create_processor(ctx, school_id, ProcessorData(name="Lernwolke GmbH"))
    toms.create_tom(ctx, school_id, TomData("Eigene Schließanlage", "", "confidentiality"))
    toms.create_tom(
        ctx,
        school_id,
        TomData("ISO-27001-Rechenzentrum", "", "availability", "availability", vendor.id),
    )
    assert [t.title for t in toms.list_toms(ctx, school_id, None)] == ["Eigene Schließanlage"]
    (theirs,) = toms.list_toms(ctx, school_id, vendor.id)
    assert (theirs.owner, theirs.goal_label, theirs.control_label) == (
        "Lernwolke GmbH",
        "Verfügbarkeit",
        "Verfügbarkeitskontrolle",
    )


def test_invalid_measure_is_rejected_in_german(ctx, school_id) -> None:
    with pytest.raises(ValidationError) as caught:
        toms.create_tom(ctx, school_id, TomData("", "", ""))
    assert [p.message for p in caught.value.problems] == [
        "Maßnahme: Bitte ausfüllen.",
        "Schutzziel: Bitte eines der sieben Schutzziele wählen.",
    ]


def test_update_and_delete_a_measure_used_by_an_entry(ctx, school_id) -> None:
    tom_id = toms.create_tom(ctx, school_id, TomData("Backup", "", "availability")).id
    entry = activities.create_activity(ctx, school_id, ActivityData(name="X", tom_ids=[tom_id]))
    toms.update_tom(ctx, tom_id, TomData("Tägliches Backup", "", "availability", "availability"))
    (listed,) = toms.list_toms(ctx, school_id)
    assert (listed.title, listed.used_by) == ("Tägliches Backup", 1)
    toms.delete_tom(ctx, tom_id)
    assert activities.get_activity(ctx, entry.id).data.tom_ids == []


def test_an_entry_cannot_link_a_measure_of_another_school(ctx, school_id) -> None:
    from dpo_desk.services.schools import create_school
    from tests.conftest import sample_profile

    other = create_school(ctx, sample_profile(name="Andere Schule", school_number="999"))
    foreign = toms.create_tom(ctx, other.id, TomData("Fremd", "", "integrity")).id
    with pytest.raises(ValidationError, match="Maßnahmen"):
        activities.create_activity(ctx, school_id, ActivityData(name="Y", tom_ids=[foreign]))


def test_deleting_a_linked_measure_is_audited_on_the_entry(ctx, school_id) -> None:
    from sqlalchemy import select

    from dpo_desk.store.models import AuditEvent

    keep = toms.create_tom(ctx, school_id, TomData("Schließanlage", "", "confidentiality")).id
    gone = toms.create_tom(ctx, school_id, TomData("Fax", "", "integrity")).id
    entry = activities.create_activity(ctx, school_id, ActivityData(name="Z", tom_ids=[keep, gone]))
    toms.delete_tom(ctx, gone)
    with ctx.reading() as session:
        last = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "activity", AuditEvent.entity_id == entry.id)
            .order_by(AuditEvent.id.desc())
        ).first()
        assert (last.action, last.changes) == ("update", {"tom_ids": [[keep, gone], [keep]]})
