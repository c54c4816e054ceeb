"""Record a revocation (Widerruf): all or some options, when it was declared, from when it
takes effect (never back in time), and how it reached the school."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.consent.events import Precedence
from dpo_desk.core.consent.values import (
    CHANNEL_LABELS,
    Channel,
)
from dpo_desk.services.consent.recording import (
    DecisionNeeded,
    RecordedEvent,
    RevocationEntry,
    record_revocation,
)
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.common.date_field import DateField, check_dates
from dpo_desk.ui.common.screen import fit_to_screen, scrolled
from dpo_desk.ui.common.text import literal, rich_label
from dpo_desk.ui.consent.decision import NOT_STORED, ask_decision
from dpo_desk.ui.operations import Operations


class RevocationDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        school_id: int,
        template_key: str,
        template_title: str,
        options: list[tuple[str, str]],
        student_id: int,
        student_name: str,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operations = operations
        self.school_id = school_id
        self.template_key = template_key
        self.student_id = student_id
        self.recorded: RecordedEvent | None = None
        self.setObjectName("consentRevocationDialog")
        self.setAccessibleName(self.tr("Widerruf erfassen"))
        self.setWindowTitle(self.tr("Widerruf erfassen"))
        intro = rich_label(
            "<b>{student}</b><br>{title}",
            object_name="consentRevokeIntro",
            student=student_name,
            title=template_title,
        )
        self.all_options = QCheckBox(self.tr("&alle Optionen"))
        self.all_options.setObjectName("consentRevokeAll")
        self.all_options.setAccessibleName(self.tr("Alle Optionen widerrufen"))
        self.all_options.setChecked(True)
        self.option_boxes: dict[str, QCheckBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Widerrufen:"), self.all_options)
        for key, label in options:
            box = QCheckBox(literal(label))
            box.setObjectName(f"consentRevokeOption_{key}")
            box.setAccessibleName(label)
            box.setEnabled(False)
            self.option_boxes[key] = box
            form.addRow("", box)
        self.all_options.toggled.connect(self._all_toggled)
        today = ctx.clock.today
        self.declared_on = DateField("consentRevokeDeclared", self.tr("Erklärt am"), today=today)
        self.declared_on.set_date(today())
        form.addRow(self.tr("&Erklärt am:"), self.declared_on)
        self.effective_on = DateField(
            "consentRevokeEffective", self.tr("Wirksam ab"), today=today, past=False
        )
        self.effective_on.set_date(today())
        form.addRow(self.tr("&Wirksam ab:"), self.effective_on)
        self.received_on = DateField(
            "consentRevokeReceived", self.tr("Eingegangen am"), today=today
        )
        self.received_on.set_date(today())
        form.addRow(self.tr("Ein&gegangen am:"), self.received_on)
        self.channel = QComboBox()
        self.channel.setObjectName("consentRevokeChannel")
        self.channel.setAccessibleName(self.tr("Eingegangen per"))
        for channel, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, channel.value)
        form.addRow(self.tr("Eingegangen &per:"), self.channel)
        self.note = QLineEdit()
        self.note.setObjectName("consentRevokeNote")
        self.note.setAccessibleName(self.tr("Notiz"))
        form.addRow(self.tr("&Notiz:"), self.note)
        self.message = QLabel()
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("consentRevokeMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Widerruf speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scrolled(fields, name="consentRevokeFields"), 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 520, 420)

    def _all_toggled(self, checked: bool) -> None:
        for box in self.option_boxes.values():
            box.setEnabled(not checked)

    def save(self) -> None:
        options = None
        if not self.all_options.isChecked():
            options = frozenset(k for k, box in self.option_boxes.items() if box.isChecked())
        school_id, key = self.school_id, self.template_key
        channel, note = Channel(self.channel.currentData()), self.note.text()
        dates = (self.declared_on, self.effective_on, self.received_on)

        def entry() -> RevocationEntry:
            check_dates(*dates)  # a typed date that is none is refused first
            return RevocationEntry(
                self.student_id,
                self.declared_on.value(),
                channel,
                options,
                self.effective_on.value(),
                note,
                self.received_on.value(),
            )

        result = self._record(school_id, key, entry, None)
        if isinstance(result, DecisionNeeded):
            decision = ask_decision(self, result)
            if decision is None:
                self.message.setText(NOT_STORED.format(message=result.message))
                return
            result = self._record(school_id, key, entry, decision)
        if isinstance(result, RecordedEvent):
            self.recorded = result
            self.accept()

    def _record(
        self, school_id: int, key: str, entry, decision: Precedence | None
    ) -> RecordedEvent | DecisionNeeded | None:
        return self.operations.run(
            lambda: record_revocation(self.ctx, school_id, key, entry(), decision=decision),
            parent=self,
            initiator=self,
            errors=self.message,
        )
