"""The "Datensicherung & Verschlüsselung" panel, driven by mouse and keyboard as a DPO would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from dpo_desk.app import open_app
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.services.settings import set_person
from dpo_desk.store import crypto
from dpo_desk.ui.safety.panel import DataSafetyPanel
from dpo_desk.ui.signals import AppSignals
from tests.conftest import TEST_PERSON, sample_profile


def when_modal(qtbot, action: Callable[[QDialog | QMessageBox], None]) -> list[str]:
    """Run ``action`` on the next modal dialog as soon as it is open; returns its text."""
    seen: list[str] = []

    def handle() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, handle)
            return
        seen.append(modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle())
        action(modal)

    QTimer.singleShot(0, handle)
    return seen


def _click(dialog, text: str) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
    button.click()


def test_backup_now_lists_the_backup_with_its_contents(qtbot, panel: DataSafetyPanel) -> None:
    qtbot.mouseClick(panel.backup_button, Qt.LeftButton)
    assert panel.model.rowCount() == 1
    model = panel.model
    assert model.index(0, 4).data() == "1"  # Schulen
    assert model.index(0, 1).data() == "manuell"
    assert "Letzte Sicherung:" in panel.status.text()
    assert any("angelegt und geprüft" in m for m in panel.messages)


def test_restore_in_two_clicks_after_seeing_the_contents(
    qtbot, panel: DataSafetyPanel, ctx: ServiceContext
) -> None:
    panel.backup_now()
    create_school(ctx, sample_profile(name="Später angelegt", school_number="777"))
    panel.refresh()
    panel.table.selectRow(0)
    seen = when_modal(qtbot, lambda box: _click(box, "Zurückspielen"))
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert seen and "Schulen: 1" in seen[0]
    assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
    assert panel.model.rowCount() == 2  # plus the backup of the state before
    assert any("zurückgespielt" in m for m in panel.messages)


def test_cancelling_the_restore_changes_nothing(
    qtbot, panel: DataSafetyPanel, ctx: ServiceContext
) -> None:
    panel.backup_now()
    create_school(ctx, sample_profile(name="Bleibt", school_number="778"))
    panel.refresh()
    panel.table.selectRow(0)
    when_modal(qtbot, lambda box: _click(box, "Abbrechen"))
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert len(list_schools(ctx)) == 2


def test_missing_backup_folder_is_shown_in_red_and_in_the_status_bar(
    qtbot, panel: DataSafetyPanel, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    panel.folder_edit.clear()
    qtbot.keyClicks(panel.folder_edit, str(stick))
    qtbot.keyClick(panel.folder_edit, Qt.Key_Return)
    assert panel.folder_edit.text() == str(stick)
    stick.rmdir()
    qtbot.mouseClick(panel.backup_button, Qt.LeftButton)
    assert "nicht vorhanden" in panel.status.text()
    assert "b00020" in panel.status.styleSheet()
    assert any(m.startswith("Sicherung fehlgeschlagen") for m in panel.messages)

    panel.folder_edit.clear()
    qtbot.keyClicks(panel.folder_edit, str(tmp_path / "gibt-es-nicht"))
    qtbot.keyClick(panel.folder_edit, Qt.Key_Return)
    assert "nicht vorhanden" in panel.messages[-1]


def test_rotation_numbers_are_saved(qtbot, panel: DataSafetyPanel, ctx: ServiceContext) -> None:
    panel.daily.setValue(7)
    panel.monthly.setValue(3)
    qtbot.mouseClick(panel.findChild(QPushButton, "applyRotationButton"), Qt.LeftButton)
    assert backup.rotation_policy(ctx).daily == 7
    assert backup.rotation_policy(ctx).monthly == 3


def test_encryption_unavailable_is_said_and_buttons_disabled(
    qtbot, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "cipher_module", lambda: None)
    widget = DataSafetyPanel(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.show()
    assert "Verschlüsselung nicht verfügbar" in widget.encryption_label.text()
    assert not widget.set_button.isEnabled()
    assert not widget.remove_button.isEnabled()


def test_set_passphrase_through_the_dialog(
    qtbot, panel: DataSafetyPanel, ctx: ServiceContext, data_dir: Path
) -> None:
    pytest.importorskip("sqlcipher3")

    def fill(dialog) -> None:
        dialog.new.setText("Pausenhof-Geheimnis")
        dialog.repeat.setText("Pausenhof-Geheimni")  # a typo first
        _click(dialog, "Passphrase festlegen")
        assert "stimmen nicht überein" in dialog.message.text()
        dialog.repeat.setText("Pausenhof-Geheimnis")
        _click(dialog, "Passphrase festlegen")

    when_modal(qtbot, fill)
    qtbot.mouseClick(panel.set_button, Qt.LeftButton)
    assert ctx.db.encrypted
    assert "verschlüsselt" in panel.encryption_label.text()
    assert panel.set_button.text().replace("&", "") == "Passphrase ändern …"
    assert panel.lock_minutes.isEnabled()
    ctx.db.close()
    assert not ctx.paths.database.read_bytes().startswith(b"SQLite format 3")
    reopened = open_app(str(data_dir), "Pausenhof-Geheimnis")
    assert len(list_schools(reopened)) == 1
    reopened.db.close()


@pytest.mark.no_database
def test_backup_with_an_earlier_passphrase_asks_for_it(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:
    pytest.importorskip("sqlcipher3")
    import shutil

    from dpo_desk.services.safety.encryption import change_passphrase
    from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog

    ctx = open_app(str(data_dir), "alte-Passphrase-1")
    set_person(ctx, *TEST_PERSON)
    create_school(ctx, sample_profile())
    old_copy = tmp_path / "stick" / "dpo_desk_2026-01-05_080000_manuell.sqlite"
    old_copy.parent.mkdir()
    shutil.copy(backup.create_backup(ctx).path, old_copy)
    change_passphrase(ctx, "neue-Passphrase-2", "alte-Passphrase-1")
    create_school(ctx, sample_profile(name="Nach dem Wechsel", school_number="999"))
    widget = DataSafetyPanel(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.show()

    def answer(modal) -> None:
        if isinstance(modal, PassphraseDialog):
            modal.field.setText("alte-Passphrase-1")
            modal.buttons.accepted.emit()
            when_modal(qtbot, lambda box: _click(box, "Zurückspielen"))

    when_modal(qtbot, answer)
    widget.restore_from(old_copy)
    assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
    ctx.db.close()
    reopened = open_app(str(data_dir), "neue-Passphrase-2")  # still the current passphrase
    assert len(list_schools(reopened)) == 1
    reopened.db.close()
