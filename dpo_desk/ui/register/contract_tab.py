"""The contract tab of the processor form: status, date, version, term and end of the AVV,
its review, the objection period for new sub-processors, the "EU/EEA only" clause, Art. 9
data, the contract file, and the Art. 28(3) checklist with a note per point."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.values import (
    ART28_POINTS,
    CONTRACT_STATUSES,
    ChecklistPoint,
    ProcessorData,
)
from dpo_desk.services.register import contracts
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.fields import choice, plain_label, scrolled

NO_OBJECTION_PERIOD = -1


class ContractTab(QWidget):
    """The contract part of a processor; ``dialog`` is the ProcessorDialog it belongs to."""

    def __init__(self, dialog, d: ProcessorData) -> None:
        super().__init__()
        self.dialog = dialog
        today = dialog.ctx.clock.today
        page, layout = QWidget(), QVBoxLayout()
        form = QFormLayout()
        self.status = choice(
            "processor_contract_status", "Vertragsstatus", CONTRACT_STATUSES, d.contract_status
        )
        form.addRow(self.tr("Vertragssta&tus:"), self.status)
        self.contract_date = DateField(
            "processor_contract_date",
            self.tr("Vertragsdatum"),
            today=today,
            optional=True,
            value=d.contract_date,
            field="contract_date",
        )
        form.addRow(self.tr("Ve&rtragsdatum:"), self.contract_date)
        self.version = QLineEdit(d.contract_version)
        self.version.setObjectName("processor_contract_version")
        self.version.setAccessibleName(self.tr("Vertragsfassung"))
        self.version.setPlaceholderText(self.tr("z. B. AVV Schulen, Fassung 4.1"))
        form.addRow(self.tr("Fassun&g:"), self.version)
        self.term = QLineEdit(d.contract_term)
        self.term.setObjectName("processor_contract_term")
        self.term.setAccessibleName(self.tr("Laufzeit und Kündigung"))
        self.term.setPlaceholderText(self.tr("z. B. unbefristet, drei Monate Kündigungsfrist"))
        form.addRow(self.tr("&Laufzeit:"), self.term)
        self.end = DateField(
            "processor_contract_end",
            self.tr("Vertragsende"),
            today=today,
            past=False,
            optional=True,
            value=d.contract_end,
            field="contract_end",
        )
        form.addRow(self.tr("Vertrags&ende:"), self.end)
        self.review = DateField(
            "processor_contract_review",
            self.tr("Nächste Überprüfung"),
            today=today,
            past=False,
            optional=True,
            value=d.contract_review,
            field="contract_review",
        )
        form.addRow(self.tr("Nächste &Überprüfung:"), self.review)
        self.objection = QSpinBox()
        self.objection.setObjectName("processor_objection_days")
        self.objection.setAccessibleName(self.tr("Einspruchsfrist in Tagen"))
        self.objection.setRange(NO_OBJECTION_PERIOD, 365)
        self.objection.setSpecialValueText(self.tr("nicht geregelt"))
        self.objection.setSuffix(self.tr(" Tage"))
        self.objection.setValue(
            d.objection_days if d.objection_days is not None else NO_OBJECTION_PERIOD
        )
        form.addRow(self.tr("Einspruchsfrist (neue Unterauftragnehmer):"), self.objection)
        self.eu_only = QCheckBox(self.tr("Vertrag: Verarbeitung nur in der EU/im EWR"))
        self.eu_only.setObjectName("processor_eu_only")
        self.eu_only.setChecked(d.eu_only)
        form.addRow("", self.eu_only)
        self.special = QCheckBox(self.tr("Verarbeitet besondere Kategorien (Art. 9)"))
        self.special.setObjectName("processor_special_categories")
        self.special.setChecked(d.special_categories)
        form.addRow("", self.special)
        self.file_label = plain_label(dialog.file_name or self.tr("keine Datei"))
        self.file_label.setObjectName("processorContractFile")
        attach = QPushButton(self.tr("Datei &anhängen …"))
        attach.setObjectName("attachContractButton")
        attach.setAccessibleName(self.tr("Vertragsdatei anhängen"))
        attach.clicked.connect(self._choose_file)
        self.attach_button = attach
        self.open_button = QPushButton(self.tr("&Öffnen"))
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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(page))
        self.update_file_buttons()

    def fill(self, values: dict) -> None:
        """Add this tab's values to the processor's values."""
        objection = self.objection.value()
        values.update(
            contract_status=self.status.currentData(),
            contract_date=self.contract_date.value(),
            contract_version=self.version.text(),
            contract_term=self.term.text(),
            contract_end=self.end.value(),
            contract_review=self.review.value(),
            objection_days=None if objection == NO_OBJECTION_PERIOD else objection,
            eu_only=self.eu_only.isChecked(),
            special_categories=self.special.isChecked(),
            checklist={
                p: ChecklistPoint(box.isChecked(), note.text())
                for p, (box, note) in self.checks.items()
            },
        )

    def widget_for(self, field: str) -> QWidget | None:
        return {
            "contract_status": self.status,
            "contract_date": self.contract_date,
            "contract_review": self.review,
            "contract_end": self.end,
            "contract_file": self.attach_button,  # "file missing": attaching fixes it
            "contract_version": self.version,
            "objection_days": self.objection,
            "eu_only": self.eu_only,
            "special_categories": self.special,
            "checklist": self.checks["a"][0],
        }.get(field)

    # --- contract file ----------------------------------------------------------------

    def update_file_buttons(self) -> None:
        self.open_button.setEnabled(bool(self.dialog.file_name or self.dialog.pending_contract))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Vertragsdatei wählen"))
        if path:
            self.dialog.attach(Path(path))

    def open_contract(self) -> None:
        if self.dialog.pending_contract is not None:  # chosen, not yet saved: the file itself
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.dialog.pending_contract)))
            return
        if self.dialog.processor_id is None:
            return
        path = contracts.contract_copy(self.dialog.ctx, self.dialog.processor_id)
        if path is None:
            self.dialog.error.setText(
                self.tr(
                    "Die Vertragsdatei fehlt (sie lag bei einer älteren Version außerhalb "
                    "der Datenbank). Bitte erneut anhängen."
                )
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
