"""The overview's backup line says when the last backup was, and loudly when it failed."""

from __future__ import annotations

from pathlib import Path

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup
from dpo_desk.store.backup import BackupError
from dpo_desk.ui.safety.backup_status import BackupStatusBanner
from dpo_desk.ui.signals import AppSignals


def test_banner_follows_backups_and_failures(
    qtbot, ctx: ServiceContext, school_id: int, tmp_path: Path
) -> None:
    signals = AppSignals()
    banner = BackupStatusBanner(ctx, signals)
    qtbot.addWidget(banner)
    assert banner.text() == "Noch keine Datensicherung vorhanden."
    backup.create_backup(ctx)
    signals.status_message.emit("Sicherung angelegt")
    assert banner.text().startswith("Letzte Datensicherung:")
    assert "b00020" not in banner.styleSheet()

    stick = tmp_path / "stick"
    stick.mkdir()
    backup.set_backup_folder(ctx, str(stick))
    stick.rmdir()
    try:
        backup.create_backup(ctx)
    except BackupError as exc:
        signals.status_message.emit(str(exc))
    assert banner.text().startswith("Datensicherung fehlgeschlagen")
    assert "nicht vorhanden" in banner.text()
    assert "b00020" in banner.styleSheet()
