"""One processor: company, contract (AVV) with its file, the Art. 28(3) checklist,
sub-processors, and the data it processes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.countries import COUNTRIES
from dpo_desk.core.register.values import (
    ART28_POINTS,
    CONTRACT_STATUSES,
    SAFEGUARDS,
    ChecklistPoint,
    ProcessorData,
    SubProcessorData,
)
from dpo_desk.core.validation import Problem
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import contracts, processors
from dpo_desk.ui.common.date_field import DateField, check_dates
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.screen import fit_to_screen, scrolled
from dpo_desk.ui.common.text import plain_label
from dpo_desk.ui.register.grids import EditableGrid, parse_field
from dpo_desk.ui.signals import AppSignals

SAFEGUARD_CHOICES = {"": "keine / nicht nötig", **SAFEGUARDS}
COUNTRY_CHOICES = {code: f"{name} ({code})" for code, name in COUNTRIES.items()}
TEXT_FIELDS = (
    ("name", "Fir&ma:"),
    ("street", "Straße:"),
    ("postcode", "PLZ:"),
    ("town", "Ort:"),
    ("contact_name", "Ansprechpartner:"),
    ("contact_email", "E-Mail Ansprechpartner:"),
    ("contact_phone", "Telefon:"),
    ("dpo_name", "Datenschutzbeauftragte/r:"),
    ("dpo_email", "E-Mail der/des DSB:"),
)
FIELD_TABS = {"contract_status": 1, "contract_date": 1, "contract_review": 1, "checklist": 1}


def _combo(name: str, accessible: str, choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for code, label in choices.items():
        combo.addItem(label, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _date_field(name: str, label: str, value: date | None, ctx: ServiceContext, past: bool):
    """An optional date: empty means not known (yet)."""
    field = DateField(name, label, today=ctx.clock.today, past=past, optional=True)
    field.set_placeholder("TT.MM.JJJJ (leer: offen)")
    field.set_date(value)
    return field


class ProcessorDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        processor_id: int | None = None,
        school_id: int | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals = ctx, signals
        self.operations = signals.operations
        self.processor_id, self.school_id = processor_id, school_id
        self.row_version: int | None = None
        self.setObjectName("processorDialog")
        self.setAccessibleName(self.tr("Auftragsverarbeiter"))
        self.setWindowTitle(self.tr("Auftragsverarbeiter"))
        fit_to_screen(self, 780, 600)
        self.file_name = ""
        self.pending_file: Path | None = None
        self.used_by: tuple[tuple[int, str], ...] = ()
        self.fields: dict[str, QLineEdit] = {}
        self.tabs = QTabWidget()
        self.error = error_label("processorError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("saveProcessorButton")
        self.save_button.setAccessibleName(self.tr("Speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        """Show the stored processor (empty fields for a new one) in fresh tabs."""
        data = ProcessorData()
        if self.processor_id is not None:
            detail = processors.get_processor(self.ctx, self.processor_id)
            data, self.file_name, self.school_id = (
                detail.data,
                detail.contract_file_name,
                detail.school_id,
            )
            self.used_by, self.row_version = detail.used_by, detail.row_version
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.fields.clear()
        for page, title in (
            (self._company(data), self.tr("&Firma")),
            (self._contract(data), self.tr("&Vertrag")),
            (self._subs(data), self.tr("&Unterauftragnehmer")),
            (self._data(data), self.tr("&Daten")),
        ):
            self.tabs.addTab(scrolled(page), title)
        self.tabs.setCurrentIndex(max(0, current))
        self.error.clear()
        self.saved_values = self.values()
        self.fields["name"].setFocus()

    def reload(self) -> None:
        """Show what is stored now (after someone else saved the processor)."""
        self._fill()

    def unsaved_work(self) -> str | None:
        changed = self.values() != self.saved_values or self.pending_file is not None
        if self.isVisible() and changed:
            name = self.fields["name"].text() or self.tr("neuer Auftragsverarbeiter")
            return self.tr("Auftragsverarbeiter „%1“").replace("%1", name)
        return None

    def _company(self, d: ProcessorData) -> QWidget:
        page, form = QWidget(), QFormLayout()
        for key, label in TEXT_FIELDS:
            edit = QLineEdit(getattr(d, key))
            edit.setObjectName(f"processor_{key}")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.fields[key] = edit
            form.addRow(self.tr(label), edit)
        self.country = _combo("processor_country", "Land", COUNTRY_CHOICES, d.country)
        form.addRow(self.tr("&Land:"), self.country)
        self.safeguard = _combo("processor_safeguard", "Garantie", SAFEGUARD_CHOICES, d.safeguard)
        form.addRow(self.tr("Garantie (bei Sitz im Drittland):"), self.safeguard)
        used = plain_label(
            ", ".join(name for _, name in self.used_by) or self.tr("noch von keinem Eintrag"),
            "processorUsedBy",
            wrap=True,
        )
        form.addRow(self.tr("Verwendet von:"), used)
        page.setLayout(form)
        return page

    def _contract(self, d: ProcessorData) -> QWidget:
        page, layout = QWidget(), QVBoxLayout()
        form = QFormLayout()
        self.status = _combo(
            "processor_contract_status", "Vertragsstatus", CONTRACT_STATUSES, d.contract_status
        )
        form.addRow(self.tr("Ve&rtragsstatus:"), self.status)
        self.contract_date = _date_field(
            "processor_contract_date", "Vertragsdatum", d.contract_date, self.ctx, past=True
        )
        self.contract_review = _date_field(
            "processor_contract_review",
            "Nächste Überprüfung",
            d.contract_review,
            self.ctx,
            past=False,
        )
        form.addRow(self.tr("Vertragsda&tum:"), self.contract_date)
        form.addRow(self.tr("Nächste &Überprüfung:"), self.contract_review)
        self.file_label = plain_label(
            self.file_name or self.tr("keine Datei"), "processorContractFile", wrap=True
        )
        attach = QPushButton(self.tr("Datei &anhängen …"))
        attach.setObjectName("attachContractButton")
        attach.setAccessibleName(self.tr("Vertragsdatei anhängen"))
        attach.clicked.connect(self._choose_file)
        self.open_button = QPushButton(self.tr("Öffne&n"))
        self.open_button.setObjectName("openContractButton")
        self.open_button.setAccessibleName(self.tr("Vertragsdatei öffnen"))
        self.open_button.clicked.connect(self.open_contract)
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(attach)
        row.addWidget(self.open_button)
        form.addRow(self.tr("Vertragsdatei:"), row)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("<b>Prüfliste Art. 28 Abs. 3 DSGVO</b>")))
        grid = QGridLayout()
        self.checks: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        for row_index, (point, text) in enumerate(ART28_POINTS.items()):
            current = d.checklist.get(point, ChecklistPoint())
            box = QCheckBox(f"{point}) {text}")
            box.setObjectName(f"processor_check_{point}")
            box.setChecked(current.fulfilled)
            note = QLineEdit(current.note)
            note.setObjectName(f"processor_check_note_{point}")
            note.setAccessibleName(f"Notiz zu Punkt {point}")
            note.setPlaceholderText(self.tr("Fundstelle im Vertrag, Hinweis"))
            grid.addWidget(box, row_index, 0)
            grid.addWidget(note, row_index, 1)
            self.checks[point] = (box, note)
        layout.addLayout(grid)
        layout.addStretch(1)
        page.setLayout(layout)
        self._update_file_buttons()
        return page

    def _subs(self, d: ProcessorData) -> QWidget:
        self.subs = EditableGrid(
            "processor_sub_processors",
            "Unterauftragnehmer",
            [
                ("Name", "text"),
                ("Land", COUNTRY_CHOICES),
                ("Leistung", "text"),
                ("Garantie", SAFEGUARD_CHOICES),
            ],
        )
        self.subs.set_rows([(s.name, s.country, s.service, s.safeguard) for s in d.sub_processors])
        return self.subs

    def _data(self, d: ProcessorData) -> QWidget:
        page, layout = QWidget(), QVBoxLayout()
        self.categories = QPlainTextEdit("\n".join(d.data_categories))
        self.categories.setObjectName("processor_data_categories")
        self.categories.setAccessibleName("Datenkategorien")
        self.categories.setTabChangesFocus(True)
        self.subjects = QPlainTextEdit("\n".join(d.data_subjects))
        self.subjects.setObjectName("processor_data_subjects")
        self.subjects.setAccessibleName("Betroffene")
        self.subjects.setTabChangesFocus(True)
        self.notes = QPlainTextEdit(d.notes)
        self.notes.setObjectName("processor_notes")
        self.notes.setTabChangesFocus(True)
        for label, widget in (
            (self.tr("Datenkategorien (eine je Zeile):"), self.categories),
            (self.tr("Betroffene Personen (eine Gruppe je Zeile):"), self.subjects),
            (self.tr("Notizen:"), self.notes),
        ):
            layout.addWidget(QLabel(label))
            layout.addWidget(widget)
        page.setLayout(layout)
        return page

    def values(self) -> ProcessorData:
        return ProcessorData(
            **{key: edit.text() for key, edit in self.fields.items()},
            country=self.country.currentData(),
            safeguard=self.safeguard.currentData(),
            contract_status=self.status.currentData(),
            contract_date=self.contract_date.date(),
            contract_review=self.contract_review.date(),
            checklist={
                p: ChecklistPoint(box.isChecked(), note.text())
                for p, (box, note) in self.checks.items()
            },
            sub_processors=[
                SubProcessorData(str(n), str(c), str(s), str(g))
                for n, c, s, g in self.subs.values()
            ],
            data_categories=self.categories.toPlainText().splitlines(),
            data_subjects=self.subjects.toPlainText().splitlines(),
            notes=self.notes.toPlainText(),
        )

    def focus_field(self, field: str) -> None:
        base, row, sub = parse_field(field)
        if base == "sub_processors":
            self.tabs.setCurrentIndex(2)
            self.subs.focus_cell(row, 3 if sub == "safeguard" else 0)
            return
        self.tabs.setCurrentIndex(FIELD_TABS.get(base, 0))
        widget = (
            {
                "contract_status": self.status,
                "contract_date": self.contract_date,
                "contract_review": self.contract_review,
                "safeguard": self.safeguard,
                "country": self.country,
            }.get(base)
            or self.fields.get(base)
            or self.fields["name"]
        )
        widget.setFocus()

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        if problems:
            self.focus_field(problems[0].field)

    def save(self) -> bool:
        values, processor_id, version = self.values(), self.processor_id, self.row_version
        school_id = self.school_id
        dates = (self.contract_date, self.contract_review)

        def store() -> processors.ProcessorDetail:
            check_dates(*dates)  # a typed date that is none is refused first
            if processor_id is None:
                return processors.create_processor(self.ctx, school_id, values)
            return processors.update_processor(self.ctx, processor_id, values, version)

        saved = self.operations.save(
            store,
            editor=self,
            existing=processor_id is not None,
            errors=self._show_problems,
        )
        if saved is None:
            return False
        self.processor_id, self.row_version = saved.id, saved.row_version
        self.saved_values = values
        if not self._store_pending_file(saved.id):
            return False
        self.signals.status_message.emit(self.tr("Auftragsverarbeiter gespeichert."))
        self.accept()
        return True

    # --- contract file ----------------------------------------------------------------

    def _update_file_buttons(self) -> None:
        self.open_button.setEnabled(bool(self.file_name) or self.pending_file is not None)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Vertragsdatei wählen"))
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        """Choose the signed contract: checked now, stored with "Speichern" ("Abbrechen"
        keeps the file the processor had)."""
        checked = self.operations.run(
            lambda: contracts.check_contract_file(path), parent=self, errors=self.error
        )
        if checked is None:
            return False
        self.pending_file = checked
        self.file_label.setText(
            self.tr("%1 (wird mit „Speichern“ übernommen)").replace("%1", checked.name)
        )
        self.error.clear()
        self._update_file_buttons()
        return True

    def _store_pending_file(self, processor_id: int) -> bool:
        """After the processor was saved: store the chosen contract file in the database."""
        pending = self.pending_file
        if pending is None:
            return True
        detail = self.operations.run(
            lambda: contracts.attach_contract(self.ctx, processor_id, pending),
            parent=self,
            initiator=self,
            errors=lambda problems: self.error.setText(
                "\n".join(
                    [self.tr("Gespeichert, nur die Vertragsdatei nicht:")]
                    + [p.message for p in problems]
                )
            ),
            on_gone=self.reject,
        )
        if detail is None:
            return False
        self.pending_file = None
        self.file_name = detail.contract_file_name
        self.row_version = detail.row_version
        self.file_label.setText(self.file_name)
        self._update_file_buttons()
        return True

    def open_contract(self) -> None:
        if self.pending_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pending_file)))
            return
        if self.processor_id is None:
            return
        path = contracts.contract_copy(self.ctx, self.processor_id)
        if path is None:
            self.error.setText(
                self.tr(
                    "Die Vertragsdatei fehlt (sie lag bei einer älteren Version außerhalb "
                    "der Datenbank). Bitte erneut anhängen."
                )
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
