"""Import wizard, steps 3 and 4: what will happen (with every problem), then the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from dpo_desk.core.validation import Problem
from dpo_desk.services.roster import importing as roster_import
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.operations import Job, no_progress

if TYPE_CHECKING:
    from dpo_desk.ui.roster.import_wizard import RosterImportWizard


def _text_box(name: str, accessible: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setReadOnly(True)
    return box


class PreviewPage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.task: Job | None = None
        self._passed = False
        self.setTitle(self.tr("Vorschau"))
        self.setSubTitle(self.tr("Noch ist nichts gespeichert. So würde die Liste übernommen:"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.CommitButton, self.tr("&Importieren"))
        layout = QVBoxLayout(self)
        self.summary = _text_box("importSummary", self.tr("Zusammenfassung"))
        self.problems = _text_box("importProblems", self.tr("Fehler in der Datei"))
        self.problems.setStyleSheet("color: #a40000;")
        self.valid_only = QCheckBox(self.tr("&Nur die fehlerfreien Zeilen importieren"))
        self.valid_only.setObjectName("validRowsOnly")
        self.valid_only.setAccessibleName(self.tr("Nur fehlerfreie Zeilen importieren"))
        self.valid_only.toggled.connect(lambda _checked: self.completeChanged.emit())
        self.mark_leavers = QCheckBox(self.tr("&Abgänge markieren, abgegangen am:"))
        self.mark_leavers.setObjectName("markLeavers")
        self.mark_leavers.setAccessibleName(self.tr("Abgänge markieren"))
        self.leaving_date = DateField(
            "leavingDate", self.tr("Abgangsdatum"), today=wizard.ctx.clock.today
        )
        self.leavers = QListWidget()
        self.leavers.setObjectName("leaversList")
        self.leavers.setAccessibleName(self.tr("Nicht mehr in der Liste"))
        self.mark_leavers.toggled.connect(self.leaving_date.setEnabled)
        self.mark_leavers.toggled.connect(self.leavers.setEnabled)
        self.error = QLabel()
        self.error.setObjectName("applyError")
        self.error.setWordWrap(True)
        self.notices = QLabel()
        self.notices.setObjectName("importNotices")
        self.notices.setAccessibleName(self.tr("Hinweise zur Datei"))
        self.notices.setTextFormat(Qt.PlainText)
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet("color: #8a4b00; font-weight: bold;")
        layout.addWidget(self.notices)
        layout.addWidget(self.summary, 2)
        self.problems_label = QLabel(self.tr("Fehler (Zeile, Spalte):"))
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.valid_only)
        self.leavers_label = QLabel(
            self.tr("Nicht mehr in der Liste (werden nie gelöscht, nur als abgegangen markiert):")
        )
        layout.addWidget(self.leavers_label)
        row = QHBoxLayout()
        row.addWidget(self.mark_leavers)
        row.addWidget(self.leaving_date)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.leavers, 1)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        preview = self.owner.preview
        assert preview is not None
        lines = roster_import.summary_lines(preview)
        self.summary.setPlainText("\n".join(lines))
        self.notices.setText("\n".join(preview.notices))
        self.notices.setVisible(bool(preview.notices))
        has_problems = bool(preview.problems)
        self.problems.setPlainText("\n".join(p.text for p in preview.problems))
        for widget in (self.problems, self.problems_label, self.valid_only):
            widget.setVisible(has_problems)
        self.valid_only.setChecked(False)
        self.leavers.clear()
        for leaver in preview.leavers:
            item = QListWidgetItem(f"{leaver.name} ({leaver.class_name or '–'})")
            item.setData(Qt.UserRole, leaver.student_id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.leavers.addItem(item)
        for widget in (self.leavers, self.leavers_label, self.mark_leavers, self.leaving_date):
            widget.setVisible(bool(preview.leavers))
        day = preview.default_leaving_date
        self.leaving_date.set_date(day)
        self.mark_leavers.setChecked(preview.year_change)
        self.leaving_date.setEnabled(preview.year_change)
        self.leavers.setEnabled(preview.year_change)
        self.error.setText(
            self.tr(
                "Die Datei hat Fehler. Bitte korrigieren und neu importieren, oder nur die "
                "fehlerfreien Zeilen übernehmen."
            )
            if has_problems
            else ""
        )

    def isComplete(self) -> bool:
        preview = self.owner.preview
        if preview is None:
            return False
        return not preview.problems or self.valid_only.isChecked()

    def chosen_leavers(self) -> set[int]:
        return {
            self.leavers.item(i).data(Qt.UserRole)
            for i in range(self.leavers.count())
            if self.leavers.item(i).checkState() == Qt.Checked
        }

    def validatePage(self) -> bool:
        if self._passed:
            return True
        if self.task is not None and self.task.running:
            return False
        preview = self.owner.preview
        assert preview is not None
        left_on = None
        marking = self.mark_leavers.isChecked() and bool(preview.leavers)
        if marking:
            problem = self.leaving_date.problem()
            if problem is not None:  # refused before anything is written
                self.error.setText(self.tr("Abgangsdatum: %1").replace("%1", problem))
                self.leaving_date.setFocus()
                return False
            left_on = self.leaving_date.date()
        ids = self.chosen_leavers()
        ctx, valid_only = self.owner.ctx, self.valid_only.isChecked()

        def done(result: roster_import.ImportResult) -> None:
            self.owner.import_result = result
            self._passed = True
            self.owner.next()
            self._passed = False

        def show_problems(problems: list[Problem]) -> None:
            text = "\n".join(p.message for p in problems[:20])
            if any(p.field == "" for p in problems):  # the backup before the import failed
                text += "\n" + self.tr("Es wurde nichts importiert.")
            self.error.setText(text)

        self.task = self.owner.operations.start(
            no_progress(
                lambda: roster_import.apply_import(
                    ctx,
                    preview,
                    valid_rows_only=valid_only,
                    leavers_left_on=left_on,
                    leaver_ids=ids,
                    backup_first=True,
                )
            ),
            parent=self,
            label=self.tr("Liste wird gespeichert …"),
            on_done=done,
            errors=show_problems,
            cancellable=False,
        )
        return False


class ResultPage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Import abgeschlossen"))
        layout = QVBoxLayout(self)
        self.result_text = _text_box("importResult", self.tr("Ergebnis"))
        layout.addWidget(self.result_text)

    def initializePage(self) -> None:
        result = self.owner.import_result
        if result is None:
            return
        lines = [
            self.tr("Gespeichert: %1 neu, %2 geändert, %3 unverändert, %4 als abgegangen.")
            .replace("%1", str(result.created))
            .replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged))
            .replace("%4", str(result.marked_left))
        ]
        if result.left_out:
            lines.append(self.tr("Ausgelassen wegen Fehlern (bitte nachtragen):"))
            by_line = {}
            for problem in result.problems:
                by_line.setdefault(problem.line, []).append(problem.text)
            for row in result.left_out:
                name = row.display_name or self.tr("(ohne Namen)")
                lines.append(f"  Zeile {row.line}: {name}")
                lines += [f"    {text}" for text in by_line.get(row.line, [])]
        self.result_text.setPlainText("\n".join(lines))
