"""Archiv importieren: the preview of a checked archive against the chosen target (a new
school or an existing one), record by record (neu / unverändert / geändert / Konflikt), a
choice per changed or conflicting record (behalten / ersetzen / beide behalten), then the
import in one transaction. If the school changed since the preview, the preview is made
again and shown; nothing is written until the user imports again."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from dpo_desk.services.exchange.apply import ImportResult, PreviewOutdated, apply_import
from dpo_desk.services.exchange.archive import Archive
from dpo_desk.services.exchange.kinds.base import BOTH, KEEP, REPLACE
from dpo_desk.services.exchange.preview import (
    CHOICE_LABELS,
    IDENTICAL,
    NEW,
    STATUS_LABELS,
    ImportPreview,
    preview_import,
)
from dpo_desk.services.schools import list_schools
from dpo_desk.ui.common.wheel import guard_wheel
from dpo_desk.ui.signals import AppSignals

DECIDABLE = frozenset(STATUS_LABELS) - {NEW, IDENTICAL}


def _apply(ctx, archive: Archive, preview: ImportPreview, choices: Mapping[str, str]):
    """The import, or the fresh preview when the school changed since (nothing written)."""
    try:
        return apply_import(ctx, archive, preview, choices)
    except PreviewOutdated as outdated:
        return outdated


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    return label


class ImportDialog(QDialog):
    def __init__(
        self, ctx, signals: AppSignals, archive: Archive, parent=None, target: int | None = None
    ) -> None:
        """``target``: the school to import into (else the one with the archive's school
        number, else a new school)."""
        super().__init__(parent)
        self.ctx, self.signals, self.archive = ctx, signals, archive
        self.preview: ImportPreview | None = None
        self.choices: dict[str, str] = {}
        self.result_value: ImportResult | None = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Archiv importieren"))
        self.setAccessibleName(self.windowTitle())

        self.target = QComboBox()

        guard_wheel(self.target)
        self.target.setObjectName("importTarget")
        self.target.setAccessibleName(self.tr("Importieren in"))
        if archive.from_file:  # a copy from a school or the library goes into a school
            self.target.addItem(
                self.tr("eine neue Schule „%1“").replace("%1", archive.school["name"])
            )
        for school in list_schools(ctx):
            self.target.addItem(school.name, school.id)
            same = school.school_number == archive.school.get("school_number")
            if school.id == target or (target is None and same):
                self.target.setCurrentIndex(self.target.count() - 1)
        self.target.currentIndexChanged.connect(self.refresh)
        form = QFormLayout()
        form.addRow(self.tr("Archiv:"), _plain_label(archive.label))
        form.addRow(self.tr("Importieren i&n:"), self.target)
        self.summary = _plain_label()
        self.summary.setObjectName("importSummary")
        self.table = self._build_table()
        self.message = _plain_label()
        self.message.setObjectName("importMessage")

        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(self.tr("Für die markierten Zeilen:")))
        self.choice_buttons: dict[str, QPushButton] = {}
        for choice, text in (
            (KEEP, self.tr("&Behalten")),
            (REPLACE, self.tr("E&rsetzen")),
            (BOTH, self.tr("Beide be&halten")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"importChoice_{choice}")
            button.setAccessibleName(CHOICE_LABELS[choice])
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            choice_row.addWidget(button)
            self.choice_buttons[choice] = button
        choice_row.addStretch(1)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("&Importieren"))
        self.import_button.setObjectName("importConfirm")
        self.import_button.setAccessibleName(self.tr("Importieren"))
        self.import_button.setAutoDefault(False)
        buttons.addButton(self.import_button, QDialogButtonBox.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.Cancel)
        self.close_button.setText(self.tr("Abbrechen"))
        self.close_button.setObjectName("importClose")
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(choice_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.refresh()

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, 4)
        table.setObjectName("importRecords")
        table.setAccessibleName(self.tr("Datensätze des Archivs"))
        table.setHorizontalHeaderLabels(
            [self.tr("Art"), self.tr("Datensatz"), self.tr("Stand"), self.tr("Entscheidung")]
        )
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        return table

    def target_school(self) -> int | None:
        return self.target.currentData()

    def refresh(self) -> None:
        """Make the preview for the chosen target (choices made before are forgotten)."""
        school_id = self.target_school()
        preview = self.signals.operations.run(
            lambda: preview_import(self.ctx, self.archive, school_id), parent=self
        )
        if preview is not None:
            self.show_preview(preview)

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.choices = {r.key: r.default for r in preview.records if r.status in DECIDABLE}
        counts = preview.counts()
        self.summary.setText(
            self.tr("Im Archiv: %1. Unveränderte Datensätze sind nicht aufgeführt.").replace(
                "%1", ", ".join(f"{n} {STATUS_LABELS[s]}" for s, n in counts.items())
            )
        )
        shown = [r for r in preview.records if r.status != IDENTICAL]
        # Conflicts first: they need a decision.
        shown.sort(key=lambda r: (r.status != "conflict", r.status != "changed"))
        self.rows = shown
        self.table.setRowCount(len(shown))
        for row, record in enumerate(shown):
            for column, text in enumerate(
                (record.kind_label, record.label, STATUS_LABELS[record.status], "")
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self._show_choice(row)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)

    def _show_choice(self, row: int) -> None:
        record = self.rows[row]
        if record.status == NEW:
            text = self.tr("wird angelegt")
        else:
            text = CHOICE_LABELS[self.choices[record.key]]
        self.table.item(row, 3).setText(text)

    def choose(self, choice: str) -> None:
        """Set ``choice`` for the selected changed or conflicting records that allow it."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        refused = []
        for row in rows:
            record = self.rows[row]
            if record.status not in DECIDABLE:
                continue
            if choice not in record.choices:
                refused.append(record.label)
                continue
            self.choices[record.key] = choice
            self._show_choice(row)
        self.message.setText(
            self.tr("„%1“ ist hier nicht möglich für: %2")
            .replace("%1", CHOICE_LABELS[choice])
            .replace("%2", "; ".join(refused[:5]) + (" …" if len(refused) > 5 else ""))
            if refused
            else ""
        )

    def run_import(self) -> None:
        if self.preview is None:
            return
        preview, choices = self.preview, dict(self.choices)
        outcome = self.signals.operations.run(
            lambda: _apply(self.ctx, self.archive, preview, choices), parent=self
        )
        if outcome is None:
            return
        if isinstance(outcome, PreviewOutdated):
            self.show_preview(outcome.preview)
            self.message.setText(str(outcome))
            return
        self.result_value = outcome
        self.message.setText("\n".join(outcome.lines()))
        self.signals.status_message.emit(outcome.lines()[0])
        self.import_button.setEnabled(False)
        self.target.setEnabled(False)
        for button in self.choice_buttons.values():
            button.setEnabled(False)
        self.close_button.setText(self.tr("Schließen"))
