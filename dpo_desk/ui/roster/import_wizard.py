"""Import wizard, steps 1 and 2: choose the file and school year, then map the columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dpo_desk.core.roster import parse_school_year, school_year_of
from dpo_desk.importers.columns import FIELDS, REQUIRED_FIELDS, map_columns, mapping_problems
from dpo_desk.importers.files import RawTable
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.roster import importing as roster_import
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.screen import fit_to_screen, scrolled
from dpo_desk.ui.operations import Job, no_progress
from dpo_desk.ui.roster.import_preview import PreviewPage, ResultPage
from dpo_desk.ui.signals import AppSignals

NOT_PRESENT = "(nicht in der Datei)"


class _AsyncPage(QWizardPage):
    """A page whose "Weiter" first runs a service call in the background."""

    def __init__(self) -> None:
        super().__init__()
        self._passed = False
        self.task: Job | None = None

    def _run(self, label: str, work, on_done, cancellable: bool = True) -> None:
        def done(result: object) -> None:
            on_done(result)
            self._passed = True
            self.wizard().next()
            self._passed = False

        self.task = self.owner.operations.start(
            no_progress(work),
            parent=self,
            label=label,
            on_done=done,
            errors=self.error,
            cancellable=cancellable,
        )

    def busy(self) -> bool:
        return self.task is not None and self.task.running


class FilePage(_AsyncPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Schülerliste wählen"))
        self.setSubTitle(self.tr("Export der Schulverwaltung als CSV oder Excel-Datei (XLSX)."))
        self.path = QLineEdit()
        self.path.setObjectName("importFilePath")
        self.path.setAccessibleName(self.tr("Datei"))
        browse = QPushButton(self.tr("D&urchsuchen …"))
        browse.setObjectName("importBrowseButton")
        browse.setAccessibleName(self.tr("Datei auswählen"))
        browse.clicked.connect(self._browse)
        self.year = QLineEdit(wizard.default_year)
        self.year.setObjectName("importSchoolYear")
        self.year.setAccessibleName(self.tr("Schuljahr"))
        self.year.setPlaceholderText("2026/27")
        self.error = error_label("importFileError")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        file_label = QLabel(self.tr("&Datei:"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        form.addRow(self.tr("&Schuljahr:"), self.year)
        hint = QLabel(
            self.tr(
                "Ein späteres Schuljahr als das aktuelle beginnt den Schuljahreswechsel: "
                "Die bisherigen Klassen bleiben als Verlauf erhalten."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.error)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Schülerliste öffnen"),
            "",
            self.tr("Schülerlisten (*.csv *.txt *.xlsx);;Alle Dateien (*)"),
        )
        if name:
            self.path.setText(name)

    def validatePage(self) -> bool:
        if self._passed:
            return True
        if self.busy():
            return False
        self.error.clear()
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.tr("Bitte eine Datei wählen."))
            return False
        try:
            parse_school_year(self.year.text())
        except ValueError as exc:
            self.error.setText(str(exc))
            return False
        path = Path(text)
        self.owner.file_name = path.name
        self._run(
            self.tr("Datei wird gelesen …"),
            lambda: roster_import.read_file(path),
            self.owner.set_table,
        )
        return False


class MappingPage(_AsyncPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Spalten zuordnen"))
        self.setSubTitle(
            self.tr(
                "Welche Spalte der Datei enthält was? Erkannte Spalten sind schon gewählt. "
                "Die Zuordnung wird für diese Schule gemerkt."
            )
        )
        layout = QVBoxLayout(self)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.combos: dict[str, QComboBox] = {}
        for name, label in FIELDS.items():
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.setAccessibleName(label)
            self.combos[name] = combo
            star = " *" if name in REQUIRED_FIELDS else ""
            form.addRow(f"{label}{star}:", combo)
        layout.addWidget(scrolled(form_widget, name="mappingScroll"), 1)
        self.ignored = QLabel()
        self.ignored.setObjectName("ignoredColumns")
        self.ignored.setWordWrap(True)
        layout.addWidget(self.ignored)
        self.error = error_label("mappingError")
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        table = self.owner.table
        assert table is not None
        self.error.clear()
        columns, _ = roster_import.columns_for(
            self.owner.ctx, self.owner.school_id, table.headings, None
        )
        for name, combo in self.combos.items():
            combo.clear()
            combo.addItem(self.tr(NOT_PRESENT), None)
            for index, heading in enumerate(table.headings):
                if heading:
                    combo.addItem(heading, index)
            chosen = columns.columns.get(name)
            combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else 0)
        self._update_ignored()
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._update_ignored)

    def chosen(self) -> dict[str, int]:
        return {
            name: combo.currentData()
            for name, combo in self.combos.items()
            if combo.currentData() is not None
        }

    def _update_ignored(self) -> None:
        table = self.owner.table
        if table is None:
            return
        used = set(self.chosen().values())
        ignored = [h for i, h in enumerate(table.headings) if h and i not in used]
        self.ignored.setText(
            self.tr("Nicht übernommen (Datensparsamkeit): %1").replace(
                "%1", ", ".join(ignored) or self.tr("keine")
            )
        )

    def explicit_mapping(self) -> dict[str, str]:
        """The choices that differ from what would be recognised anyway (to remember)."""
        table = self.owner.table
        assert table is not None
        recognised = map_columns(table.headings).columns
        return {
            name: table.headings[index]
            for name, index in self.chosen().items()
            if recognised.get(name) != index
        }

    def validatePage(self) -> bool:
        if self._passed:
            return True
        if self.busy():
            return False
        problems = mapping_problems(self.chosen())
        if problems:
            self.error.setText(self.tr("Bitte zuordnen:") + " " + " ".join(problems))
            return False
        owner = self.owner
        explicit = self.explicit_mapping()
        table, year = owner.table, owner.file_page.year.text()
        self._run(
            self.tr("Liste wird geprüft …"),
            lambda: roster_import.preview_import(
                owner.ctx, owner.school_id, table, owner.file_name, year, explicit
            ),
            owner.set_preview,
        )
        return False


class RosterImportWizard(QWizard):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        parent=None,
        new_school_year: bool = False,
    ):
        """``new_school_year``: the guided year change (the next school year is proposed)."""
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.operations = signals.operations
        self.school_id = school_id
        self.setObjectName("rosterImportWizard")
        self.setAccessibleName(self.tr("Schülerliste importieren"))
        self.setWindowTitle(self.tr("Schülerliste importieren"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.BackButton, self.tr("< &Zurück")),
            (QWizard.NextButton, self.tr("&Weiter >")),
            (QWizard.CancelButton, self.tr("Abbrechen")),
            (QWizard.FinishButton, self.tr("&Fertig")),
        ):
            self.setButtonText(button, text)
        fit_to_screen(self, 760, 620)
        current = roster.school_year_of_school(ctx, school_id)
        self.default_year = current or str(school_year_of(ctx.clock.today()))
        if new_school_year and current:
            self.default_year = str(parse_school_year(current).next())
            self.setWindowTitle(self.tr("Neues Schuljahr beginnen"))
        self.file_name = ""
        self.table: RawTable | None = None
        self.preview: roster_import.ImportPreview | None = None
        self.import_result: roster_import.ImportResult | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)

    def set_table(self, table: RawTable) -> None:
        self.table = table

    def set_preview(self, preview: roster_import.ImportPreview) -> None:
        self.preview = preview
