"""Bulk import of a vendor's measure list into one processor: paste the TOM annex (or load a
text, CSV or XLSX file), look at the suggested protection goal, control type and status of
every line, correct what is wrong, untick what should not be saved, save all at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.tom_import import ImportLine, ImportPreview
from dpo_desk.core.register.values import CONTROL_TYPES, PROTECTION_GOALS, TOM_STATUSES
from dpo_desk.core.validation import Problem
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import tom_import
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import named_button, plain_label
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.register.grids import EditableGrid
from dpo_desk.ui.signals import AppSignals

COLUMNS = [
    ("Übernehmen", "check"),
    ("Zeile", "text"),
    ("Maßnahme", "text"),
    ("Beschreibung", "text"),
    ("Schutzziel", PROTECTION_GOALS),
    ("Kontrollart", {"": "keine Angabe", **CONTROL_TYPES}),
    ("Stand", TOM_STATUSES),
    ("Hinweis", "text"),
]


def _count(number: int, one: str, many: str) -> str:
    """ "1 leere Zeile", "2 leere Zeilen": the number with the right form."""
    return f"{number} {one if number == 1 else many}"


class TomImportDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, signals: AppSignals, processor_id: int, parent=None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.processor_id = ctx, signals, processor_id
        self.operations = signals.operations
        self.setObjectName("tomImportDialog")
        self.setAccessibleName(self.tr("Maßnahmenliste importieren"))
        self.setWindowTitle(self.tr("Maßnahmenliste importieren"))
        fit_to_screen(self, 960, 560)
        self.text = QPlainTextEdit()
        self.text.setObjectName("tomImportText")
        self.text.setAccessibleName(self.tr("Maßnahmenliste (eine Maßnahme je Zeile)"))
        self.text.setPlaceholderText(
            self.tr(
                "Die TOM-Anlage hier einfügen (Strg+V): eine Maßnahme je Zeile, "
                "„Titel: Beschreibung“ möglich. Zwischenüberschriften wie "
                "„Zugangskontrolle:“ gelten für die Zeilen darunter."
            )
        )
        self.text.setTabChangesFocus(True)
        self.preview_button = named_button(
            "tomImportPreview", self.tr("&Vorschläge anzeigen"), self.preview
        )
        self.load_button = named_button(
            "tomImportLoad", self.tr("Datei &laden …"), self.choose_file
        )
        self.grid = EditableGrid("tomImportLines", "Erkannte Maßnahmen", COLUMNS)
        header = self.grid.view.horizontalHeader()
        header.setStretchLastSection(True)
        self.summary = plain_label("", "tomImportSummary")
        self.error = error_label("tomImportError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("Ausgewählte &speichern"))
        self.save_button.setObjectName("tomImportSave")
        self.save_button.setAccessibleName(self.tr("Ausgewählte Maßnahmen speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.load_button)
        row.addStretch(1)
        top_layout.addLayout(row)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.grid)
        splitter.setSizes([160, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.shown: ImportPreview | None = None

    def unsaved_work(self) -> str | None:
        if self.isVisible() and (self.text.toPlainText().strip() or self.grid.values()):
            return self.tr("Import der Maßnahmenliste")
        return None

    def preview(self) -> None:
        processor_id, text = self.processor_id, self.text.toPlainText()
        result = self.operations.run(
            lambda: tom_import.preview_text(self.ctx, processor_id, text),
            parent=self,
            errors=self.error,
            on_gone=self.reject,
        )
        if result is not None:
            self.show_preview(result)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Maßnahmenliste laden"),
            "",
            self.tr("Listen (*.txt *.csv *.xlsx);;Alle Dateien (*)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        processor_id = self.processor_id
        result = self.operations.run(
            lambda: tom_import.preview_file(self.ctx, processor_id, path),
            parent=self,
            errors=self.error,
            on_gone=self.reject,
        )
        if result is None:
            return False
        self.show_preview(result)
        return True

    def show_preview(self, result: ImportPreview) -> None:
        self.shown = result
        self.error.clear()
        self.grid.set_rows(
            [
                (
                    line.include,
                    str(line.line),
                    line.title,
                    line.description,
                    line.protection_goal,
                    line.control_type,
                    line.status,
                    line.note,
                )
                for line in result.lines
            ]
        )
        doubles = sum(1 for line in result.lines if not line.include)
        parts = [_count(len(result.lines), "Maßnahme erkannt", "Maßnahmen erkannt")]
        if doubles:
            parts.append(
                _count(doubles, "doppelt oder schon erfasst", "doppelt oder schon erfasst")
            )
        if result.empty_lines:
            parts.append(
                _count(result.empty_lines, "leere Zeile übersprungen", "leere Zeilen übersprungen")
            )
        if result.headings:
            parts.append(_count(result.headings, "Zwischenüberschrift", "Zwischenüberschriften"))
        self.summary.setText(
            ", ".join(parts) + ". " + self.tr("Vorschläge bitte prüfen, dann speichern.")
        )
        self.grid.view.resizeColumnsToContents()
        self.grid.view.setFocus()

    def lines(self) -> list[ImportLine]:
        result = []
        for include, line, title, description, goal, control, status, note in self.grid.values():
            number = int(line) if str(line).isdigit() else 0
            result.append(
                ImportLine(
                    number,
                    str(title),
                    str(description),
                    str(goal),
                    str(control),
                    str(status),
                    str(note),
                    bool(include),
                )
            )
        return result

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems[:12]))

    def save(self) -> None:
        processor_id = self.processor_id
        measures = tom_import.lines_to_measures(self.lines(), processor_id)
        saved = self.operations.run(
            lambda: tom_import.import_measures(self.ctx, processor_id, measures),
            parent=self,
            errors=self._show_problems,
            on_gone=self.reject,
        )
        if saved is None:
            return
        self.grid.set_rows([])
        self.text.clear()
        self.signals.status_message.emit(
            self.tr("%1 Maßnahmen übernommen.").replace("%1", str(saved.count))
        )
        self.accept()
