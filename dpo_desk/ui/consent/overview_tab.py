"""The "Übersicht" tab: per template a class-by-class table of counts per state, and for
the chosen class the student × option matrix in colour and with text (never colour alone).
Filters: only missing, only revoked, only incomplete, only to be given again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.services.consent.overview import (
    STATE_ORDER,
    StudentConsent,
    TemplateStatus,
    filter_rows,
)

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.UserRole + 20
STATE_COLOURS = {
    ConsentState.GRANTED: QColor("#cdebcd"),
    ConsentState.REFUSED: QColor("#f5c6c6"),
    ConsentState.REVOKED: QColor("#f9d9b0"),
    ConsentState.NOT_RETURNED: QColor("#e4e4e4"),
    ConsentState.INCOMPLETE: QColor("#fbefb0"),
    ConsentState.EXPIRED: QColor("#dcd3ea"),
    ConsentState.RENEWAL_DUE: QColor("#d3e3f5"),
}
"""A colour for every state (a new state without one would break the matrix)."""
FILTERS = [
    (None, "alle Schüler"),
    ("missing", "nur fehlende"),
    ("revoked", "nur widerrufene"),
    ("incomplete", "nur unvollständige"),
    ("renewal", "nur neu einzuholende"),
]


class TableModel(QAbstractTableModel):
    """Rows of text; a cell may carry a background colour and each row an id."""

    def __init__(self, centered: bool = True) -> None:
        super().__init__()
        self.centered = centered
        self.headings: list[str] = []
        self.cells: list[list[str]] = []
        self.colours: list[list[QColor | None]] = []
        self.ids: list[object] = []

    def forget(self) -> None:
        """Drop every row (the app is being locked)."""
        self.set_rows(self.headings, [])

    def set_rows(
        self,
        headings: Sequence[str],
        cells: list[list[str]],
        colours: list[list[QColor | None]] | None = None,
        ids: list[object] | None = None,
    ) -> None:
        self.beginResetModel()
        self.headings = list(headings)
        self.cells = cells
        self.colours = colours or [[None] * len(headings) for _ in cells]
        self.ids = ids or [None] * len(cells)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings)

    def data(self, index: Index, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return self.cells[index.row()][index.column()]
        if role == Qt.BackgroundRole:
            colour = self.colours[index.row()][index.column()]
            return QBrush(colour) if colour is not None else None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role == Qt.TextAlignmentRole:
            if not self.centered:
                return int(Qt.AlignLeft | Qt.AlignTop)
            return int(Qt.AlignCenter if index.column() > 0 else Qt.AlignLeft | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headings[section]
        return None


def make_table(name: str, accessible: str, model: TableModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignCenter | Qt.TextWordWrap)
    view.horizontalHeader().setMinimumHeight(36)
    return view


class ConsentOverview(QWidget):
    """``student_activated(id)``: Enter or double-click on a student opens the history;
    ``reminders_requested(ids)``: reminders for the students shown (class and filter)."""

    student_activated = Signal(int)
    reminders_requested = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: TemplateStatus | None = None
        self.counts_model = TableModel()
        self.counts = make_table("consentCounts", self.tr("Stand je Klasse"), self.counts_model)
        self.counts.selectionModel().currentRowChanged.connect(self._class_chosen)
        self.filter = QComboBox()
        self.filter.setObjectName("consentFilter")
        self.filter.setAccessibleName(self.tr("Filter"))
        for code, label in FILTERS:
            self.filter.addItem(self.tr(label), code)
        self.filter.currentIndexChanged.connect(self._show_matrix)
        filter_label = QLabel(self.tr("&Zeigen:"))
        filter_label.setBuddy(self.filter)
        self.reminders = QPushButton(self.tr("Erinnerungen &drucken …"))
        self.reminders.setObjectName("consentReminders")
        self.reminders.setAccessibleName(self.tr("Erinnerungen für die gezeigten Schüler drucken"))
        self.reminders.setToolTip(
            self.tr(
                "Öffnet „Drucken“ mit Erinnerungen für die gezeigten Schülerinnen und Schüler "
                "(gedruckt wird nur für die, bei denen etwas fehlt)"
            )
        )
        self.reminders.clicked.connect(
            lambda: self.reminders_requested.emit([r.student_id for r in self.shown_rows()])
        )
        self.matrix_title = QLabel()
        self.matrix_title.setTextFormat(Qt.PlainText)
        self.matrix_title.setStyleSheet("font-weight: bold;")
        self.matrix_title.setObjectName("consentMatrixTitle")
        self.matrix_model = TableModel()
        self.matrix = make_table(
            "consentMatrix", self.tr("Schüler und Optionen"), self.matrix_model
        )
        self.matrix.activated.connect(self._activated)  # Enter and double-click
        self.class_name: str | None = None

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel(self.tr("<b>Stand je Klasse und Option</b>")))
        top_layout.addWidget(self.counts, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.matrix_title, 1)
        tools.addWidget(filter_label)
        tools.addWidget(self.filter)
        tools.addWidget(self.reminders)
        bottom_layout.addLayout(tools)
        bottom_layout.addWidget(self.matrix, 1)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([260, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)

    def show_status(self, status: TemplateStatus | None) -> None:
        self.status = status
        headings = [self.tr("Klasse"), self.tr("Option")] + [s.label for s in STATE_ORDER]
        headings.append(self.tr("Schüler"))
        cells: list[list[str]] = []
        ids: list[object] = []
        for count in status.class_counts() if status else []:
            cells.append(
                [count.class_name, count.option_label]
                + [str(count.counts[s]) for s in STATE_ORDER]
                + [str(count.total)]
            )
            ids.append(count.class_name)
        self.counts_model.set_rows(headings, cells, ids=ids)
        self.counts.setColumnWidth(0, 60)
        self.counts.setColumnWidth(1, 220)
        for column in range(2, len(headings)):
            self.counts.setColumnWidth(column, 100)
        names = status.class_names if status else []
        if self.class_name not in names:
            self.class_name = names[0] if names else None
        self.choose_class(self.class_name)

    def choose_class(self, class_name: str | None) -> None:
        self.class_name = class_name
        ids = self.counts_model.ids
        if class_name in ids:
            row = ids.index(class_name)
            self.counts.selectionModel().blockSignals(True)
            self.counts.setCurrentIndex(self.counts_model.index(row, 0))
            self.counts.selectionModel().blockSignals(False)
            self.counts.scrollTo(self.counts_model.index(row, 0))
        self._show_matrix()

    def _class_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.class_name = self.counts_model.ids[current.row()]  # type: ignore[assignment]
            self._show_matrix()

    def shown_rows(self) -> list[StudentConsent]:
        if self.status is None or self.class_name is None:
            return []
        in_class = [r for r in self.status.rows if r.class_name == self.class_name]
        return filter_rows(in_class, self.filter.currentData())

    def _show_matrix(self) -> None:
        rows = self.shown_rows()
        options = self.status.options if self.status else []
        headings = [self.tr("Schüler/in")] + [label for _, label in options]
        cells = [[r.name] + [r.state(key).label for key, _ in options] for r in rows]
        colours: list[list[QColor | None]] = [
            [None] + [STATE_COLOURS[r.state(key)] for key, _ in options] for r in rows
        ]
        self.matrix_model.set_rows(headings, cells, colours, [r.student_id for r in rows])
        self.reminders.setEnabled(bool(rows))
        self.matrix.setColumnWidth(0, 240)
        for column in range(1, len(headings)):
            self.matrix.setColumnWidth(column, 240 if len(headings) < 5 else 180)
        if self.class_name:
            self.matrix_title.setText(
                self.tr("Klasse %1 – %2 Schüler, Stand %3")
                .replace("%1", self.class_name)
                .replace("%2", str(len(rows)))
                .replace("%3", f"{self.status.day:%d.%m.%Y}" if self.status else "")
            )
        else:
            self.matrix_title.setText(self.tr("Keine Klasse gewählt."))

    def current_student_id(self) -> int | None:
        index = self.matrix.currentIndex()
        return self.matrix_model.ids[index.row()] if index.isValid() else None  # type: ignore[return-value]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.student_activated.emit(int(self.matrix_model.ids[index.row()]))  # type: ignore[arg-type]
