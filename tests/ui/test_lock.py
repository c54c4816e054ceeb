"""Auto-lock: after idle time every window is covered and input goes nowhere until unlocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

from dpo_desk.app import open_app
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.safety.lock_screen import LOCKED_TITLE, IdleLock, LockOverlay
from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog

pytest.importorskip("sqlcipher3")
pytestmark = pytest.mark.no_database  # the tests make an encrypted database

PASS = "Klassenfahrt-2026"


@pytest.fixture
def encrypted_ctx(data_dir: Path) -> Iterator[ServiceContext]:
    ctx = open_app(str(data_dir), PASS)
    yield ctx
    ctx.db.close()


@pytest.fixture
def window(qtbot) -> QMainWindow:
    win = QMainWindow()
    win.setWindowTitle("dpo_desk – Grundschule am Lindenhof")
    editor = QLineEdit()
    editor.setObjectName("dataField")
    win.setCentralWidget(editor)
    win.resize(600, 400)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _lock_after_idle(qtbot, ctx: ServiceContext, window: QMainWindow) -> IdleLock:
    lock = IdleLock(ctx, window, minutes=10)
    lock.timer.setInterval(300)  # the test cannot wait ten minutes
    lock.restart()
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    return lock


def test_idle_locks_hides_data_and_blocks_input(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    editor = window.findChild(QLineEdit, "dataField")
    lock = _lock_after_idle(qtbot, encrypted_ctx, window)
    overlay = lock.cover_of(window)
    assert overlay is not None and overlay.isVisible()
    assert overlay.geometry() == window.rect()
    assert window.windowTitle() == LOCKED_TITLE
    editor.setFocus()
    qtbot.keyClicks(editor, "Eingabe")
    assert editor.text() == ""  # keystrokes behind the cover go nowhere
    assert lock.locked


def test_wrong_then_right_passphrase_unlocks(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    lock = _lock_after_idle(qtbot, encrypted_ctx, window)
    overlay = lock.cover_of(window)
    qtbot.mouseClick(overlay.unlock_button, Qt.LeftButton)
    dialog = lock.dialog
    assert isinstance(dialog, PassphraseDialog)
    qtbot.keyClicks(dialog.field, "falsch-geraten")
    qtbot.keyClick(dialog.field, Qt.Key_Return)
    assert "falsch" in dialog.message.text() and "Noch 4" in dialog.message.text()
    assert lock.locked
    qtbot.keyClicks(dialog.field, PASS)
    qtbot.keyClick(dialog.field, Qt.Key_Return)
    assert not lock.locked
    qtbot.waitUntil(lambda: window.findChild(LockOverlay) is None, timeout=2000)
    assert window.windowTitle() == "dpo_desk – Grundschule am Lindenhof"
    editor = window.findChild(QLineEdit, "dataField")
    qtbot.keyClicks(editor, "wieder da")
    assert editor.text() == "wieder da"
    assert lock.timer.isActive()  # counting idle time again


def test_retries_are_limited_with_growing_pause(qtbot) -> None:
    dialog = PassphraseDialog(lambda _p: "Die Passphrase ist falsch.", max_attempts=3)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field, "eins")
    qtbot.keyClick(dialog.field, Qt.Key_Return)
    assert dialog.field.isEnabled()  # no pause after the first mistake
    qtbot.keyClicks(dialog.field, "zwei")
    qtbot.keyClick(dialog.field, Qt.Key_Return)
    assert not dialog.field.isEnabled()  # one second pause after the second
    qtbot.waitUntil(dialog.field.isEnabled, timeout=3000)
    qtbot.keyClicks(dialog.field, "drei")
    qtbot.keyClick(dialog.field, Qt.Key_Return)
    assert dialog.gave_up and "Zu viele" in dialog.message.text()
    assert not dialog.field.isEnabled()


def test_activity_keeps_the_app_unlocked(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    lock = IdleLock(encrypted_ctx, window, minutes=1)
    editor = window.findChild(QLineEdit, "dataField")
    for _ in range(3):
        # Idle for a while, then a key press starts the idle time anew.
        qtbot.waitUntil(lambda: lock.timer.remainingTime() < 59_000, timeout=5000)
        qtbot.keyClick(editor, Qt.Key_A)
        assert lock.timer.remainingTime() > 59_000
        assert not lock.locked
    lock.timer.setInterval(300)
    lock.restart()
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)


def test_plain_database_never_locks(qtbot, ctx: ServiceContext, window: QMainWindow) -> None:
    lock = IdleLock(ctx, window, minutes=10)
    lock.timer.setInterval(100)
    lock.restart()
    QTimer.singleShot(400, lambda: None)
    qtbot.wait(400)
    assert not lock.locked and not lock.active
    QApplication.processEvents()


def test_lock_over_an_open_dialog_keeps_its_input_and_unlocks_there(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    dialog = QDialog(window)
    dialog.setWindowTitle("Schüler bearbeiten")
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(field, "halb getippt")
    lock = _lock_after_idle(qtbot, encrypted_ctx, window)
    cover = lock.cover_of(dialog)
    assert cover is not None and cover.unlock_button is not None
    assert dialog.windowTitle() == LOCKED_TITLE
    qtbot.keyClicks(field, " mehr")
    assert field.text() == "halb getippt"
    qtbot.mouseClick(cover.unlock_button, Qt.LeftButton)
    qtbot.keyClicks(lock.dialog.field, PASS)
    qtbot.keyClick(lock.dialog.field, Qt.Key_Return)
    assert not lock.locked
    assert dialog.isVisible() and field.text() == "halb getippt"
    assert dialog.windowTitle() == "Schüler bearbeiten"
    dialog.close()


def test_closing_the_unlock_dialog_gives_no_fresh_attempts(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    lock = _lock_after_idle(qtbot, encrypted_ctx, window)
    lock.failed_attempts = 4  # four wrong tries already
    cover = lock.cover_of(window)
    qtbot.mouseClick(cover.unlock_button, Qt.LeftButton)
    qtbot.keyClicks(lock.dialog.field, "wieder-falsch")
    qtbot.keyClick(lock.dialog.field, Qt.Key_Return)
    assert "Zu viele falsche Versuche" in lock.dialog.message.text()
    lock.dialog.reject()
    qtbot.waitUntil(lambda: lock.dialog is None, timeout=2000)
    assert lock.gave_up and lock.locked
    assert not cover.unlock_button.isEnabled()
    lock.ask_unlock()
    assert lock.dialog is None


def _unlock_like_a_user(qtbot, lock: IdleLock, window: QMainWindow) -> None:
    """Click Entsperren, a wrong passphrase and Enter, close, then the right one."""
    cover = lock.cover_of(window)
    assert cover is not None and cover.unlock_button is not None
    qtbot.mouseClick(cover.unlock_button, Qt.LeftButton)
    dialog = lock.dialog
    qtbot.keyClicks(dialog.field, "vertippt")
    qtbot.keyClick(dialog.field, Qt.Key_Return)
    assert "falsch" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key_Escape)  # closed without unlocking
    qtbot.waitUntil(lambda: lock.dialog is None, timeout=3000)
    assert lock.locked and cover.isVisible()
    qtbot.mouseClick(cover.unlock_button, Qt.LeftButton)
    qtbot.keyClicks(lock.dialog.field, PASS)
    qtbot.keyClick(lock.dialog.field, Qt.Key_Return)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.cover_of(window) is None and lock.dialog is None, timeout=3000)


def test_locking_and_unlocking_again_and_again(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    lock = IdleLock(encrypted_ctx, window, minutes=10)
    lock.timer.setInterval(200)
    for _ in range(15):
        lock.restart()
        qtbot.waitUntil(lambda: lock.locked, timeout=5000)
        assert window.windowTitle() == LOCKED_TITLE
        _unlock_like_a_user(qtbot, lock, window)
        assert window.windowTitle() == "dpo_desk – Grundschule am Lindenhof"


def test_a_closed_window_lock_never_covers_another_window(
    qtbot, encrypted_ctx: ServiceContext, window: QMainWindow
) -> None:
    """The cause of an abort: a lock left over from a closed window covered the next
    window with a cover without unlock button, and the click on it hit nothing."""
    old_window = QMainWindow()
    old_window.show()
    old_lock = IdleLock(encrypted_ctx, old_window, minutes=10)
    old_lock.timer.setInterval(100)
    old_lock.restart()
    old_window.close()  # closed, not yet deleted: its timer still runs
    lock = IdleLock(encrypted_ctx, window, minutes=10)
    lock.timer.setInterval(300)
    lock.restart()
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert not old_lock.locked
    assert window.findChildren(LockOverlay) == [lock.cover_of(window)]
    _unlock_like_a_user(qtbot, lock, window)
    old_window.deleteLater()
