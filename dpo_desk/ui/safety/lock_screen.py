"""Auto-lock: after some idle minutes every window of the app is covered and all input
goes nowhere until the passphrase is entered again.

Covering (instead of closing) keeps unsaved input in open dialogs; the covers are opaque
and the window titles (which name the school) are replaced while locked. Only for an
encrypted database: without a passphrase there is nothing to unlock with.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.services import settings
from dpo_desk.services.changes import Changes
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.encryption import passphrase_matches
from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog

LOCKED_TITLE = "dpo_desk – gesperrt"

_INPUT_EVENTS = {
    QEvent.KeyPress,
    QEvent.KeyRelease,
    QEvent.MouseButtonPress,
    QEvent.MouseButtonRelease,
    QEvent.MouseButtonDblClick,
    QEvent.Wheel,
    QEvent.Shortcut,
    QEvent.ShortcutOverride,
    QEvent.ContextMenu,
}
_ACTIVITY_EVENTS = _INPUT_EVENTS | {QEvent.MouseMove}


def auto_lock_minutes(ctx: ServiceContext) -> int:
    return settings.read(ctx, settings.AUTO_LOCK_MINUTES)


def set_auto_lock_minutes(ctx: ServiceContext, minutes: int) -> Changes:
    limits = settings.AUTO_LOCK_MINUTES
    return settings.write(ctx, limits, max(limits.minimum or 0, min(minutes, limits.maximum or 0)))


class LockOverlay(QWidget):
    """An opaque cover over one window; the main window's cover offers unlocking."""

    def __init__(self, window: QWidget, lock: IdleLock, with_unlock: bool) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self.setAccessibleName(self.tr("Gesperrt"))
        self.setAutoFillBackground(True)
        self.setStyleSheet("QWidget#lockOverlay { background: #2b3a4a; } QLabel { color: white; }")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignCenter)
        label = QLabel(self.tr("dpo_desk ist gesperrt."))
        label.setStyleSheet("font-size: 16pt; color: white;")
        layout.addWidget(label, alignment=Qt.AlignCenter)
        self.unlock_button: QPushButton | None = None
        if with_unlock:
            self.unlock_button = QPushButton(self.tr("&Entsperren …"))
            self.unlock_button.setObjectName("unlockButton")
            self.unlock_button.setAccessibleName(self.tr("Entsperren"))
            self.unlock_button.clicked.connect(lock.ask_unlock)
            quit_button = QPushButton(self.tr("Programm &beenden"))
            quit_button.setObjectName("quitLockedButton")
            quit_button.clicked.connect(QApplication.quit)
            layout.addWidget(self.unlock_button, alignment=Qt.AlignCenter)
            layout.addWidget(quit_button, alignment=Qt.AlignCenter)
        window.installEventFilter(self)
        self.setGeometry(window.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False


class IdleLock(QObject):
    """Locks the app after ``minutes`` without keyboard or mouse input (0: never)."""

    locked_changed = Signal(bool)

    def __init__(self, ctx: ServiceContext, main_window: QWidget, minutes: int) -> None:
        super().__init__(main_window)
        self.ctx = ctx
        self.main_window = main_window
        self.locked = False
        self.dialog: PassphraseDialog | None = None
        self._overlays: list[LockOverlay] = []
        self._titles: dict[QWidget, str] = {}
        self._unlock_host: QWidget = main_window
        self.failed_attempts = 0
        self.gave_up = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.ctx.db.encrypted and self.timer.interval() > 0

    def set_minutes(self, minutes: int) -> None:
        self.timer.stop()
        self.timer.setInterval(max(0, minutes) * 60_000)
        self.restart()

    def restart(self) -> None:
        if self.ctx.db.encrypted and self.timer.interval() > 0 and not self.locked:
            self.timer.start()

    def _own_windows(self) -> list[QWidget]:
        """The main window and the dialogs it opened; never another window's."""
        windows = [self.main_window]
        for widget in QApplication.topLevelWidgets():
            if widget is self.main_window or isinstance(widget, PassphraseDialog):
                continue
            if widget.isVisible() and self._descends_from_main_window(widget):
                windows.append(widget)
        return windows

    def _descends_from_main_window(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self.main_window:
                return True
            parent = parent.parentWidget()
        return False

    def cover_of(self, window: QWidget) -> LockOverlay | None:
        """The cover this lock put over ``window`` (None when not locked)."""
        return next((o for o in self._overlays if o.parentWidget() is window), None)

    def lock(self) -> None:
        if self.locked or not self.active or not self.main_window.isVisible():
            return
        self.locked = True
        self.timer.stop()
        windows = self._own_windows()
        # An open modal dialog blocks the main window, so unlocking is offered on top of it.
        modal = QApplication.activeModalWidget()
        self._unlock_host = modal if modal in windows else self.main_window
        for window in windows:
            self._titles[window] = window.windowTitle()
            window.setWindowTitle(LOCKED_TITLE)
            overlay = LockOverlay(window, self, with_unlock=window is self._unlock_host)
            overlay.show()
            overlay.raise_()
            self._overlays.append(overlay)
            if overlay.unlock_button is not None:
                overlay.unlock_button.setFocus()
        self.locked_changed.emit(True)

    def ask_unlock(self) -> None:
        if not self.locked or self.dialog is not None or self.gave_up:
            return
        self.dialog = PassphraseDialog(
            self._check,
            self._unlock_host,
            title=self.tr("Entsperren"),
            prompt=self.tr(
                "dpo_desk wurde nach längerer Pause gesperrt. Bitte Passphrase eingeben."
            ),
        )
        self.dialog.failed_attempts = self.failed_attempts
        self.dialog.buttons.button(self.dialog.buttons.StandardButton.Ok).setText(
            self.tr("Entsperren")
        )
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _check(self, passphrase: str) -> str | None:
        if passphrase_matches(self.ctx, passphrase):
            self.unlock()
            return None
        return self.tr("Die Passphrase ist falsch.")

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            # The count of wrong tries survives closing the dialog: no fresh attempts.
            self.failed_attempts = 0 if not self.locked else self.dialog.failed_attempts
            if self.dialog.gave_up:
                self.gave_up = True
                for overlay in self._overlays:
                    if overlay.unlock_button is not None:
                        overlay.unlock_button.setEnabled(False)
            self.dialog.deleteLater()
        self.dialog = None

    def unlock(self) -> None:
        for overlay in self._overlays:
            overlay.hide()
            overlay.deleteLater()
        self._overlays.clear()
        for window, title in self._titles.items():
            window.setWindowTitle(title)
        self._titles.clear()
        self.locked = False
        self.failed_attempts = 0
        self.restart()
        self.locked_changed.emit(False)

    def _allowed(self, widget: QWidget) -> bool:
        current: QWidget | None = widget
        while current is not None:
            if isinstance(current, (LockOverlay, PassphraseDialog)):
                return True
            current = current.parentWidget()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            if kind in _INPUT_EVENTS and isinstance(watched, QWidget):
                return not self._allowed(watched)
            return False
        if kind in _ACTIVITY_EVENTS and self.timer.isActive():
            self.timer.start()
        return False
