"""Where a new scenario can come from: the shipped catalogue, then the library kept for all
schools (services/library/scenarios.py), in one list of the scenario editor."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from dpo_desk.services.changes import Created
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.library.scenarios import library_scenarios, take_scenario

LIBRARY = "library:"


def fill_scenario_sources(combo: QComboBox, ctx) -> None:
    """Catalogue entries (data: key), then library items (data: ``library:<id>``); the
    current choice stays when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for entry in scenarios.scenario_catalogue():
        combo.addItem(entry.title, entry.key)
    for item in library_scenarios(ctx):
        combo.addItem(
            combo.tr("%1 (Bibliothek, Stand %2)")
            .replace("%1", item.title)
            .replace("%2", str(item.revision)),
            f"{LIBRARY}{item.item_id}",
        )
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def add_chosen(ctx, assessment_id: int, key: str) -> Created:
    if key.startswith(LIBRARY):
        return take_scenario(ctx, assessment_id, int(key.removeprefix(LIBRARY)))
    return scenarios.add_from_catalogue(ctx, assessment_id, key)
