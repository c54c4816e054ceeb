"""Small editable grids inside the register forms (data categories, recipients, transfers,
sub-processors): a model/view table with add and remove buttons and choice columns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

CODE_ROLE = Qt.UserRole + 1


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for a column whose cells hold a code and show its German label."""

    def __init__(self, choices: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for code, label in self.choices.items():
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(CODE_ROLE) or "")))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText(), Qt.DisplayRole)


class EditableGrid(QWidget):
    """Columns are text, a check box (``check``) or a choice (a dict of code → label)."""

    def __init__(
        self,
        name: str,
        accessible: str,
        columns: Sequence[tuple[str, str | dict[str, str]]],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.model = QStandardItemModel(0, len(columns), self)
        self.model.setHorizontalHeaderLabels([heading for heading, _ in columns])
        self.view = QTableView()
        self.view.setObjectName(name)
        self.view.setAccessibleName(accessible)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        for column, (_, kind) in enumerate(columns):
            if isinstance(kind, dict):
                self.view.setItemDelegateForColumn(column, ChoiceDelegate(kind, self.view))
        self.add_button = QPushButton(self.tr("Zeile hinzufügen"))
        self.add_button.setObjectName(f"{name}Add")
        self.add_button.setAccessibleName(f"{accessible}: Zeile hinzufügen")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Zeile entfernen"))
        self.remove_button.setObjectName(f"{name}Remove")
        self.remove_button.setAccessibleName(f"{accessible}: Zeile entfernen")
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add_row(self, values: Sequence[object] | None = None) -> int:
        values = list(values or [None] * len(self.columns))
        items = []
        for (_, kind), value in zip(self.columns, values, strict=True):
            item = QStandardItem()
            if kind == "check":
                item.setCheckable(True)
                item.setEditable(False)
                item.setCheckState(Qt.Checked if value else Qt.Unchecked)
            elif isinstance(kind, dict):
                code = str(value or "")
                item.setData(code, CODE_ROLE)
                item.setText(kind.get(code, code))
            else:
                item.setText(str(value or ""))
            items.append(item)
        self.model.appendRow(items)
        row = self.model.rowCount() - 1
        self.view.setCurrentIndex(self.model.index(row, 0))
        return row

    def remove_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.removeRow(index.row())

    def set_rows(self, rows: Sequence[Sequence[object]]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            self.add_row(row)

    def values(self) -> list[list[object]]:
        result = []
        for row in range(self.model.rowCount()):
            line: list[object] = []
            for column, (_, kind) in enumerate(self.columns):
                item = self.model.item(row, column)
                if kind == "check":
                    line.append(item.checkState() == Qt.Checked)
                elif isinstance(kind, dict):
                    line.append(item.data(CODE_ROLE) or "")
                else:
                    line.append(item.text())
            result.append(line)
        return result

    def focus_cell(self, row: int, column: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, column))
        self.view.setFocus()


def check_list(name: str, accessible: str, items: list[tuple[object, str]], chosen) -> QListWidget:
    """A list of check boxes; ``chosen`` holds the values ticked at the start."""
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    for value, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if value in chosen else Qt.Unchecked)
        widget.addItem(item)
    return widget


def checked_values(widget: QListWidget) -> list:
    return [
        widget.item(i).data(Qt.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.Checked
    ]


def parse_field(field: str) -> tuple[str, int, str]:
    """``"data_categories[1].erasure_period"`` → ``("data_categories", 1, "erasure_period")``."""
    match = re.match(r"(\w+)(?:\[(\d+)\])?(?:\.(\w+))?", field)
    if match is None:
        return "", 0, ""
    return match.group(1), int(match.group(2) or 0), match.group(3) or ""
