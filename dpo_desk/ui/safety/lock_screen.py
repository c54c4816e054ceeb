"""Auto-lock: after some idle minutes (or Strg+Umschalt+L) the app really locks.

Every window of the app is covered and its content hidden (``lock_cover``), the pages drop
the personal data they hold (``lock_forget``), the database closes its connections and
overwrites the key, and copies made for a viewer are deleted. Services refuse while locked
(``DatabaseLocked``). Unlocking derives the key from the passphrase anew, reopens and
reloads. Dialogs that were open stay open under their cover and keep their typed input.
Only for an encrypted database: without a passphrase there is nothing to unlock with.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from dpo_desk.services import settings
from dpo_desk.services.changes import Changes
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.errors import PassphrasePaused, WrongPassphrase
from dpo_desk.ui.safety.lock_cover import LOCKED_TITLE, CoveredWindow, LockOverlay
from dpo_desk.ui.safety.lock_forget import forget_pages, reload_pages
from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog

__all__ = ["LOCKED_TITLE", "IdleLock", "LockOverlay", "auto_lock_minutes"]


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


class IdleLock(QObject):
    """Locks the app after ``minutes`` without keyboard or mouse input (0: never)."""

    locked_changed = Signal(bool)

    def __init__(self, ctx: ServiceContext, main_window: QWidget, minutes: int) -> None:
        super().__init__(main_window)
        self.ctx = ctx
        self.main_window = main_window
        self.locked = False
        self.dialog: PassphraseDialog | None = None
        self._covered: list[CoveredWindow] = []
        self._unlock_host: QWidget = main_window
        self.failed_attempts = 0
        self.gave_up = False
        self.unforgotten: list[object] = []
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
        return next((c.cover for c in self._covered if c.window is window), None)

    def lock(self, *, manual: bool = False) -> None:
        """Lock now (the idle timer, or the user with ``manual``)."""
        if self.locked or not self.ctx.db.encrypted or not self.main_window.isVisible():
            return
        if not manual and not self.active:
            return
        from dpo_desk.services.safety.leftovers import remove_view_copies

        self.locked = True
        self.timer.stop()
        windows = self._own_windows()
        # An open modal dialog blocks the main window, so unlocking is offered on top of it.
        modal = QApplication.activeModalWidget()
        self._unlock_host = modal if modal in windows else self.main_window
        for window in windows:
            on_unlock = self.ask_unlock if window is self._unlock_host else None
            self._covered.append(CoveredWindow(window, on_unlock))
        self.unforgotten = forget_pages(list(getattr(self.main_window, "pages", [])))
        self.ctx.db.forget_key()
        remove_view_copies(self.ctx)
        self.locked_changed.emit(True)

    def ask_unlock(self) -> None:
        if not self.locked or self.dialog is not None or self.gave_up:
            return
        self.dialog = PassphraseDialog(
            self._check,
            self._unlock_host,
            title=self.tr("Entsperren"),
            prompt=self.tr(
                "dpo_desk ist gesperrt. Bitte die Passphrase eingeben, um weiterzuarbeiten."
            ),
            waiting=self.ctx.db.attempts.wait_seconds,
        )
        self.dialog.failed_attempts = self.failed_attempts
        self.dialog.buttons.button(self.dialog.buttons.StandardButton.Ok).setText(
            self.tr("Entsperren")
        )
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _check(self, passphrase: str) -> str | None:
        try:
            self.ctx.db.unlock(passphrase)
        except PassphrasePaused as exc:
            return str(exc)
        except WrongPassphrase:
            return self.tr("Die Passphrase ist falsch.")
        self.unlock()
        return None

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            # The count of wrong tries survives closing the dialog: no fresh attempts.
            self.failed_attempts = 0 if not self.locked else self.dialog.failed_attempts
            if self.dialog.gave_up:
                self.gave_up = True
                for covered in self._covered:
                    if covered.cover.unlock_button is not None:
                        covered.cover.unlock_button.setEnabled(False)
            self.dialog.deleteLater()
        self.dialog = None

    def unlock(self) -> None:
        """Give the windows back (the database was unlocked by ``_check``)."""
        for covered in self._covered:
            covered.uncover()
        self._covered.clear()
        self.locked = False
        self.failed_attempts = 0
        pages = list(getattr(self.main_window, "pages", []))
        current_page = getattr(self.main_window, "current_page", None)
        reload_pages(pages, current_page() if current_page is not None else None)
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
