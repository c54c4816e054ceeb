"""The students table: a Qt model over ``StudentRow`` values and a search-as-you-type proxy."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from dpo_desk.core.roster import class_sort_key, sort_key
from dpo_desk.services.roster import StudentRow

SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class StudentTableModel(QAbstractTableModel):
    HEADINGS = ("Klasse", "Nachname", "Vorname(n)", "Geburtsdatum", "ID", "Status")

    def __init__(self) -> None:
        super().__init__()
        self.students: list[StudentRow] = []
        self.haystacks: list[str] = []
        self.class_keys: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._sort: list[tuple[str, ...]] = []

    def set_students(self, students: list[StudentRow]) -> None:
        self.beginResetModel()
        self.students = students
        self._cells = [
            (
                s.class_name,
                s.last_name,
                s.first_names,
                f"{s.birth_date:%d.%m.%Y}",
                s.external_id,
                s.status_label + (f" ({s.left_on:%d.%m.%Y})" if s.left_on else ""),
            )
            for s in students
        ]
        self._sort = []
        for s in students:
            grade, class_key = class_sort_key(s.class_name)
            name = f"{sort_key(s.last_name)}|{sort_key(s.first_names)}"
            self._sort.append(
                (
                    f"{grade:03d}|{class_key}|{name}",
                    name,
                    f"{sort_key(s.first_names)}|{sort_key(s.last_name)}",
                    s.birth_date.isoformat(),
                    s.external_id.zfill(20),
                    f"{s.status}|{name}",
                )
            )
        self.haystacks = [
            sort_key(f"{s.last_name} {s.first_names} {s.class_name} {s.external_id}")
            for s in students
        ]
        self.class_keys = [s.class_name.casefold() for s in students]
        self.endResetModel()

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

    def __init__(self, source: StudentTableModel) -> None:
        super().__init__()
        self.source_table = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
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

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._class is not None and self.source_table.class_keys[source_row] != self._class:
            return False
        haystack = self.source_table.haystacks[source_row]
        return all(term in haystack for term in self._terms)
