""" "Abbrechen" undoes everything done in a dialog: every dialog of the catalogue
(``ui.catalogue``) is opened on the demo, every field a person can reach is changed (typed
over, ticked, another choice, a date typed short), and "Abbrechen" (Esc) leaves the database
row for row as it was and writes no file. What a dialog stores on purpose before its own
"Speichern" would show up here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from dpo_desk.services.schools import list_schools
from dpo_desk.ui.catalogue import PLACES, close, wait_until
from dpo_desk.ui.common.date_field import DateField
from tests.ui.stored_state import database_rows, stored_files

NOT_EDITING = {
    "dialog_datei_speichern",  # Qt's own file dialog: no data of the app
    "dialog_drucken",  # Qt's print dialog
    "dialog_frage",  # a yes/no question: "Nein" is its cancel
    "dialog_inzwischen_geaendert",  # tells what changed; nothing to edit
    "dialog_ueber",  # about the program
}
EDITING = [p for p in PLACES if p.name not in NOT_EDITING]
NO_FIELDS = {"dialog_einwilligungsverlauf", "dialog_loeschung", "dialog_bibliothek"}
"""Dialogs without a field to type in (a history with its actions, the erasure plan, the
library's list with its actions)."""


def change_every_field(dialog: QWidget) -> int:
    """Change what a person can change in ``dialog`` (all tabs and pages); how many."""
    changed = 0
    for widget in dialog.findChildren(QWidget):
        if not widget.isEnabled():
            continue
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit):
            if widget.isReadOnly() or isinstance(parent, QComboBox | QAbstractSpinBox):
                continue
            widget.setText("1.2.27" if isinstance(parent, DateField) else f"{widget.text()} X")
            widget.editingFinished.emit()
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            if widget.isReadOnly():
                continue
            widget.setPlainText(widget.toPlainText() + "\nGeändert")
        elif isinstance(widget, QCheckBox | QRadioButton):
            widget.click()
        elif isinstance(widget, QComboBox):
            if widget.count() < 2:
                continue
            widget.setCurrentIndex((widget.currentIndex() + 1) % widget.count())
        elif isinstance(widget, QAbstractSpinBox):
            if widget.isReadOnly():
                continue
            widget.stepUp()
        else:
            continue
        changed += 1
    return changed


def _answer_questions_no() -> None:
    """A question a change raised ("Änderungen verwerfen?"): the careful answer."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.done(QMessageBox.No)


@pytest.mark.parametrize("place", EDITING, ids=[p.name for p in EDITING])
def test_abbrechen_leaves_the_database_as_it_was(
    place, qtbot, demo, open_window, data_dir, tmp_path: Path
) -> None:
    window = open_window()
    large = next(s for s in list_schools(window.ctx) if s.name == "Gesamtschule Rheinblick")
    window.select_school(large.id)
    dialog = place.open(window, tmp_path)
    qtbot.wait(1)
    rows, files = database_rows(data_dir), stored_files(data_dir)
    guard = QTimer()
    guard.timeout.connect(_answer_questions_no)
    guard.start(100)
    try:
        assert change_every_field(dialog) > 0 or place.name in NO_FIELDS
        close(dialog)  # "Abbrechen"
        wait_until(lambda: not dialog.isVisible(), 3000)
        qtbot.wait(50)
    finally:
        guard.stop()
    assert stored_files(data_dir) == files
    after = database_rows(data_dir)
    changed = {table for table in rows if rows[table] != after.get(table)}
    assert changed == set(), f"Abbrechen left changes in {sorted(changed)}"


@pytest.mark.parametrize("kind", ["processor", "tom", "activity"])
def test_abbrechen_after_attaching_and_removing_files_stores_nothing(
    kind, qtbot, demo, open_window, data_dir, tmp_path: Path
) -> None:
    """The files of an entry, a processor or a measure wait for "Speichern" like its fields."""
    window = open_window()
    large = next(s for s in list_schools(window.ctx) if s.name == "Gesamtschule Rheinblick")
    window.select_school(large.id)
    opener = {"processor": "dialog_auftragsverarbeiter", "tom": "dialog_tom"}.get(
        kind, "dialog_vvt_eintrag"
    )
    dialog = next(p for p in PLACES if p.name == opener).open(window, tmp_path)
    box = dialog.attachments
    annex = tmp_path / "Anlage.pdf"
    annex.write_bytes(b"%PDF-1.4 Anlage")
    rows, files = database_rows(data_dir), stored_files(data_dir)
    assert box.attach(annex)
    box.list.setCurrentRow(0)
    box.remove_current()
    assert box.attach(annex)
    assert dialog.unsaved_work() is not None
    close(dialog)
    wait_until(lambda: not dialog.isVisible(), 3000)
    assert database_rows(data_dir) == rows
    assert stored_files(data_dir) == files
