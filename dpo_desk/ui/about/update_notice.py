"""After an update: say once that the data was carried over, and where its backup lies.

The database upgrade itself (with its verified backup) happens in ``open_database``; this
only tells the user. "Once" is kept in the window settings of the data folder, so the
notice follows the data, not the computer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from dpo_desk import __version__

if TYPE_CHECKING:
    from dpo_desk.services.context import ServiceContext

LAST_VERSION_KEY = "app/last_version"


def update_message(
    version: str, previous: str | None, upgraded_from: str | None, backup: Path | None
) -> str | None:
    """The German notice for this start, or None when there is nothing new to say."""
    if upgraded_from is not None:
        lines = [
            f"dpo_desk {version} ist installiert. Ihre Daten wurden in das Format dieser "
            "Version übernommen."
        ]
        if backup is not None:
            lines += [
                "",
                "Vorher wurde eine geprüfte Sicherung der bisherigen Daten angelegt:",
                str(backup),
                "",
                "Sie lässt sich unter Einstellungen → Datensicherung & Verschlüsselung "
                "wiederherstellen, falls etwas fehlen sollte.",
            ]
        return "\n".join(lines)
    if previous is not None and previous != version:
        return (
            f"dpo_desk wurde von Version {previous} auf {version} aktualisiert. "
            "Ihre Daten wurden unverändert übernommen."
        )
    return None


def show_update_notice(
    parent: QWidget, settings: QSettings, ctx: ServiceContext
) -> QMessageBox | None:
    """Show the notice (not blocking the start) and remember this version as seen."""
    previous = settings.value(LAST_VERSION_KEY, None)
    text = update_message(
        __version__, str(previous) if previous else None, ctx.db.upgraded_from, ctx.db.backup_made
    )
    settings.setValue(LAST_VERSION_KEY, __version__)
    settings.sync()
    if text is None:
        return None
    box = QMessageBox(QMessageBox.Information, "dpo_desk wurde aktualisiert", text, parent=parent)
    box.setObjectName("updateNotice")
    box.setAccessibleName("Hinweis zur Aktualisierung")
    box.setTextFormat(Qt.PlainText)
    box.setStandardButtons(QMessageBox.Ok)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box
