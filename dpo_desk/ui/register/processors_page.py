"""Auftragsverarbeiter & TOM: processors with their contracts, and the measures grouped by
protection goal or by control type."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.countries import country_name
from dpo_desk.core.register.values import (
    CONTRACT_STATUSES,
    CONTROL_TYPES,
    PROTECTION_GOALS,
    group_by,
)
from dpo_desk.services.changes import Area
from dpo_desk.services.register import processors, toms
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.text import plain_tooltip
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.register.table import (
    RecordsFilterProxy,
    RecordsTableModel,
    TableRow,
    make_table,
)

TOM_ROLE = Qt.UserRole + 1
GROUPINGS = (
    ("nach Schutzziel (SDM)", "protection_goal", PROTECTION_GOALS, "ohne Schutzziel"),
    ("nach Kontrollart", "control_type", CONTROL_TYPES, "ohne Kontrollart"),
)


def _date(day) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


class ProcessorsPage(Page):
    title = "Auftragsverarbeiter & TOM"
    object_name = "processorsPage"
    areas = frozenset({Area.PROCESSORS, Area.REGISTER})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.dialog: QWidget | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("processorsTabs")
        self.tabs.addTab(self._processor_tab(), self.tr("&Auftragsverarbeiter"))
        self.tabs.addTab(self._tom_tab(), self.tr("&TOM"))
        self.message = error_label("processorsMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Auftragsverarbeiter & TOM</h2>")))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence.Find, self, self.search.setFocus)

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.setAccessibleName(self.tr(text).replace("&", "").rstrip(" …"))
        button.clicked.connect(slot)
        return button

    def _processor_tab(self) -> QWidget:
        self.model = RecordsTableModel(
            [
                "Firma",
                "Land",
                "AV-Vertrag",
                "Vertragsdatum",
                "Nächste Prüfung",
                "Unterauftragnehmer",
                "Verwendet von",
            ]
        )
        self.proxy = RecordsFilterProxy(self.model)
        self.table = make_table("processorTable", self.tr("Auftragsverarbeiter"), self.proxy)
        self.table.horizontalHeader().resizeSection(0, 260)
        # Enter and double-click both "activate" a row: one signal, one editor.
        self.table.activated.connect(self._open_index)
        self.search = QLineEdit()
        self.search.setObjectName("processorSearch")
        self.search.setAccessibleName(self.tr("Auftragsverarbeiter suchen"))
        self.search.setPlaceholderText(self.tr("Suchen … (Strg+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("processorStatusFilter")
        self.status_filter.setAccessibleName(self.tr("Vertragsstatus filtern"))
        self.status_filter.addItem(self.tr("Alle Verträge"), None)
        for code, label in CONTRACT_STATUSES.items():
            self.status_filter.addItem(label, code)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(self.status_filter.currentData())
        )
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        for name, text, slot in (
            ("newProcessorButton", "&Neu …", self.new_processor),
            ("editProcessorButton", "&Bearbeiten …", self.edit_current),
            ("deleteProcessorButton", "&Löschen …", self.delete_current),
        ):
            top.addWidget(self._button(name, text, slot))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        return page

    def _tom_tab(self) -> QWidget:
        self.grouping = QComboBox()
        self.grouping.setObjectName("tomGrouping")
        self.grouping.setAccessibleName(self.tr("Maßnahmen gruppieren"))
        for label, *_ in GROUPINGS:
            self.grouping.addItem(self.tr(label))
        self.grouping.currentIndexChanged.connect(self._fill_tree)
        self.tree_model = QStandardItemModel()
        self.tree = QTreeView()
        self.tree.setObjectName("tomTree")
        self.tree.setAccessibleName(self.tr("Maßnahmen"))
        self.tree.setModel(self.tree_model)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.activated.connect(self._open_tom_index)
        self.tom_items: list[toms.TomSummary] = []
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Gruppieren:")))
        top.addWidget(self.grouping)
        top.addStretch(1)
        for name, text, slot in (
            ("newTomButton", "&Neu …", self.new_tom),
            ("editTomButton", "&Bearbeiten …", self.edit_current_tom),
            ("deleteTomButton", "&Löschen …", self.delete_current_tom),
            ("tomStarterSetButton", "&Startkatalog übernehmen", self.add_starter_set),
        ):
            top.addWidget(self._button(name, text, slot))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        return page

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.message.clear()
        if self.school_id is None:
            self.model.set_rows([])
            self.tom_items = []
            self._fill_tree()
            return
        self.model.set_rows(
            [
                TableRow(
                    p,
                    (
                        p.name,
                        country_name(p.country),
                        p.contract_label,
                        _date(p.contract_date),
                        _date(p.contract_review),
                        str(p.sub_processors),
                        ", ".join(p.used_by),
                    ),
                    status=p.contract_status,
                    colour=None if p.contract_status == "signed" else "#a40000",
                )
                for p in processors.list_processors(self.ctx, self.school_id)
            ]
        )
        self.tom_items = toms.list_toms(self.ctx, self.school_id)
        self._fill_tree()

    def _fill_tree(self) -> None:
        _, attribute, labels, empty = GROUPINGS[self.grouping.currentIndex()]
        other = "control_label" if attribute == "protection_goal" else "goal_label"
        self.tree_model.clear()
        self.tree_model.setHorizontalHeaderLabels(
            [
                self.tr("Maßnahme"),
                self.tr("Kontrollart" if other == "control_label" else "Schutzziel"),
                self.tr("Von"),
            ]
        )
        for label, members in group_by(self.tom_items, attribute, labels, empty):
            group = QStandardItem(f"{label} ({len(members)})")
            for tom in members:
                cells = [
                    QStandardItem(tom.title),
                    QStandardItem(getattr(tom, other)),
                    QStandardItem(tom.owner),
                ]
                cells[0].setData(tom, TOM_ROLE)
                cells[0].setToolTip(plain_tooltip(tom.description))
                group.appendRow(cells)
            self.tree_model.appendRow([group, QStandardItem(), QStandardItem()])
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 420)
        self.tree.setColumnWidth(1, 190)

    # --- processors ---------------------------------------------------------------------

    def open_processor(self, processor_id: int | None) -> None:
        from dpo_desk.ui.register.processor_dialog import ProcessorDialog

        if self.school_id is None:
            return
        school_id = self.school_id
        self.dialog = self.operations.editors.open(
            ("processor", processor_id),
            lambda: ProcessorDialog(self.ctx, self.signals, processor_id, school_id, self),
        )

    def open_target(self, target) -> None:
        """A processor at a field (from "Fällig": its contract review), or a measure (from
        the register's checks)."""
        if target.entity_id is None or self.school_id is None:
            return
        if target.entity_type == "tom":
            self.tabs.setCurrentIndex(1)
            measures = toms.list_toms(self.ctx, self.school_id)
            tom = next((t for t in measures if t.id == target.entity_id), None)
            if tom is not None:
                self.open_tom(tom)
            return
        self.tabs.setCurrentIndex(0)
        self.open_processor(target.entity_id)
        if self.dialog is not None:
            self.dialog.focus_field(target.field or "contract_review")

    def new_processor(self) -> None:
        self.open_processor(None)

    def current_processor(self) -> processors.ProcessorSummary | None:
        return self.proxy.item_at(self.table.currentIndex())

    def edit_current(self) -> None:
        current = self.current_processor()
        if current is not None:
            self.open_processor(current.id)

    def _open_index(self, index: QModelIndex) -> None:
        item = self.proxy.item_at(index)
        if item is not None:
            self.open_processor(item.id)

    def delete_current(self) -> None:
        current = self.current_processor()
        if current is None:
            return
        if current.used_by:  # refused at once, not after asking
            names = ", ".join(f"„{name}“" for name in current.used_by)
            self.message.setText(
                self.tr(
                    "„%1“ kann nicht gelöscht werden: Er wird noch von %2 verwendet. Bitte dort "
                    "zuerst die Verknüpfung lösen."
                )
                .replace("%1", current.name)
                .replace("%2", names)
            )
            return
        self.dialog = ask_yes_no(
            self,
            self.tr("Auftragsverarbeiter löschen"),
            self.tr("„%1“ mit Vertragsdatei und Maßnahmen löschen?").replace("%1", current.name),
            "confirmDeleteProcessor",
            lambda: self.delete_processor(current.id),
        )

    def delete_processor(self, processor_id: int) -> None:
        if (
            self.operations.run(
                lambda: processors.delete_processor(self.ctx, processor_id),
                parent=self,
                errors=self.message,
            )
            is not None
        ):
            self.signals.status_message.emit(self.tr("Auftragsverarbeiter gelöscht."))

    # --- measures -----------------------------------------------------------------------

    def current_tom(self) -> toms.TomSummary | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(TOM_ROLE) if index.isValid() else None

    def _open_tom_index(self, index: QModelIndex) -> None:
        tom = index.siblingAtColumn(0).data(TOM_ROLE)
        if tom is not None:
            self.open_tom(tom)

    def open_tom(self, tom: toms.TomSummary | None) -> None:
        from dpo_desk.ui.register.tom_dialog import TomDialog

        if self.school_id is None:
            return
        school_id = self.school_id
        self.dialog = self.operations.editors.open(
            ("tom", tom.id if tom else None),
            lambda: TomDialog(self.ctx, self.signals, school_id, tom, self),
        )

    def new_tom(self) -> None:
        self.open_tom(None)

    def edit_current_tom(self) -> None:
        tom = self.current_tom()
        if tom is not None:
            self.open_tom(tom)

    def delete_current_tom(self) -> None:
        tom = self.current_tom()
        if tom is None:
            return
        if self.operations.run(lambda: toms.delete_tom(self.ctx, tom.id), parent=self) is not None:
            self.signals.status_message.emit(self.tr("Maßnahme gelöscht."))

    def add_starter_set(self) -> None:
        if self.school_id is None:
            return
        school_id = self.school_id
        added = self.operations.run(lambda: toms.add_starter_set(self.ctx, school_id), parent=self)
        if added is not None:
            self.signals.status_message.emit(
                self.tr("%1 Maßnahmen aus dem Startkatalog übernommen.").replace(
                    "%1", str(added.count)
                )
            )
