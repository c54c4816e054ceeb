"""A one-line backup status for the overview: when the last backup was, or why it failed."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QLabel, QWidget

from dpo_desk.services.changes import Area
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.backup import backup_status
from dpo_desk.ui.signals import AppSignals

STALE_AFTER = timedelta(days=2)


def backup_status_text(ctx: ServiceContext, now: datetime | None = None) -> tuple[str, bool]:
    """(German text, whether it is a warning)."""
    status = backup_status(ctx)
    if status.failure:
        return f"Datensicherung fehlgeschlagen: {status.failure}", True
    if status.last_backup is None:
        return "Noch keine Datensicherung vorhanden.", True
    text = f"Letzte Datensicherung: {status.last_backup:%d.%m.%Y %H:%M}"
    if (now or datetime.now()) - status.last_backup > STALE_AFTER:
        return text + " – bitte eine aktuelle Sicherung anlegen.", True
    return text, False


class BackupStatusBanner(QLabel):
    """Refreshes itself on every status message (backups report there) and data change."""

    def __init__(self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupStatusBanner")
        self.setAccessibleName(self.tr("Zustand der Datensicherung"))
        self.setWordWrap(True)
        signals.status_message.connect(lambda _text: self.refresh())
        signals.operations.changed.connect(
            lambda changes, _initiator: self.refresh() if Area.BACKUP in changes.areas else None
        )
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.db.locked:
            return  # nothing is read while locked
        text, warning = backup_status_text(self.ctx)
        self.setText(text)
        self.setStyleSheet("color: #b00020; font-weight: bold;" if warning else "")
