"""Data safety at GUI start: unlock an encrypted database, daily backup, quick check, auto-lock.

``open_context_gui`` replaces a bare ``open_app`` in ``run_gui``; ``start_safety`` runs once
the main window is shown. Failures go to the status bar (and stay in ``backup_status`` for
the overview); nothing here stops the user from working with their data.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from dpo_desk.services.context import ServiceContext
from dpo_desk.store.database import PassphrasePaused, PassphraseRequired, WrongPassphrase
from dpo_desk.ui.safety.backup_status import BackupStatusBanner
from dpo_desk.ui.safety.lock_screen import IdleLock, auto_lock_minutes
from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog

log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 60 * 60 * 1000
LOCK_NOW_KEYS = "Ctrl+Shift+L"


def open_context_gui(
    data_dir: str | None, parent: QWidget | None = None, database_url: str | None = None
) -> ServiceContext | None:
    """``open_app``, asking for the passphrase when the database is encrypted (or for the
    password in server mode).

    Returns None when the user cancels or the tries run out. Other ``DatabaseError``s and
    ``DataDirError``s propagate to the caller, which shows them.
    """
    from dpo_desk.app import open_app
    from dpo_desk.paths import AppPaths
    from dpo_desk.store.attempts import PassphraseAttempts
    from dpo_desk.store.server.target import chosen_target

    target = chosen_target(database_url, AppPaths.resolve(data_dir).data_dir)
    if target is not None:
        from dpo_desk.ui.users.start import open_server_gui

        return open_server_gui(data_dir, database_url, target, parent)
    try:
        return open_app(data_dir)
    except PassphraseRequired:
        pass
    opened: list[ServiceContext] = []

    def attempt(passphrase: str) -> str | None:
        try:
            opened.append(open_app(data_dir, passphrase))
        except PassphrasePaused as exc:
            return str(exc)
        except WrongPassphrase:
            return "Die Passphrase ist falsch."
        return None

    attempts = PassphraseAttempts(AppPaths.resolve(data_dir).data_dir)
    dialog = PassphraseDialog(
        attempt, parent, title="dpo_desk – Passphrase", waiting=attempts.wait_seconds
    )
    dialog.exec()
    return opened[0] if opened else None


def daily_backup_message(ctx: ServiceContext) -> str | None:
    """Make the day's backup if it is due; the status-bar text, or None if nothing to say."""
    from dpo_desk.services.safety.backup import auto_backup_if_due
    from dpo_desk.store.backup import BackupError

    try:
        made = auto_backup_if_due(ctx)
    except BackupError as exc:
        return f"Sicherung fehlgeschlagen: {exc}"
    return f"Tägliche Sicherung angelegt ({made.path.name})." if made else None


class DailyBackupTimer(QObject):
    """An app left open for days still makes its daily backup (checked every hour)."""

    def __init__(self, ctx: ServiceContext, signals, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run)
        self.timer.start(CHECK_INTERVAL_MS)

    def run(self) -> None:
        if self.ctx.db.locked:
            return  # the key is gone while locked; the next hour tries again
        message = daily_backup_message(self.ctx)
        if message:
            self.signals.status_message.emit(message)


def start_safety(window: QMainWindow, ctx: ServiceContext, signals) -> IdleLock:
    """After the window is shown: daily backup, quick check, auto-lock. Returns the lock."""
    from dpo_desk.services.safety.check import quick_check

    if ctx.server_mode:  # backups, checks and encryption at rest are the server's job
        signals.status_message.emit(
            window.tr("Servermodus: angemeldet als %1 an %2")
            .replace("%1", ctx.actor)
            .replace("%2", ctx.db.label)  # type: ignore[union-attr]
        )
        return IdleLock(ctx, window, 0)
    messages = []
    message = daily_backup_message(ctx)
    if message:
        messages.append(message)
    window.daily_backup = DailyBackupTimer(ctx, signals, window)  # type: ignore[attr-defined]
    report = quick_check(ctx)
    if not report.ok:
        log.warning("quick check found %d problems", len(report.problems))
        messages.append(
            "Die Prüfung beim Start hat Probleme gefunden: "
            + "; ".join(report.problems[:3])
            + " – Details: dpo-desk check"
        )
    banner = BackupStatusBanner(ctx, signals)
    window.statusBar().addPermanentWidget(banner)  # a failure stays visible, not 8 s
    if messages:
        signals.status_message.emit(" ".join(messages))
    lock = IdleLock(ctx, window, auto_lock_minutes(ctx))
    window.idle_lock = lock  # type: ignore[attr-defined]
    lock_now = QAction(window.tr("Jetzt sperren"), window)
    lock_now.setObjectName("lockNowAction")
    lock_now.setShortcut(QKeySequence(LOCK_NOW_KEYS))
    lock_now.triggered.connect(lambda: lock.lock(manual=True))
    window.addAction(lock_now)
    return lock
