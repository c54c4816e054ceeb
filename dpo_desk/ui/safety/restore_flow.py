"""Restoring a backup from the GUI: check it, show what it holds, confirm, replace.

A backup encrypted with an earlier passphrase asks for that passphrase first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup
from dpo_desk.store.backup import BackupError, BackupInfo
from dpo_desk.store.database import DatabaseError
from dpo_desk.ui.safety.backup_table import describe_backup
from dpo_desk.ui.safety.passphrase_dialog import PassphraseDialog


class RestoreCancelled(Exception):
    """The user said no; nothing was changed."""


def _ask_backup_passphrase(
    parent: QWidget, ctx: ServiceContext, path: Path
) -> tuple[BackupInfo, str]:
    found: list[tuple[BackupInfo, str]] = []

    def attempt(passphrase: str) -> str | None:
        try:
            found.append((backup.verify_backup_file(ctx, path, passphrase), passphrase))
        except BackupError as exc:
            return str(exc)
        return None

    dialog = PassphraseDialog(
        attempt,
        parent,
        title=parent.tr("Passphrase der Sicherung"),
        prompt=parent.tr(
            "Diese Sicherung ist mit einer früheren Passphrase verschlüsselt. "
            "Bitte diese Passphrase eingeben."
        ),
    )
    dialog.exec()
    if not found:
        raise RestoreCancelled
    return found[0]


def checked_backup(
    parent: QWidget, ctx: ServiceContext, path: Path
) -> tuple[BackupInfo, str | None]:
    """The verified backup and the passphrase it needed (None: the current key)."""
    try:
        return backup.verify_backup_file(ctx, path), None
    except BackupError as exc:
        if "Passphrase" not in str(exc) or "verschlüsselt" not in str(exc):
            raise
    return _ask_backup_passphrase(parent, ctx, path)


def confirm(parent: QWidget, info: BackupInfo) -> bool:
    box = QMessageBox(
        QMessageBox.Question,
        parent.tr("Sicherung zurückspielen"),
        parent.tr("Die Sicherung enthält:\n\n")
        + describe_backup(info)
        + parent.tr(
            "\n\nDie aktuellen Daten werden durch diesen Stand ersetzt. Vorher wird der "
            "aktuelle Stand automatisch gesichert."
        ),
        QMessageBox.Yes | QMessageBox.Cancel,
        parent,
    )
    box.setObjectName("confirmRestoreBox")
    box.button(QMessageBox.Yes).setText(parent.tr("Zurückspielen"))
    box.button(QMessageBox.Cancel).setText(parent.tr("Abbrechen"))
    box.setDefaultButton(QMessageBox.Cancel)
    return box.exec() == QMessageBox.Yes


def restore_with_confirmation(
    parent: QWidget, ctx: ServiceContext, path: Path
) -> backup.RestoreResult | None:
    """None when the user declines; raises ``BackupError`` (German) when the backup is
    unusable or the restore fails; the data are unchanged then."""
    try:
        info, passphrase = checked_backup(parent, ctx, path)
    except RestoreCancelled:
        return None
    if not confirm(parent, info):
        return None
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        return backup.restore_backup(ctx, path, passphrase)
    except DatabaseError as exc:
        raise BackupError(str(exc)) from exc
    finally:
        QApplication.restoreOverrideCursor()
