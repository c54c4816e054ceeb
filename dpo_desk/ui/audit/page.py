"""Änderungsprotokoll: who changed what and when, filtered as you type, each entry's
values before and after side by side, the filtered list exported, the chain verified."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.audit.reading import action_label
from dpo_desk.core.places import record_target
from dpo_desk.services.changes import Area
from dpo_desk.ui.audit.filters import LogFilterBar
from dpo_desk.ui.audit.models import ROW_ROLE, FieldChangesModel, LogTableModel
from dpo_desk.ui.operations import message, no_progress
from dpo_desk.ui.pages.base import Page


def _button(text: str, name: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


def _table(name: str, accessible: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AuditLogPage(Page):
    title = "Änderungsprotokoll"
    object_name = "auditLogPage"
    # Every write adds an entry: the log looks again after any change.
    areas = frozenset(Area)

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.model = LogTableModel(self)
        self.details = FieldChangesModel(self)
        self.filters = LogFilterBar(self)
        self.filters.changed.connect(self._filter)

        self.only_record = _button(
            self.tr("Nur dieser &Datensatz"),
            "auditOnlyRecord",
            "Nur den Verlauf dieses Datensatzes",
        )
        self.only_record.clicked.connect(self._only_this_record)
        self.open_record = _button(
            self.tr("Datensatz &öffnen"), "auditOpenRecord", "Datensatz dieses Eintrags öffnen"
        )
        self.open_record.clicked.connect(self.open_current_record)
        self.open_record.setEnabled(False)
        self.export_button = _button(
            self.tr("&Exportieren …"), "auditExport", "Gefilterte Liste exportieren"
        )
        self.export_button.clicked.connect(self.choose_export)
        self.verify_button = _button(
            self.tr("&Kette prüfen"), "auditVerify", "Prüfwerte des Protokolls prüfen"
        )
        self.verify_button.clicked.connect(self.verify)

        self.table = _table("auditTable", self.tr("Protokolleinträge"))
        self.table.setModel(self.model)
        for column, width in enumerate((105, 80, 100, 100, 180, 85)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._entry_chosen)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("auditDetailLabel")
        self.detail_label.setTextFormat(Qt.PlainText)
        self.detail_label.setWordWrap(True)
        self.detail_table = _table("auditDetailTable", self.tr("Werte vorher und nachher"))
        self.detail_table.setModel(self.details)
        self.detail_table.setWordWrap(True)
        self.detail_table.horizontalHeader().resizeSection(0, 180)
        self.detail_table.horizontalHeader().resizeSection(1, 330)
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.detail_table, 1)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        tools = QHBoxLayout()
        tools.addWidget(self.count_label, 1)
        tools.addWidget(self.only_record)
        tools.addWidget(self.open_record)
        tools.addWidget(self.export_button)
        tools.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Änderungsprotokoll</h2>")))
        layout.addWidget(self.filters)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.Find, self, self.filters.search.setFocus)
        self.filters.search.returnPressed.connect(self._to_table)
        self._show_count()

    # --- loading and filtering -----------------------------------------------------------

    def set_school(self, school_id: int | None) -> None:
        self.school_id = school_id
        self._follow_school = True
        self.reload()

    def set_school_later(self, school_id: int | None) -> None:
        super().set_school_later(school_id)
        self._follow_school = True

    def refresh(self) -> None:
        from dpo_desk.services.audit.log import load_log
        from dpo_desk.services.schools import list_schools

        rows = load_log(self.ctx)
        schools = [(s.id, s.name) for s in list_schools(self.ctx)]
        self.filters.set_choices(rows, schools)
        if getattr(self, "_follow_school", False):
            self._follow_school = False
            self.filters.blockSignals(True)
            self.filters.choose_school(self.school_id)
            self.filters.blockSignals(False)
        self.model.filter = self.filters.current()
        self.model.set_rows(rows)
        self._entry_chosen(self.table.currentIndex())
        self._show_count()

    def _filter(self) -> None:
        self.model.apply(self.filters.current())
        self._entry_chosen(self.table.currentIndex())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.rows)
        self.count_label.setText(
            self.tr("%1 von %2 Einträgen")
            .replace("%1", f"{shown:,}".replace(",", "."))
            .replace("%2", f"{total:,}".replace(",", "."))
        )
        self.export_button.setEnabled(shown > 0)

    def _to_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _entry_chosen(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = self.model.data(index, ROW_ROLE) if index.isValid() else None
        self.details.show_entry(row)
        self.only_record.setEnabled(row is not None and row.entity_id is not None)
        self.open_record.setEnabled(row is not None and self._target(row) is not None)
        if row is None:
            self.detail_label.setText(self.tr("Einen Eintrag wählen, um seine Werte zu sehen."))
            return
        moment = row.occurred_at.astimezone()
        parts = [
            f"Eintrag {row.id}",
            f"{moment:%d.%m.%Y %H:%M:%S}",
            row.actor,
            row.record,
            action_label(row.action),
        ]
        if row.school_name:
            parts.insert(3, row.school_name)
        self.detail_label.setText(" · ".join(parts))
        self.detail_table.resizeRowsToContents()

    def _only_this_record(self) -> None:
        row = self.model.data(self.table.currentIndex(), ROW_ROLE)
        if row is not None and row.entity_id is not None:
            self.filters.set_record((row.entity_type, row.entity_id), row.record)

    @staticmethod
    def _target(row):
        return record_target(row.entity_type, row.entity_id, row.action)

    def open_current_record(self) -> None:
        """Show the record of the chosen entry where it is edited (its school, its page)."""
        row = self.model.data(self.table.currentIndex(), ROW_ROLE)
        target = self._target(row) if row is not None else None
        if target is not None:
            self.signals.open_requested.emit(target, row.school_id)

    # --- export and verification ---------------------------------------------------------

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Änderungsprotokoll exportieren"),
            "Aenderungsprotokoll.xlsx",
            self.tr("Excel-Arbeitsmappe (*.xlsx);;CSV-Datei (*.csv)"),
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from dpo_desk.services.audit.export import export_log

        rows = self.model.shown()
        written = self.operations.run(lambda: export_log(rows, path), parent=self)
        if written is not None:
            self.signals.status_message.emit(
                self.tr("%1 Einträge exportiert nach %2")
                .replace("%1", str(len(rows)))
                .replace("%2", str(written))
            )

    def verify(self) -> None:
        from dpo_desk.services.audit.chain import verify_log

        self.operations.start(
            no_progress(lambda: verify_log(self.ctx)),
            parent=self,
            label=self.tr("Protokoll wird geprüft …"),
            cancellable=False,
            on_done=self._verified,
        )

    def _verified(self, result) -> None:
        line, problems = result
        if problems:
            box = QMessageBox(
                QMessageBox.Warning,
                self.tr("Protokoll verändert"),
                "\n".join(problems),
                QMessageBox.Ok,
                self,
            )
            box.setObjectName("auditChainBroken")
            box.setTextFormat(Qt.PlainText)
            box.open()
            self.chain_message = box
        else:
            self.chain_message = message(
                self, self.tr("Protokoll unverändert"), line, "auditChainIntact"
            )
