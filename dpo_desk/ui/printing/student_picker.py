"""Choosing the students of a reprint (reminders, fresh forms or slips for a few) from a list.

Keyboard first: the search field has the focus; typing filters by name, class or number
(every word must match; "celik" finds "Çelik"),
↓/↑ move in the list, Enter in the search field (or Space in the list) ticks the highlighted
student and selects the search text for the next name; Strg+Enter takes the choice. The
list can be narrowed to a class and to a consent state of the template ("nicht abgegeben",
"unvollständig" …), so that "all of 5a without a form" is two choices and Strg+A.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.consent.status import STATE_LABELS, ConsentState
from dpo_desk.core.roster import class_sort_key, sort_key
from dpo_desk.services.consent.overview import StudentConsent
from dpo_desk.ui.common.buttons import make_button
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.common.text import plain_label

ANY = ""
HELP = (
    "Tippen sucht (Name, Klasse, Nr.) · ↓/↑ wählt die Zeile · Enter im Suchfeld oder "
    "Leertaste kreuzt an · Strg+A kreuzt alle gezeigten an · Strg+Enter übernimmt"
)
STATE_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
SEARCH_ROLE = Qt.UserRole + 3


@dataclass(frozen=True)
class Pickable:
    """A student as the picker lists them: the states of the chosen template."""

    student_id: int
    name: str
    class_name: str
    states: frozenset[ConsentState]

    @classmethod
    def of(cls, row: StudentConsent) -> Pickable:
        return cls(
            row.student_id,
            row.name,
            row.class_name,
            frozenset(s.state for s in row.states.values()),
        )

    @property
    def state_text(self) -> str:
        return ", ".join(STATE_LABELS[s] for s in ConsentState if s in self.states)


class PickerFilter(QSortFilterProxyModel):
    """Rows matching the search text (any column), the class and the state chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.terms: list[str] = []
        self.class_name = ANY
        self.state = ANY

    def set_filter(self, text: str, class_name: str, state: str) -> None:
        self.beginFilterChange()
        self.terms, self.class_name, self.state = sort_key(text).split(), class_name, state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        name = model.index(source_row, 0, source_parent)
        if self.class_name and model.index(source_row, 1, source_parent).data() != self.class_name:
            return False
        if self.state and self.state not in name.data(STATE_ROLE):
            return False
        searched = name.data(SEARCH_ROLE)
        return all(term in searched for term in self.terms)


