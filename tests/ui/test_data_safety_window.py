"""Data safety inside the real main window: settings panel, status bar, lock over everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from dpo_desk.app import open_app
from dpo_desk.services.schools import create_school
from dpo_desk.services.settings import set_person
from dpo_desk.ui.main_window import MainWindow
from dpo_desk.ui.safety.lock_screen import LOCKED_TITLE, LockOverlay
from dpo_desk.ui.safety.panel import DataSafetyPanel
from dpo_desk.ui.safety.start import start_safety
from tests.conftest import TEST_PERSON, sample_profile


def test_settings_page_has_the_panel_and_backups_show_in_the_status_bar(qtbot, open_window) -> None:
    window = open_window()
    create_school(window.ctx, sample_profile())
    start_safety(window, window.ctx, window.signals)
    banner = window.statusBar().findChild(QLabel, "backupStatusBanner")
    assert banner is not None and banner.text().startswith("Letzte Datensicherung:")

    settings = window.page("settingsPage")
    window.show_page(window.pages.index(settings))
    panel = settings.findChild(DataSafetyPanel, "dataSafetyPanel")
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=3000)  # the daily backup
    qtbot.mouseClick(panel.findChild(QPushButton, "backupNowButton"), Qt.LeftButton)
    assert panel.model.rowCount() == 2
    assert "angelegt und geprüft" in window.statusBar().currentMessage()


@pytest.mark.no_database
def test_encrypted_main_window_locks_completely(qtbot, data_dir: Path) -> None:
    pytest.importorskip("sqlcipher3")
    ctx = open_app(str(data_dir), "Sportfest-im-Juni")
    set_person(ctx, *TEST_PERSON)
    create_school(ctx, sample_profile())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lock = start_safety(window, ctx, window.signals)
    assert lock.active
    lock.lock()
    overlay = window.findChild(LockOverlay)
    assert overlay is not None and overlay.isVisible()
    assert overlay.geometry() == window.rect()
    assert window.windowTitle() == LOCKED_TITLE  # the school's name is not shown either
    before = window.navigation.currentRow()
    qtbot.keyClick(window.navigation, Qt.Key_Down)
    assert window.navigation.currentRow() == before
    qtbot.mouseClick(overlay.unlock_button, Qt.LeftButton)
    qtbot.keyClicks(lock.dialog.field, "Sportfest-im-Juni")
    qtbot.keyClick(lock.dialog.field, Qt.Key_Return)
    assert not lock.locked
    assert "Testschule am See" in window.windowTitle()
    window.close()
    ctx.db.close()
