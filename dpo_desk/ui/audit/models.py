"""Qt models of the change log: every entry as a plain row, the filter applied in one pass
over them (``core.audit.filtering.matching``), cells made only for the rows on screen."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dpo_desk.core.audit.filtering import LogFilter, LogRow, matching
from dpo_desk.core.audit.reading import (
    FieldChange,
    action_label,
    erased_note,
    field_changes,
    summary,
)
from dpo_desk.services.audit.log import area_label

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.UserRole + 1


class LogTableModel(QAbstractTableModel):
    HEADINGS = ("Zeit", "Wer", "Schule", "Bereich", "Datensatz", "Aktion", "Änderung")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LogRow] = []
        self.visible: list[int] = []
        self.filter = LogFilter()
        self._cells: dict[int, tuple[str, ...]] = {}

    def set_rows(self, rows: list[LogRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._cells = {}
        self.visible = matching(rows, self.filter)
        self.endResetModel()

    def apply(self, wanted: LogFilter) -> None:
        """Show only the entries ``wanted`` lets through."""
        self.beginResetModel()
        self.filter = wanted
        self.visible = matching(self.rows, wanted)
        self.endResetModel()

    def forget(self) -> None:
        """Drop every entry (the app is being locked)."""
        self.set_rows([])

    def shown(self) -> list[LogRow]:
        return [self.rows[i] for i in self.visible]

    def row_at(self, row: int) -> LogRow | None:
        return self.rows[self.visible[row]] if 0 <= row < len(self.visible) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def _cells_of(self, source: int) -> tuple[str, ...]:
        cells = self._cells.get(source)
        if cells is None:
            row = self.rows[source]
            note = erased_note(row.erased_at, row.erased_by)
            cells = (
                f"{row.occurred_at.astimezone():%d.%m.%Y %H:%M}",
                row.actor,
                row.school_name,
                area_label(row.area),
                row.record,
                action_label(row.action),
                summary(row.action, row.changes, note, row.entity_type),
            )
            self._cells[source] = cells
        return cells

    def data(self, index: Index, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        source = self.visible[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self._cells_of(source)[index.column()]
        if role == ROW_ROLE:
            return self.rows[source]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADINGS[section]
        return None


class FieldChangesModel(QAbstractTableModel):
    """The values of one entry: field, before, after side by side."""

    HEADINGS = ("Feld", "Vorher", "Nachher")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changes: list[FieldChange] = []

    def show_entry(self, row: LogRow | None) -> None:
        self.beginResetModel()
        if row is None:
            self.changes = []
        else:
            note = erased_note(row.erased_at, row.erased_by)
            self.changes = field_changes(row.action, row.changes, note, row.entity_type)
        self.endResetModel()

    def forget(self) -> None:
        self.show_entry(None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        change = self.changes[index.row()]
        return (change.label, change.before, change.after)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADINGS[section]
        return None
