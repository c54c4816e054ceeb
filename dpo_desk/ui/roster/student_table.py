"""The students table: a Qt model over ``StudentRow`` values and a search-as-you-type proxy.

The search filters in the model, in one pass over precomputed texts, and the model then
shows only the matching rows: a proxy asking Python about each of a district's 20,000
rows per keystroke spent most of the keystroke crossing from C++ to Python and back. The
proxy stays for the view's sorting and for its callers (it passes every row through)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from dpo_desk.core.roster import class_sort_key, format_date, sort_key
from dpo_desk.services.heap import bulk_work
from dpo_desk.services.roster.students import StudentRow

SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def sort_key_of(student: StudentRow, column: int) -> str:
    """How the column sorts a student (ties by name): class order, names as in a German
    class list, birth date, ID by its digits, status."""
    grade, class_key = class_sort_key(student.class_name)
    last, first = sort_key(student.last_name), sort_key(student.first_names)
    name = f"{last}|{first}"
    if column == 0:
        return f"{grade:03d}|{class_key}|{name}"
    if column == 1:
        return name
    if column == 2:
        return f"{first}|{last}"
    if column == 3:
        return student.birth_date.isoformat()
    if column == 4:
        return student.external_id.zfill(20)
    return f"{student.status}|{name}"


class StudentTableModel(QAbstractTableModel):
    HEADINGS = ("Klasse", "Nachname", "Vorname(n)", "Geburtsdatum", "ID", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.students: list[StudentRow] = []
        self._cells: list[tuple[str, ...]] = []
        self._rows: list[tuple] = []
        self._all: list[tuple] = []
        self._terms: list[str] = []
        self._class: str | None = None
        self._order: tuple[int, Qt.SortOrder] = (0, Qt.AscendingOrder)

    def set_students(self, students: list[StudentRow]) -> None:
        """Students in the service's order (class, then name), which is column 0 ascending."""
        with bulk_work():
            self._set_students(students)

    def _set_students(self, students: list[StudentRow]) -> None:
        rows = []
        for s in students:
            cells = (
                s.class_name,
                s.last_name,
                s.first_names,
                format_date(s.birth_date),
                s.external_id,
                s.status_label + (f" ({format_date(s.left_on)})" if s.left_on else ""),
            )
            haystack = (
                f"{sort_key(s.last_name)} {sort_key(s.first_names)} "
                f"{class_sort_key(s.class_name)[1]} {sort_key(s.external_id)}"
            )
            rows.append((s, cells, haystack, s.class_name.casefold()))
        if self._order != (0, Qt.AscendingOrder):
            column, order = self._order
            rows.sort(key=lambda r: sort_key_of(r[0], column), reverse=order == Qt.DescendingOrder)
        self._all = rows
        self._refilter()

    @property
    def total(self) -> int:
        """All students loaded, whatever the search shows."""
        return len(self._all)

    def set_filter(self, terms: list[str], class_key: str | None) -> None:
        """Show the students of ``class_key`` (casefolded; None: all) whose name, class or
        ID contains every term (``sort_key``-folded)."""
        if (terms, class_key) != (self._terms, self._class):
            self._terms, self._class = terms, class_key
            self._refilter()

    def _refilter(self) -> None:
        terms, wanted = self._terms, self._class
        rows = [
            r
            for r in self._all
            if (wanted is None or r[3] == wanted) and all(t in r[2] for t in terms)
        ]
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sorting happens here once (a key per row, made when a column is sorted), not
        comparison by comparison."""
        if not 0 <= column < len(self.HEADINGS) or (column, order) == self._order:
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        reverse = order == Qt.DescendingOrder
        keys = {id(r[0]): sort_key_of(r[0], column) for r in self._all}
        self._all.sort(key=lambda r: keys[id(r[0])], reverse=reverse)
        rows = sorted(self._rows, key=lambda r: keys[id(r[0])], reverse=reverse)
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
            return sort_key_of(self.students[index.row()], index.column())
        if role == ID_ROLE:
            return self.students[index.row()].id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADINGS[section]
        return None


class StudentFilterProxy(QSortFilterProxyModel):
    """Every word typed must occur in name, class or ID (case and accents ignored); the
    model does the filtering (see the module docstring), this proxy hands it on."""

    def __init__(self, source: StudentTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source_table = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)
        self._terms: list[str] = []
        self._class: str | None = None

    def set_search(self, text: str) -> None:
        self._terms = sort_key(text).split()
        self.source_table.set_filter(self._terms, self._class)

    def set_class(self, class_name: str | None) -> None:
        self._class = class_name.casefold() if class_name else None
        self.source_table.set_filter(self._terms, self._class)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.source_table.sort(column, order)
