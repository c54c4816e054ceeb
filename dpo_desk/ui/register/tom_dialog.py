"""One technical or organisational measure: the school's own or a processor's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.values import (
    CONTROL_TYPES,
    EVIDENCE_KINDS,
    PROTECTION_GOALS,
    TOM_STATUSES,
    TomData,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import toms
from dpo_desk.services.register.processors import list_processors
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import choice, scrolled
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.register.attachments_box import AttachmentsBox
from dpo_desk.ui.signals import AppSignals


class TomDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        tom: toms.TomSummary | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.operations = signals.operations
        self.tom_id = tom.id if tom is not None else None
        self.row_version = tom.row_version if tom is not None else None
        data = tom.data if tom is not None else TomData()
        self.setObjectName("tomDialog")
        self.setAccessibleName(self.tr("Maßnahme"))
        self.setWindowTitle(self.tr("Technische und organisatorische Maßnahme"))
        fit_to_screen(self, 640, 560)
        self.title = QLineEdit(data.title)
        self.title.setObjectName("tom_title")
        self.title.setAccessibleName(self.tr("Maßnahme"))
        self.description = QPlainTextEdit(data.description)
        self.description.setObjectName("tom_description")
        self.description.setAccessibleName(self.tr("Beschreibung"))
        self.description.setTabChangesFocus(True)
        self.goal = QComboBox()
        self.goal.setObjectName("tom_protection_goal")
        self.goal.setAccessibleName(self.tr("Schutzziel"))
        self.goal.addItem(self.tr("– bitte wählen –"), "")
        for code, label in PROTECTION_GOALS.items():
            self.goal.addItem(label, code)
        self.goal.setCurrentIndex(max(0, self.goal.findData(data.protection_goal)))
        self.control = QComboBox()
        self.control.setObjectName("tom_control_type")
        self.control.setAccessibleName(self.tr("Kontrollart"))
        self.control.addItem(self.tr("keine Angabe"), "")
        for code, label in CONTROL_TYPES.items():
            self.control.addItem(label, code)
        self.control.setCurrentIndex(max(0, self.control.findData(data.control_type)))
        self.owner = QComboBox()
        self.owner.setObjectName("tom_owner")
        self.owner.setAccessibleName(self.tr("Maßnahme von"))
        self.owner.addItem(self.tr("Schule"), None)
        for processor in list_processors(ctx, school_id):
            self.owner.addItem(processor.name, processor.id)
        self.owner.setCurrentIndex(max(0, self.owner.findData(data.processor_id)))
        today = ctx.clock.today
        self.status = choice("tom_status", self.tr("Stand"), TOM_STATUSES, data.status)
        self.due = DateField(
            "tom_due_on",
            self.tr("Umsetzung bis"),
            today=today,
            past=False,
            optional=True,
            value=data.due_on,
            field="due_on",
        )
        self.evidence = choice(
            "tom_evidence_kind",
            self.tr("Nachweis"),
            {"": "kein Nachweis", **EVIDENCE_KINDS},
            data.evidence_kind,
        )
        self.evidence_reference = QLineEdit(data.evidence_reference)
        self.evidence_reference.setObjectName("tom_evidence_reference")
        self.evidence_reference.setAccessibleName(self.tr("Nachweis: Bezeichnung, Aussteller"))
        self.evidence_valid = DateField(
            "tom_evidence_valid_until",
            self.tr("Nachweis gültig bis"),
            today=today,
            past=False,
            optional=True,
            value=data.evidence_valid_until,
            field="evidence_valid_until",
        )
        form = QFormLayout()
        form.addRow(self.tr("&Maßnahme:"), self.title)
        form.addRow(self.tr("&Beschreibung:"), self.description)
        form.addRow(self.tr("Schut&zziel:"), self.goal)
        form.addRow(self.tr("&Kontrollart:"), self.control)
        form.addRow(self.tr("Maßnahme &von:"), self.owner)
        form.addRow(self.tr("Stan&d:"), self.status)
        form.addRow(self.tr("Umse&tzung bis:"), self.due)
        form.addRow(self.tr("Nach&weis:"), self.evidence)
        form.addRow(self.tr("Bezeichnung des Nachweises:"), self.evidence_reference)
        form.addRow(self.tr("Nachweis gült&ig bis:"), self.evidence_valid)
        self.attachments = AttachmentsBox(ctx, self.operations, "tom", self.tom_id, self)
        self.attachments.setMinimumHeight(110)
        form.addRow(self.tr("Anhänge:"), self.attachments)
        self.error = error_label("tomError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        save = buttons.button(QDialogButtonBox.Save)
        save.setText(self.tr("&Speichern"))
        save.setObjectName("saveTomButton")
        save.setAccessibleName(self.tr("Speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        page = QWidget()
        page.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(page), 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.saved_values = self.values()

    def unsaved_work(self) -> str | None:
        try:
            changed = self.values() != self.saved_values
        except ValidationError:  # a date typed half: that is unsaved work too
            changed = True
        if self.isVisible() and (changed or self.attachments.has_changes()):
            return self.tr("Maßnahme „%1“").replace("%1", self.title.text())
        return None

    def values(self) -> TomData:
        return TomData(
            self.title.text(),
            self.description.toPlainText(),
            self.goal.currentData(),
            self.control.currentData(),
            self.owner.currentData(),
            self.status.currentData(),
            self.due.value(),
            self.evidence.currentData(),
            self.evidence_reference.text(),
            self.evidence_valid.value(),
        )

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        widget = {"due_on": self.due, "evidence_valid_until": self.evidence_valid}.get(
            problems[0].field if problems else ""
        )
        if widget is not None:
            widget.setFocus()

    def save(self) -> None:
        try:
            values = self.values()
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return
        tom_id, version = self.tom_id, self.row_version
        saved = self.operations.save(
            (lambda: toms.create_tom(self.ctx, self.school_id, values))
            if tom_id is None
            else (lambda: toms.update_tom(self.ctx, tom_id, values, version)),
            editor=self,
            existing=tom_id is not None,
            errors=self._show_problems,
        )
        if saved is None:
            return
        self.saved_values = values
        if tom_id is None:
            self.tom_id = tom_id = saved.id
        if not self.attachments.apply(tom_id):
            return  # the measure is saved; the message about the files is shown
        self.signals.status_message.emit(self.tr("Maßnahme gespeichert."))
        self.accept()
