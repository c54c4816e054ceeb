"""The list of backups as a Qt table model: date, reason, size, schema, contents, status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dpo_desk.services.safety.backup import BackupEntry
from dpo_desk.store.backup import BackupInfo
from dpo_desk.ui.common.text import plain_tooltip

COUNT_LABELS = {
    "schools": "Schulen",
    "students": "Schüler/innen",
    "consents": "Einwilligungen",
    "activities": "Verarbeitungstätigkeiten",
}
HEADERS = ["Datum", "Anlass", "Größe", "Schema", *COUNT_LABELS.values(), "Zustand"]
REASONS = {
    "taeglich": "täglich",
    "manuell": "manuell",
    "vor-import": "vor Import",
    "vor-wiederherstellung": "vor Zurückspielen",
    "vor-schluesselwechsel": "vor Passphrasenwechsel",
}


def reason_text(reason: str) -> str:
    if reason.startswith("vor-update"):
        return "vor Programmaktualisierung"
    return REASONS.get(reason.split("_")[0], reason)


def describe_backup(info: BackupInfo) -> str:
    counts = "\n".join(
        f"  {label}: {info.counts[key]}"
        for key, label in COUNT_LABELS.items()
        if key in info.counts
    )
    return (
        f"Datei: {info.path.name}\n"
        f"Angelegt: {info.created:%d.%m.%Y %H:%M} ({reason_text(info.reason)})\n"
        f"Größe: {info.size / 1024:.0f} KB, Datenbankversion {info.revision}, "
        f"{'verschlüsselt' if info.encrypted else 'unverschlüsselt'}\n{counts}"
    )


_ROOT = QModelIndex()


class BackupTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[BackupEntry] = []

    def forget(self) -> None:
        """Drop every entry (the app is being locked)."""
        self.set_entries([])

    def set_entries(self, entries: list[BackupEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> BackupEntry:
        return self._entries[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ForegroundRole and entry.problem and column == len(HEADERS) - 1:
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        if role == Qt.TextAlignmentRole and 2 <= column < len(HEADERS) - 1:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            shown = self.data(index, Qt.DisplayRole)
            return plain_tooltip(shown) if isinstance(shown, str) else None
        if role != Qt.DisplayRole:
            return None
        info = entry.info
        if column == 0:
            return entry.created.strftime("%d.%m.%Y %H:%M")
        if column == 1:
            return reason_text(entry.reason)
        if column == 2:
            return f"{entry.size / 1024:.0f} KB"
        if column == 3:
            return info.revision if info else ""
        if column < len(HEADERS) - 1:
            key = list(COUNT_LABELS)[column - 4]
            value = info.counts.get(key) if info else None
            return "" if value is None else str(value)
        if entry.problem:
            return entry.problem
        return "verschlüsselt" if info and info.encrypted else "in Ordnung"
