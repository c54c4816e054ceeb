"""Read-only lists of the register area (entries, processors, findings): a Qt model over
prepared rows and a proxy that filters by typed words and by a status value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from dpo_desk.core.roster import sort_key
from dpo_desk.ui.common.text import plain_tooltip

ITEM_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TableRow:
    """One line: the value it stands for, the cells shown, and the status used for filtering."""

    item: Any
    cells: tuple[str, ...]
    status: str = ""
    sort_keys: tuple[str, ...] | None = None
    colour: str | None = None


class RecordsTableModel(QAbstractTableModel):
    def __init__(self, headings: Sequence[str]) -> None:
        super().__init__()
        self.headings = tuple(headings)
        self.rows: list[TableRow] = []
        self.haystacks: list[str] = []

    def forget(self) -> None:
        """Drop every row (the app is being locked)."""
        self.set_rows([])

    def set_rows(self, rows: list[TableRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.haystacks = [sort_key(" ".join(r.cells)) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ToolTipRole:
            return plain_tooltip(row.cells[index.column()])
        if role == ITEM_ROLE:
            return row.item
        if role == SORT_ROLE:
            keys = row.sort_keys or row.cells
            return sort_key(keys[index.column()])
        if role == Qt.ForegroundRole and row.colour:
            return QColor(row.colour)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headings[section]
        return None


class RecordsFilterProxy(QSortFilterProxyModel):
    """Every typed word must occur in the row (case and accents ignored); an optional status
    value must match exactly (or, written "!value", must not match)."""

    def __init__(self, source: RecordsTableModel) -> None:
        super().__init__()
        self.table = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._terms: list[str] = []
        self._status: str | None = None

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = sort_key(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._status is not None:
            status = self.table.rows[source_row].status
            # "!x" keeps every row whose status is not x (e.g. everything not archived).
            if self._status.startswith("!") and status == self._status[1:]:
                return False
            if not self._status.startswith("!") and status != self._status:
                return False
        haystack = self.table.haystacks[source_row]
        return all(term in haystack for term in self._terms)

    def item_at(self, index: QModelIndex) -> Any:
        return self.data(index, ITEM_ROLE) if index.isValid() else None

    def row_of(self, wanted_id: int) -> int:
        """The proxy row showing the item with ``id`` ``wanted_id``, or -1."""
        for row in range(self.rowCount()):
            if getattr(self.item_at(self.index(row, 0)), "id", None) == wanted_id:
                return row
        return -1


def make_table(name: str, accessible: str, proxy: RecordsFilterProxy) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.AscendingOrder)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(proxy.columnCount()):  # no heading cut off
        header.resizeSection(
            column, max(header.sectionSize(column), header.sectionSizeHint(column))
        )
    return table
