"""A register of cases (breaches, requests): search, "Zeigen" (all, open, overdue) and a
year filter over a sorted table; Enter opens one editor per record; delete asks first.

A page subclasses it and says how to load, word, filter and edit its records.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from dpo_desk.ui.common.buttons import make_button
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.wheel import guard_wheel
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.register.table import RecordsFilterProxy, RecordsTableModel, TableRow, make_table

SHOW = (("Alle", None), ("Offene", "open"), ("Überfällige", "overdue"))


class CaseListPage(Page):
    heading = ""
    headings: tuple[str, ...] = ()
    entity = ""  # the editors' key, e.g. "breach"
    prefix = ""  # object name prefix, e.g. "breach"
    noun = ""  # German, for the search field: "Datenpannen"

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.dialog = None
        self.items: list[Any] = []
        self.model = RecordsTableModel(self.headings)
        self.proxy = RecordsFilterProxy(self.model)
        self.table = make_table(f"{self.prefix}Table", self.tr(self.noun), self.proxy)
        self.table.activated.connect(self._open_index)
        self.search = QLineEdit()
        self.search.setObjectName(f"{self.prefix}Search")
        self.search.setAccessibleName(self.tr("%1 suchen").replace("%1", self.noun))
        self.search.setPlaceholderText(self.tr("Suchen … (Strg+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.show_filter = QComboBox()
        self.show_filter.setObjectName(f"{self.prefix}ShowFilter")
        self.show_filter.setAccessibleName(self.tr("%1 filtern").replace("%1", self.noun))
        for label, code in SHOW:
            self.show_filter.addItem(self.tr(label), code)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName(f"{self.prefix}YearFilter")
        self.year_filter.setAccessibleName(self.tr("Jahr"))
        guard_wheel(self.show_filter, self.year_filter)
        self.show_filter.currentIndexChanged.connect(self.fill_rows)
        self.year_filter.currentIndexChanged.connect(self.fill_rows)
        self.message = error_label(f"{self.prefix}ListMessage")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel(self.tr("Zeigen:")))
        filters.addWidget(self.show_filter)
        filters.addWidget(QLabel(self.tr("Jahr:")))
        filters.addWidget(self.year_filter)
        actions = QHBoxLayout()
        self.buttons = [make_button(self, *spec) for spec in self.actions()]
        for button in self.buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(self.heading)))
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence.Find, self, self.search.setFocus)

    # --- what a page says ---------------------------------------------------------------

    def actions(self) -> list[tuple]:
        """(object name, text, slot) of the buttons; the first three: new, edit, delete."""
        return [
            (f"new{self.entity_title}Button", "&Neu …", self.new_record),
            (f"edit{self.entity_title}Button", "&Bearbeiten …", self.edit_current),
            (f"delete{self.entity_title}Button", "&Löschen …", self.delete_current),
        ]

    @property
    def entity_title(self) -> str:
        return self.prefix[:1].upper() + self.prefix[1:]

    def load(self) -> list[Any]:
        raise NotImplementedError

    def year_of(self, item: Any) -> int:
        raise NotImplementedError

    def is_overdue(self, item: Any) -> bool:
        raise NotImplementedError

    def row(self, item: Any) -> TableRow:
        raise NotImplementedError

    def editor(self, school_id: int, record_id: int | None):
        raise NotImplementedError

    def delete_question(self, item: Any) -> str:
        raise NotImplementedError

    def delete(self, record_id: int):
        raise NotImplementedError

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.message.clear()
        self.items = [] if self.school_id is None else self.load()
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("alle"), None)
        for year in sorted({self.year_of(i) for i in self.items}, reverse=True):
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(chosen)))
        self.year_filter.blockSignals(False)
        for button in self.buttons:
            button.setEnabled(self.school_id is not None)
        self.fill_rows()

    def fill_rows(self) -> None:
        """The rows as of now (filters applied; no reading)."""
        show, year = self.show_filter.currentData(), self.year_filter.currentData()
        rows = [
            self.row(item)
            for item in self.items
            if not (show == "open" and not item.is_open())
            and not (show == "overdue" and not self.is_overdue(item))
            and (year is None or self.year_of(item) == year)
        ]
        current = self.current()
        self.model.set_rows(rows)
        if current is not None and (row := self.proxy.row_of(current.id)) >= 0:
            self.table.selectRow(row)

    # --- editing ------------------------------------------------------------------------

    def current(self) -> Any:
        return self.proxy.item_at(self.table.currentIndex())

    def open_record(self, record_id: int | None) -> None:
        if self.school_id is None:
            return
        school_id = self.school_id
        self.dialog = self.operations.editors.open(
            (self.entity, record_id), lambda: self.editor(school_id, record_id)
        )

    def open_target(self, target) -> None:
        if target.entity_id is not None:
            self.open_record(target.entity_id)

    def new_record(self) -> None:
        self.open_record(None)

    def edit_current(self) -> None:
        current = self.current()
        if current is not None:
            self.open_record(current.id)

    def _open_index(self, index: QModelIndex) -> None:
        item = self.proxy.item_at(index)
        if item is not None:
            self.open_record(item.id)

    def delete_current(self) -> None:
        current = self.current()
        if current is None:
            return
        self.dialog = ask_yes_no(
            self,
            self.tr("Löschen"),
            self.delete_question(current),
            f"confirmDelete{self.entity_title}",
            lambda: self.delete_record(current.id),
        )

    def delete_record(self, record_id: int) -> None:
        done = self.operations.run(lambda: self.delete(record_id), parent=self, errors=self.message)
        if done is not None:
            self.signals.status_message.emit(self.tr("Gelöscht."))
