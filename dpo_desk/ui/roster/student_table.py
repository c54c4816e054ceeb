"""The students table: a Qt model over ``StudentRow`` values and a search-as-you-type proxy."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from dpo_desk.core.roster import class_sort_key, sort_key
from dpo_desk.services.roster.students import StudentRow

SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class StudentTableModel(QAbstractTableModel):
    HEADINGS = ("Klasse", "Nachname", "Vorname(n)", "Geburtsdatum", "ID", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.students: list[StudentRow] = []
        self.haystacks: list[str] = []
        self.class_keys: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._sort: list[tuple[str, ...]] = []
        self._rows: list[tuple] = []
        self._order: tuple[int, Qt.SortOrder] = (0, Qt.AscendingOrder)

    def set_students(self, students: list[StudentRow]) -> None:
        """Students in the service's order (class, then name), which is column 0 ascending."""
        rows = []
        for s in students:
            grade, class_key = class_sort_key(s.class_name)
            last, first = sort_key(s.last_name), sort_key(s.first_names)
            name = f"{last}|{first}"
            cells = (
                s.class_name,
                s.last_name,
                s.first_names,
                f"{s.birth_date:%d.%m.%Y}",
                s.external_id,
                s.status_label + (f" ({s.left_on:%d.%m.%Y})" if s.left_on else ""),
            )
            keys = (
                f"{grade:03d}|{class_key}|{name}",
                name,
                f"{first}|{last}",
                s.birth_date.isoformat(),
                s.external_id.zfill(20),
                f"{s.status}|{name}",
            )
            haystack = f"{last} {first} {class_key} {sort_key(s.external_id)}"
            rows.append((s, cells, keys, haystack, s.class_name.casefold()))
        if self._order != (0, Qt.AscendingOrder):
            column, order = self._order
            rows.sort(key=lambda r: r[2][column], reverse=order == Qt.DescendingOrder)
        self.beginResetModel()
        self._set_rows(rows)
        self.endResetModel()

    def forget(self) -> None:
        """Drop every student (the app is being locked)."""
        self.beginResetModel()
        self._set_rows([])
        self.endResetModel()

    def _set_rows(self, rows: list[tuple]) -> None:
        self._rows = rows
        self.students = [r[0] for r in rows]
        self._cells = [r[1] for r in rows]
        self._sort = [r[2] for r in rows]
        self.haystacks = [r[3] for r in rows]
        self.class_keys = [r[4] for r in rows]

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sorting happens here once (with precomputed keys), not comparison by comparison."""
        if not 0 <= column < len(self.HEADINGS) or (column, order) == self._order:
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        rows = sorted(self._rows, key=lambda r: r[2][column], reverse=order == Qt.DescendingOrder)
        self._set_rows(rows)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.students)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._sort[index.row()][index.column()]
        if role == ID_ROLE:
            return self.students[index.row()].id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADINGS[section]
        return None


class StudentFilterProxy(QSortFilterProxyModel):
    """Every word typed must occur in name, class or ID (case and accents ignored)."""

    def __init__(self, source: StudentTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source_table = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)
        self._terms: list[str] = []
        self._class: str | None = None

    def set_search(self, text: str) -> None:
        terms = sort_key(text).split()
        if terms != self._terms:
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_class(self, class_name: str | None) -> None:
        wanted = class_name.casefold() if class_name else None
        if wanted != self._class:
            self.beginFilterChange()
            self._class = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.source_table.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._class is not None and self.source_table.class_keys[source_row] != self._class:
            return False
        haystack = self.source_table.haystacks[source_row]
        return all(term in haystack for term in self._terms)
