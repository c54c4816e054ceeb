"""Export und Import on the settings page: export chosen parts to a ZIP; import an archive
with a preview that lists the conflict first, a choice per row, and the import; a school
changed after the preview gets a fresh preview and nothing written; a file that is no
archive is refused in German before any dialog opens."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from dpo_desk.core.register.values import TomData
from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.register.toms import list_toms, update_tom
from dpo_desk.ui.settings.page import SettingsPage
from dpo_desk.ui.signals import AppSignals


@pytest.fixture
def page(qtbot, ctx, demo) -> SettingsPage:
    widget = SettingsPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.set_school(demo.schools[0].id)
    widget.show()
    return widget


def _first_tom(ctx, school_id: int):
    return next(iter(list_toms(ctx, school_id, None)))


def _describe(ctx, school_id: int, text: str) -> None:
    tom = _first_tom(ctx, school_id)
    update_tom(ctx, tom.id, TomData(tom.title, text, tom.protection_goal, tom.control_type))


def test_export_of_chosen_parts(qtbot, page, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "verzeichnis"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.exchange.export_button, Qt.LeftButton)
    dialog = page.exchange.dialog
    for name, box in dialog.boxes.items():
        if name != "register":
            box.setChecked(False)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert "Exportiert:" in dialog.message.text()
    names = zipfile.ZipFile(tmp_path / "verzeichnis.zip").namelist()
    assert "parts/register.json" in names and "parts/students.json" not in names
    assert dialog.close_button.text() == "Schließen"


def test_import_shows_the_conflict_and_replaces_as_chosen(qtbot, page, ctx, tmp_path: Path) -> None:
    school_id = page.school_id
    original = _first_tom(ctx, school_id).description
    path = export_school(ctx, school_id, tmp_path / "a.zip", ["processors"]).path
    _describe(ctx, school_id, "Hier geändert")

    page.exchange.open_import(path)
    dialog = page.exchange.dialog
    assert dialog.target_school() == school_id
    assert "1 Konflikt" in dialog.summary.text()
    assert dialog.table.item(0, 2).text() == "Konflikt"
    assert dialog.table.item(0, 3).text() == "behalten"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.choice_buttons["replace"], Qt.LeftButton)
    assert dialog.table.item(0, 3).text() == "ersetzen"
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "1 ersetzt" in dialog.message.text()
    assert _first_tom(ctx, school_id).description == original
    assert not dialog.import_button.isEnabled()


def test_a_change_after_the_preview_refreshes_it(qtbot, page, ctx, tmp_path: Path) -> None:
    school_id = page.school_id
    path = export_school(ctx, school_id, tmp_path / "a.zip", ["processors"]).path
    page.exchange.open_import(path)
    dialog = page.exchange.dialog
    assert dialog.table.rowCount() == 0  # all identical
    _describe(ctx, school_id, "Nach der Vorschau geändert")

    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "seit der Vorschau geändert" in dialog.message.text()
    assert dialog.table.item(0, 2).text() == "Konflikt"
    assert _first_tom(ctx, school_id).description == "Nach der Vorschau geändert"


def test_a_file_that_is_no_archive_is_refused(qtbot, page, tmp_path: Path) -> None:
    path = tmp_path / "kein_archiv.zip"
    path.write_text("Das ist kein ZIP.")
    page.exchange.open_import(path)
    box = page.signals.operations.last_problem
    assert box is not None and "kein ZIP-Archiv" in box.text()
    assert page.exchange.dialog is None
    box.close()


def test_import_into_a_new_school_is_offered_for_a_foreign_archive(
    qtbot, page, ctx, tmp_path: Path
) -> None:
    path = export_school(ctx, page.school_id, tmp_path / "a.zip", ["register"]).path
    from dpo_desk.services.schools import get_profile, update_school

    profile = get_profile(ctx, page.school_id)
    update_school(
        ctx, page.school_id, type(profile)(**(profile.as_dict() | {"school_number": "999999"}))
    )
    page.exchange.open_import(path)
    dialog = page.exchange.dialog
    assert dialog.target_school() is None
    assert dialog.target.currentText().startswith("eine neue Schule")
    assert "neu" in dialog.summary.text()


def test_copy_from_another_school_and_the_later_change_offered(
    qtbot, page, ctx, demo, tmp_path: Path
) -> None:
    source, target = demo.schools[1].id, demo.schools[0].id
    qtbot.mouseClick(page.exchange.copy_button, Qt.LeftButton)
    chooser = page.exchange.dialog
    assert chooser.source.currentData() == source
    for name, box in chooser.boxes.items():
        box.setChecked(name == "processors")
    qtbot.mouseClick(chooser.preview_button, Qt.LeftButton)
    dialog = chooser.import_dialog
    assert dialog.target_school() == target
    assert "Schulprofil" not in dialog.summary.text()
    conflicts = [r for r in dialog.rows if r.status == "conflict"]
    dialog.table.selectAll()
    qtbot.mouseClick(dialog.choice_buttons["replace"], Qt.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert f"{len(conflicts)} ersetzt" in dialog.message.text()
    assert not page.exchange.updates.isVisibleTo(page)

    title = _first_tom(ctx, source).title
    tom = _first_tom(ctx, source)
    update_tom(
        ctx, tom.id, TomData(title, "Dort verbessert", tom.protection_goal, tom.control_type)
    )
    page.reload()
    assert page.exchange.updates.isVisibleTo(page)
    assert "1 übernommene Einträge" in page.exchange.updates.text()
