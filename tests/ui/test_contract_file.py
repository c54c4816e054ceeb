"""The contract file of a processor is chosen in the form and stored only by "Speichern":
"Abbrechen" leaves the stored contract (and everything else) as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton

from dpo_desk.services.register import contracts, processors
from tests.ui.stored_state import database_rows, stored_files


@pytest.fixture
def page(qtbot, open_window, demo):
    window = open_window()
    window.select_school(demo.schools[1].id)
    page = window.page("processorsPage")
    window.show_page(window.pages.index(page))
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return page


def open_processor(qtbot, page, name: str):
    page.search.setText(name)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def choose_in_file_dialog(qtbot, dialog, path: Path) -> None:
    """Click "Datei anhängen …" on the contract tab and pick ``path`` in the file dialog."""
    dialog.tabs.setCurrentIndex(1)
    picked: list[bool] = []

    def fill_in() -> None:
        chooser = QApplication.activeModalWidget()
        assert isinstance(chooser, QFileDialog), chooser
        chooser.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        chooser.accept()
        picked.append(True)

    QTimer.singleShot(200, fill_in)
    qtbot.mouseClick(dialog.findChild(QPushButton, "attachContractButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(picked), timeout=10000)


def cancel(qtbot, dialog) -> None:
    dialog.raise_()
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_abbrechen_after_attaching_a_contract_stores_nothing(
    qtbot, page, data_dir, tmp_path
) -> None:
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    processor_id = dialog.processor_id
    before_content = contracts.contract_content(page.ctx, processor_id)
    rows, files = database_rows(data_dir), stored_files(data_dir)
    contract = tmp_path / "AVV Konferenzwerk 2027.pdf"
    contract.write_bytes(b"%PDF-1.4 neue Fassung")

    choose_in_file_dialog(qtbot, dialog, contract)
    assert dialog.file_label.text() == (
        "AVV Konferenzwerk 2027.pdf (wird beim Speichern angehängt)"
    )
    assert dialog.open_button.isEnabled()
    assert database_rows(data_dir) == rows  # chosen, not stored
    assert dialog.unsaved_work() is not None

    cancel(qtbot, dialog)
    assert database_rows(data_dir) == rows
    assert stored_files(data_dir) == files
    assert contracts.contract_content(page.ctx, processor_id) == before_content
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    assert "2027" not in dialog.file_label.text()


def test_speichern_stores_the_chosen_contract_with_the_form(qtbot, page, tmp_path) -> None:
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    processor_id = dialog.processor_id
    contract = tmp_path / "AVV Konferenzwerk 2027.pdf"
    contract.write_bytes(b"%PDF-1.4 neue Fassung")
    choose_in_file_dialog(qtbot, dialog, contract)
    dialog.contract.version.setText("Fassung 5")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert contracts.contract_content(page.ctx, processor_id) == b"%PDF-1.4 neue Fassung"
    stored = processors.get_processor(page.ctx, processor_id)
    assert stored.contract_file_name == "AVV Konferenzwerk 2027.pdf"
    assert stored.data.contract_version == "Fassung 5"


def test_a_new_processor_takes_its_contract_with_the_first_save(
    qtbot, page, data_dir, tmp_path
) -> None:
    rows = database_rows(data_dir)
    qtbot.mouseClick(page.findChild(QPushButton, "newProcessorButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.keyClicks(dialog.fields["name"], "Mensa-Abrechnung GmbH")
    contract = tmp_path / "AVV Mensa.pdf"
    contract.write_bytes(b"%PDF-1.4 Mensa")
    choose_in_file_dialog(qtbot, dialog, contract)
    assert database_rows(data_dir) == rows
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert contracts.contract_content(page.ctx, dialog.processor_id) == b"%PDF-1.4 Mensa"


def test_a_file_that_cannot_be_attached_is_refused_at_once(qtbot, page, tmp_path) -> None:
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    assert not dialog.attach(tmp_path)  # a folder
    assert "ist keine Datei" in dialog.error.text()
    assert dialog.pending_contract is None
