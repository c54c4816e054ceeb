"""At GUI start: the passphrase is asked for, the day's backup is made, failures are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from dpo_desk.app import open_app
from dpo_desk.services.safety import backup
from dpo_desk.services.schools import create_school
from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog
from dpo_desk.ui.safety.start import open_context_gui, start_safety
from dpo_desk.ui.signals import AppSignals
from tests.conftest import sample_profile


@pytest.mark.no_database
def test_encrypted_database_asks_for_the_passphrase_at_start(qtbot, data_dir: Path) -> None:
    pytest.importorskip("sqlcipher3")
    open_app(str(data_dir), "Zeugniskonferenz").db.close()
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, answer)
            return
        if not seen:
            dialog.field.setText("falsch-falsch")
            dialog.buttons.accepted.emit()
            seen.append(dialog.message.text())
            QTimer.singleShot(20, answer)
            return
        dialog.field.setText("Zeugniskonferenz")
        dialog.buttons.accepted.emit()

    QTimer.singleShot(0, answer)
    ctx = open_context_gui(str(data_dir))
    assert ctx is not None and ctx.db.encrypted
    assert "falsch" in seen[0] and "Noch 4" in seen[0]
    ctx.db.close()


@pytest.mark.no_database
def test_cancelled_passphrase_opens_nothing(qtbot, data_dir: Path) -> None:
    pytest.importorskip("sqlcipher3")
    open_app(str(data_dir), "Zeugniskonferenz").db.close()

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert open_context_gui(str(data_dir)) is None


def test_start_makes_the_daily_backup_once_and_reports_failures(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:
    ctx = open_app(str(data_dir))
    create_school(ctx, sample_profile())
    window = QMainWindow()
    qtbot.addWidget(window)
    signals = AppSignals()
    messages: list[str] = []
    signals.status_message.connect(messages.append)
    start_safety(window, ctx, signals)
    assert any("Tägliche Sicherung angelegt" in m for m in messages)
    assert len(backup.list_backups(ctx)) == 1

    stick = tmp_path / "stick"
    stick.mkdir()
    backup.set_backup_folder(ctx, str(stick))
    stick.rmdir()
    messages.clear()
    start_safety(window, ctx, signals)  # next start, the stick is not plugged in
    assert messages and "Sicherung fehlgeschlagen" in messages[0]
    assert "nicht vorhanden" in messages[0]
    assert backup.backup_status(ctx).failure
    ctx.db.close()
