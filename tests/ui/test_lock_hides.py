"""A lock that locks: nothing of the data stays visible or in memory, nothing is read.

The real main window with the encrypted demo (1,400 students): after locking, every pixel
of the window and of an open dialog is the cover's colour except the lock's own panel, the
pages' lists are empty, the key's bytes are zeros and every service refuses. Unlocking
brings the lists back and the dialog with what was typed into it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView, QVBoxLayout

from dpo_desk.app import open_app
from dpo_desk.services.roster.students import list_students
from dpo_desk.services.schools import list_schools
from dpo_desk.store.errors import DatabaseLocked
from dpo_desk.ui.main_window import MainWindow
from dpo_desk.ui.safety.lock_cover import LOCKED_TITLE
from dpo_desk.ui.safety.lock_forget import page_models
from dpo_desk.ui.safety.start import start_safety
from tests.conftest import ENCRYPTED_PASSPHRASE
from tests.ui.lock_pixels import colour_share, panel_rect, stray_pixels

pytest.importorskip("sqlcipher3")
pytestmark = pytest.mark.no_database


@pytest.fixture
def window(qtbot, data_dir: Path, prepared):
    prepared.install("demo_encrypted", data_dir)
    ctx = open_app(str(data_dir), ENCRYPTED_PASSPHRASE)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    ctx.db.close()


def _roster_rows(window: MainWindow) -> int:
    return window.page("rosterPage").findChild(QTableView, "studentTable").model().rowCount()


def _unlock(qtbot, lock, host) -> None:
    qtbot.mouseClick(lock.cover_of(host).unlock_button, Qt.LeftButton)
    qtbot.keyClicks(lock.dialog.field, ENCRYPTED_PASSPHRASE)
    qtbot.keyClick(lock.dialog.field, Qt.Key_Return)
    assert not lock.locked


def test_locked_window_shows_nothing_holds_nothing_reads_nothing(qtbot, window) -> None:
    ctx = window.ctx
    for name in ("rosterPage", "consentPage", "registerPage"):
        window.show_page(window.pages.index(window.page(name)))
    window.show_page(window.pages.index(window.page("rosterPage")))
    qtbot.waitUntil(lambda: _roster_rows(window) > 1000, timeout=10000)
    school_id = list_schools(ctx)[0].id
    assert colour_share(window.grab().toImage()) < 0.5  # the list is on screen

    lock = start_safety(window, ctx, window.signals)
    lock.lock(manual=True)
    cover = lock.cover_of(window)
    assert cover is not None and window.windowTitle() == LOCKED_TITLE
    panel = panel_rect(cover)
    assert stray_pixels(window.grab().toImage(), panel) == 0
    screen_shot = window.screen().grabWindow(window.winId()).toImage()
    assert stray_pixels(screen_shot, panel) == 0
    assert window.centralWidget().isHidden()  # the pages are not painted at all

    assert lock.unforgotten == []
    for page in window.pages:
        assert all(model.rowCount() == 0 for model in page_models(page)), page.objectName()
    assert ctx.db.key is not None and not any(ctx.db.key.key)
    with pytest.raises(DatabaseLocked):
        list_students(ctx, school_id)

    _unlock(qtbot, lock, window)
    qtbot.waitUntil(lambda: _roster_rows(window) > 1000, timeout=10000)
    assert not window.centralWidget().isHidden()
    assert len(list_schools(ctx)) == 2


def test_an_open_dialog_is_hidden_and_keeps_what_was_typed(qtbot, window) -> None:
    dialog = QDialog(window)
    dialog.setWindowTitle("Schüler bearbeiten – Müller, Anna")
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.resize(500, 300)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(field, "Mueller-Luedenscheidt")
    lock = start_safety(window, window.ctx, window.signals)
    lock.lock(manual=True)
    cover = lock.cover_of(dialog)
    assert cover is not None and cover.unlock_button is not None  # unlock on top of it
    assert dialog.isVisible() and not field.isVisible()
    assert dialog.windowTitle() == LOCKED_TITLE
    assert stray_pixels(dialog.grab().toImage(), panel_rect(cover)) == 0

    _unlock(qtbot, lock, dialog)
    assert field.isVisible() and field.text() == "Mueller-Luedenscheidt"
    assert dialog.windowTitle() == "Schüler bearbeiten – Müller, Anna"
    dialog.close()


def test_locking_by_keyboard(qtbot, window) -> None:
    lock = start_safety(window, window.ctx, window.signals)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert lock.locked and window.ctx.db.locked
    _unlock(qtbot, lock, window)
