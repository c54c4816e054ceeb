"""One processor: company and third-country safeguards, contract (AVV) with its file and the
Art. 28(3) checklist (``contract_tab``), sub-processors with approval and transfer
assessment, the data it processes, its measures (with the bulk import of a vendor's list)
and further files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.values import ProcessorData
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import contracts, processors, toms
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import choice, plain_label, scrolled, text_box
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.register.attachments_box import AttachmentsBox
from dpo_desk.ui.register.contract_tab import ContractTab
from dpo_desk.ui.register.grids import parse_field
from dpo_desk.ui.register.sub_processors import (
    COUNTRY_CHOICES,
    SAFEGUARD_CHOICES,
    sub_values,
    subs_tab,
)
from dpo_desk.ui.signals import AppSignals

TEXT_FIELDS = (
    ("name", "F&irma:"),
    ("street", "Straße:"),
    ("postcode", "PLZ:"),
    ("town", "Ort:"),
    ("contact_name", "Ansprechpartner:"),
    ("contact_email", "E-Mail Ansprechpartner:"),
    ("contact_phone", "Telefon:"),
    ("dpo_name", "Datenschutzbeauftragte/r:"),
    ("dpo_email", "E-Mail der/des DSB:"),
    ("hosting_location", "Hosting (&Ort):"),
)
CONTRACT_FIELDS = {
    "contract_status",
    "contract_date",
    "contract_review",
    "contract_end",
    "contract_file",
    "contract_version",
    "objection_days",
    "eu_only",
    "special_categories",
    "checklist",
}
SUB_COLUMNS = {"name": 0, "country": 1, "service": 2, "safeguard": 3, "approved_on": 4}
SUB_COLUMNS.update(tia_on=5, supplementary_measures=6)


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
        fit_to_screen(self, 900, 580)
        self.file_name = ""
        self.pending_contract: Path | None = None  # chosen, stored by "Speichern"
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
        self.pending_contract = None
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.fields.clear()
        self.contract = ContractTab(self, data)
        # The names the forms and tests know the contract widgets by.
        self.status, self.checks = self.contract.status, self.contract.checks
        self.open_button, self.file_label = self.contract.open_button, self.contract.file_label
        self.tabs.addTab(scrolled(self._company(data)), self.tr("&Firma"))
        self.tabs.addTab(self.contract, self.tr("&Vertrag"))
        self.tabs.addTab(subs_tab(self, data), self.tr("&Unterauftragnehmer"))
        self.tabs.addTab(scrolled(self._data(data)), self.tr("&Daten"))
        self.tabs.addTab(self._measures(), self.tr("&Maßnahmen"))
        self.attachments = AttachmentsBox(
            self.ctx, self.operations, "processor", self.processor_id, self
        )
        self.tabs.addTab(self.attachments, self.tr("An&hänge"))
        self.tabs.setCurrentIndex(max(0, current))
        self.error.clear()
        self.saved_values = self.values()
        self.fields["name"].setFocus()

    def reload(self) -> None:
        """Show what is stored now (after someone else saved the processor)."""
        self._fill()

    def unsaved_work(self) -> str | None:
        changed = (
            self._values_or_none() != self.saved_values
            or self.pending_contract
            or self.attachments.has_changes()
        )
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
        self.country = choice("processor_country", "Land", COUNTRY_CHOICES, d.country)
        form.addRow(self.tr("&Land:"), self.country)
        self.safeguard = choice("processor_safeguard", "Garantie", SAFEGUARD_CHOICES, d.safeguard)
        form.addRow(self.tr("Garantie (bei Sitz im Drittland):"), self.safeguard)
        self.supplementary = text_box(
            "processor_supplementary_measures",
            "Zusätzliche Maßnahmen für das Drittland",
            d.supplementary_measures,
            50,
        )
        form.addRow(self.tr("Zusätzliche Maßnahmen:"), self.supplementary)
        self.tia = DateField(
            "processor_tia_on",
            self.tr("Transfer-Folgenabschätzung vom"),
            today=self.ctx.clock.today,
            optional=True,
            value=d.tia_on,
            field="tia_on",
        )
        form.addRow(self.tr("Transfer-Folgenabschätzung vom:"), self.tia)
        used = plain_label(
            ", ".join(name for _, name in self.used_by) or self.tr("noch von keinem Eintrag"),
            "processorUsedBy",
        )
        form.addRow(self.tr("Verwendet von:"), used)
        page.setLayout(form)
        return page

    def _data(self, d: ProcessorData) -> QWidget:
        page, layout = QWidget(), QVBoxLayout()
        self.categories = text_box(
            "processor_data_categories", "Datenkategorien", "\n".join(d.data_categories)
        )
        self.subjects = text_box(
            "processor_data_subjects", "Betroffene", "\n".join(d.data_subjects)
        )
        self.notes = text_box("processor_notes", "Notizen", d.notes)
        for label, widget in (
            (self.tr("Datenkategorien (eine je Zeile):"), self.categories),
            (self.tr("Betroffene Personen (eine Gruppe je Zeile):"), self.subjects),
            (self.tr("Notizen:"), self.notes),
        ):
            layout.addWidget(QLabel(label))
            layout.addWidget(widget)
        page.setLayout(layout)
        return page

    def _measures(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.measure_list = QListWidget()
        self.measure_list.setObjectName("processorMeasures")
        self.measure_list.setAccessibleName(self.tr("Maßnahmen des Auftragsverarbeiters"))
        self.import_button = QPushButton(self.tr("Maßnahmenliste &importieren …"))
        self.import_button.setObjectName("importMeasuresButton")
        self.import_button.setAccessibleName(self.tr("Maßnahmenliste importieren"))
        self.import_button.clicked.connect(self.open_import)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Die TOM-Anlage des Vertrags: einfügen oder als Text, CSV oder Excel laden, "
                    "Vorschläge prüfen, speichern."
                )
            )
        )
        layout.addWidget(self.measure_list, 1)
        layout.addWidget(self.import_button)
        self.refresh_measures()
        return page

    def refresh_measures(self) -> None:
        self.measure_list.clear()
        self.import_button.setEnabled(self.processor_id is not None)
        if self.processor_id is None or self.school_id is None:
            self.measure_list.addItem(self.tr("Nach dem ersten Speichern möglich."))
            return
        for tom in toms.list_toms(self.ctx, self.school_id, self.processor_id):
            self.measure_list.addItem(f"{tom.title} – {tom.goal_label}, {tom.status_label}")

    def open_import(self) -> None:
        from dpo_desk.ui.register.tom_import_dialog import TomImportDialog

        if self.processor_id is None:
            return
        processor_id = self.processor_id
        dialog = self.operations.editors.open(
            ("tom_import", processor_id),
            lambda: TomImportDialog(self.ctx, self.signals, processor_id, self),
        )
        dialog.finished.connect(lambda _result: self.refresh_measures())
        self.import_dialog = dialog

    # --- values -----------------------------------------------------------------------

    def values(self) -> ProcessorData:
        """What the form shows; a malformed date in the sub-processor grid raises
        ValidationError naming the row."""
        values: dict = {key: edit.text() for key, edit in self.fields.items()}
        self.contract.fill(values)
        return ProcessorData(
            **values,
            country=self.country.currentData(),
            safeguard=self.safeguard.currentData(),
            supplementary_measures=self.supplementary.toPlainText(),
            tia_on=self.tia.value(),
            sub_processors=sub_values(self.subs),
            data_categories=self.categories.toPlainText().splitlines(),
            data_subjects=self.subjects.toPlainText().splitlines(),
            notes=self.notes.toPlainText(),
        )

    def _values_or_none(self) -> ProcessorData | None:
        try:
            return self.values()
        except ValidationError:
            return None

    def focus_field(self, field: str) -> None:
        base, row, sub = parse_field(field)
        if base == "sub_processors":
            self.tabs.setCurrentIndex(2)
            self.subs.focus_cell(row, SUB_COLUMNS.get(sub, 0))
            return
        if base in CONTRACT_FIELDS:
            self.tabs.setCurrentIndex(1)
            widget = self.contract.widget_for(base)
            if widget is not None:
                widget.setFocus()
            return
        if base == "used_by":
            self.tabs.setCurrentIndex(0)
            return
        self.tabs.setCurrentIndex(0)
        widget = (
            {
                "safeguard": self.safeguard,
                "country": self.country,
                "tia_on": self.tia,
                "supplementary_measures": self.supplementary,
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
        try:
            values = self.values()
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        processor_id, version, school_id = self.processor_id, self.row_version, self.school_id
        contract = self.pending_contract
        saved = self.operations.save(
            (lambda: processors.create_processor(self.ctx, school_id, values, contract))
            if processor_id is None
            else (
                lambda: processors.update_processor(
                    self.ctx, processor_id, values, version, contract
                )
            ),
            editor=self,
            existing=processor_id is not None,
            errors=self._show_problems,
        )
        if saved is None:
            return False
        self.processor_id, self.row_version = saved.id, saved.row_version
        self.file_name, self.pending_contract = saved.contract_file_name, None
        self.saved_values = values
        if not self.attachments.apply(saved.id):
            self.tabs.setCurrentWidget(self.attachments)
            return False  # the processor is saved; the message about the files is shown
        self.signals.status_message.emit(self.tr("Auftragsverarbeiter gespeichert."))
        self.accept()
        return True

    def attach(self, path: Path) -> bool:
        """Take ``path`` as the contract file: checked now, stored by "Speichern" together
        with the form ("Abbrechen" leaves the stored contract as it was)."""
        try:
            chosen = contracts.check_contract_file(path)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        self.pending_contract = chosen
        self.file_label.setText(
            self.tr("%1 (wird beim Speichern angehängt)").replace("%1", chosen.name)
        )
        self.error.clear()
        self.contract.update_file_buttons()
        return True
