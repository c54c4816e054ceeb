"""Open DSFA measures in the list of everything due, and archived entries out of it."""

from __future__ import annotations

from datetime import date

from dpo_desk.core.due import DueKind
from dpo_desk.services.due.items import due_list
from dpo_desk.services.register import activities
from dpo_desk.services.register.archive import archive_activity


def test_open_plan_measures_are_due_with_owner_kept_out_of_the_title(ctx, demo) -> None:
    large = demo.schools[1].id
    items = [i for i in due_list(ctx, [large]).items if i.kind == DueKind.DSFA_MEASURE]
    assert items, "the demo's platform DSFA has open measures with a deadline"
    first = items[0]
    assert first.due == date(2026, 12, 18)
    assert first.title.startswith("DSFA „Lernplattform“: Maßnahme „")
    assert first.person == "Schulische IT-Administration"
    assert "Administration" not in first.title
    assert first.target.page == "dsfaPage"
    assert first.kind_label == "DSFA-Maßnahme"


def test_an_archived_entry_leaves_the_due_list(ctx, demo) -> None:
    large = demo.schools[1].id
    entry = activities.find_activity(ctx, large, "schulverwaltung")

    def reviews() -> list[int | None]:
        return [
            i.target.entity_id
            for i in due_list(ctx, [large]).items
            if i.kind == DueKind.ACTIVITY_REVIEW
        ]

    assert entry.id in reviews()
    archive_activity(ctx, entry.id, "Neues Schulverwaltungsprogramm des Landes")
    assert entry.id not in reviews()