class StudentPickerDialog(QDialog):
    """``chosen_ids()`` after ``exec()``: the ticked students in list order."""

    def __init__(
        self,
        students: list[Pickable],
        chosen: set[int],
        class_name: str = ANY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("studentPicker")
        self.setWindowTitle(self.tr("Schülerinnen und Schüler wählen"))
        self.students = students
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Schüler/in", "Klasse", "Nr.", "Stand"])
        for student in students:
            name = QStandardItem(student.name)
            name.setCheckable(True)
            name.setEditable(False)
            name.setCheckState(Qt.Checked if student.student_id in chosen else Qt.Unchecked)
            name.setData([s.value for s in student.states], STATE_ROLE)
            name.setData(student.student_id, ID_ROLE)
            others = [student.class_name, str(student.student_id), student.state_text]
            name.setData(sort_key(" ".join([student.name, *others])), SEARCH_ROLE)
            cells = [name] + [QStandardItem(text) for text in others]
            for cell in cells[1:]:
                cell.setEditable(False)
            self.model.appendRow(cells)
        self.proxy = PickerFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setObjectName("studentPickerSearch")
        self.search.setAccessibleName(self.tr("Suche: Name, Klasse oder Nummer"))
        self.search.setPlaceholderText(self.tr("Name, Klasse oder Nummer"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.class_box = QComboBox()
        self.class_box.setObjectName("studentPickerClass")
        self.class_box.setAccessibleName(self.tr("Nur Klasse"))
        self.class_box.addItem(self.tr("alle Klassen"), ANY)
        for name in sorted({s.class_name for s in students}, key=class_sort_key):
            self.class_box.addItem(name, name)
        self.class_box.setCurrentIndex(max(0, self.class_box.findData(class_name)))
        self.state_box = QComboBox()
        self.state_box.setObjectName("studentPickerState")
        self.state_box.setAccessibleName(self.tr("Nur mit Stand"))
        self.state_box.addItem(self.tr("jeder Stand"), ANY)
        for state in ConsentState:
            self.state_box.addItem(STATE_LABELS[state], state.value)
        self.table = QTableView()
        self.table.setObjectName("studentPickerList")
        self.table.setAccessibleName(self.tr("Schülerinnen und Schüler zum Ankreuzen"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.installEventFilter(self)
        self.count = plain_label("", "studentPickerCount")
        tick_all = make_button(
            self, "studentPickerAll", "&Alle gezeigten ankreuzen", self.tick_shown
        )
        untick = make_button(self, "studentPickerNone", "&Keine", self.untick_all)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Übernehmen"))
        self.buttons.button(QDialogButtonBox.Ok).setObjectName("studentPickerOk")
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        help_label = plain_label(self.tr(HELP), "studentPickerHelp", wrap=True)
        help_label.setStyleSheet("color: #555;")

        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Suche:"))
        search_label.setBuddy(self.search)
        class_label = QLabel(self.tr("K&lasse:"))
        class_label.setBuddy(self.class_box)
        state_label = QLabel(self.tr("S&tand:"))
        state_label.setBuddy(self.state_box)
        for widget in (search_label, self.search, class_label, self.class_box):
            filters.addWidget(widget, 1 if widget is self.search else 0)
        filters.addWidget(state_label)
        filters.addWidget(self.state_box)
        below = QHBoxLayout()
        below.addWidget(tick_all)
        below.addWidget(untick)
        below.addWidget(self.count, 1)
        below.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(help_label)
        layout.addLayout(below)

        self.search.textChanged.connect(self._filter)
        self.class_box.currentIndexChanged.connect(self._filter)
        self.state_box.currentIndexChanged.connect(self._filter)
        self.model.itemChanged.connect(self._count)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # from the class and state boxes too
            QShortcut(QKeySequence(keys), self, self.accept)
        self._filter()
        self._count()
        fit_to_screen(self, 720, 520)
        self.search.setFocus()

    # --- filtering and ticking ------------------------------------------------------------

    def _filter(self) -> None:
        self.proxy.set_filter(
            self.search.text(), self.class_box.currentData(), self.state_box.currentData()
        )
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _count(self) -> None:
        ticked = len(self.chosen_ids())
        shown = self.proxy.rowCount()
        self.count.setText(
            self.tr("%1 angekreuzt · %2 gezeigt")
            .replace("%1", str(ticked))
            .replace("%2", str(shown))
        )

    def _name_item(self, proxy_row: int) -> QStandardItem:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
        return self.model.item(source.row(), 0)

    def toggle_current(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        item = self._name_item(current.row())
        item.setCheckState(Qt.Unchecked if item.checkState() == Qt.Checked else Qt.Checked)

    def tick_shown(self) -> None:
        for row in range(self.proxy.rowCount()):
            self._name_item(row).setCheckState(Qt.Checked)

    def untick_all(self) -> None:
        for row in range(self.model.rowCount()):
            self.model.item(row, 0).setCheckState(Qt.Unchecked)

    def chosen_ids(self) -> list[int]:
        return [
            self.model.item(row, 0).data(ID_ROLE)
            for row in range(self.model.rowCount())
            if self.model.item(row, 0).checkState() == Qt.Checked
        ]

    def chosen_names(self) -> list[str]:
        chosen = set(self.chosen_ids())
        return [s.name for s in self.students if s.student_id in chosen]

    def _move(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.table.currentIndex()
        row = min(max((current.row() if current.isValid() else -1) + step, 0), rows - 1)
        self.table.setCurrentIndex(self.proxy.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.KeyPress:
            return super().eventFilter(watched, event)
        key, modifiers = event.key(), event.modifiers()
        if modifiers & Qt.ControlModifier and key == Qt.Key_A:  # not "select the text"
            self.tick_shown()
            return True
        if modifiers & Qt.ControlModifier and key in (Qt.Key_Return, Qt.Key_Enter):
            self.accept()
            return True
        if modifiers & (Qt.ControlModifier | Qt.AltModifier):
            return super().eventFilter(watched, event)
        if watched is self.search:
            if key in (Qt.Key_Down, Qt.Key_Up):
                self._move(1 if key == Qt.Key_Down else -1)
                return True
            if key in (Qt.Key_Return, Qt.Key_Enter):
                self.toggle_current()
                self.search.selectAll()
                return True
        elif watched is self.table:
            if key == Qt.Key_Space:
                self.toggle_current()
                return True
            text = event.text()
            if text and text.isprintable() and not text.isspace():
                self.search.setFocus()
                self.search.setText(self.search.text() + text)
                return True
        return super().eventFilter(watched, event)
