"""The "Erfassen" tab: record a returned stack of forms for one class by keyboard.

Each completed row is saved at once in its own short transaction (no save button to
forget), through the operation runner; the row then shows the status the write returned
(no second read). Esc forgets a half-typed row; Strg+Z takes the last saved row back. The
scan field takes the code printed on a form (a barcode scanner types it plus Enter) and
jumps to that student's row.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.consent.events import Precedence
from dpo_desk.core.dates import parse_entered_date
from dpo_desk.core.validation import Problem
from dpo_desk.services.consent.corrections import UNDO_REASON, correct_event, undo_event
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.recording import (
    DecisionNeeded,
    FormEntry,
    RecordedEvent,
    record_form,
)
from dpo_desk.services.consent.templates import TemplateInfo
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.message_line import MessageLine
from dpo_desk.ui.consent.decision import NOT_STORED, ask_decision
from dpo_desk.ui.consent.grid_model import BLANK, ConsentGridModel
from dpo_desk.ui.consent.grid_view import ConsentGridView
from dpo_desk.ui.consent.recorder_scan import RecorderScanning
from dpo_desk.ui.operations import Operations

CORRECTED = "Eingabe im Erfassungsraster berichtigt"
KEY_HELP = (
    "J/Y = JA · N = NEIN · - = leer · Leertaste wechselt · Ziffern = Unterschriftsdatum "
    "(z. B. 12.9.) · U = Unterschriften vollständig (E/S einzeln) · F = andere "
    "Textversion (wie auf dem Papier) · Entf löscht · "
    "Esc verwirft die Zeile · Enter = nächste Zeile · Strg+Z = letzte Zeile zurück"
)


class ConsentRecorder(RecorderScanning, QWidget):
    """Emits ``saved`` after every stored entry (the page's other tabs look again), and
    ``template_requested(key)`` when a scanned form belongs to another template."""

    saved = Signal()
    template_requested = Signal(str)

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        initiator: object = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operations = operations
        self.initiator = initiator
        self.school_id: int | None = None
        self.template_key: str | None = None
        self.info: TemplateInfo | None = None
        self.undo_stack: list[tuple[int, int, bool]] = []
        """(student id, event id, whether that entry corrected one made here before)"""
        self._back_to_scan = False

        self.class_box = QComboBox()
        self.class_box.setObjectName("consentClass")
        self.class_box.setAccessibleName(self.tr("Klasse"))
        self.class_box.currentIndexChanged.connect(self.load_class)
        class_label = QLabel(self.tr("&Klasse:"))
        class_label.setBuddy(self.class_box)
        self.received_on = DateField(
            "consentReceivedOn", self.tr("Eingangsdatum des Stapels"), today=ctx.clock.today
        )
        self.received_on.set_date(ctx.clock.today())
        date_label = QLabel(self.tr("Eingang a&m:"))
        date_label.setBuddy(self.received_on)
        self.scan = QLineEdit()
        self.scan.setObjectName("consentScanField")
        self.scan.setAccessibleName(self.tr("Code vom Formular scannen"))
        self.scan.setPlaceholderText(self.tr("Code scannen oder eintippen, Enter (Strg+L)"))
        self.scan.returnPressed.connect(self.scan_entered)
        scan_label = QLabel(self.tr("&Code:"))
        scan_label.setBuddy(self.scan)
        self.undo_button = QPushButton(self.tr("&Rückgängig"))
        self.undo_button.setObjectName("consentUndo")
        self.undo_button.setAccessibleName(self.tr("Letzte Zeile rückgängig machen"))
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.setEnabled(False)

        self.model = ConsentGridModel()
        self.grid = ConsentGridView(self.model)
        self.grid.row_completed.connect(self.save_row)
        self.grid.version_requested.connect(self.choose_version)
        self.grid.confirm_correction = self.confirm_correction
        self.grid.selectionModel().currentRowChanged.connect(self._row_left)
        # A MessageLine, not a QLabel: it changes with every key and must not re-lay the page.
        self.row_version = MessageLine(lines=1)
        self.row_version.setObjectName("consentRowVersion")
        self.row_version.setAccessibleName(self.tr("Textversion der Zeile"))
        self.grid.selectionModel().currentRowChanged.connect(self.show_row_version)
        self.model.dataChanged.connect(self.show_row_version)
        self.model.modelReset.connect(self.show_row_version)
        self.message = MessageLine(lines=2)
        self.message.setObjectName("consentRecorderMessage")
        self.message.setAccessibleName(self.tr("Meldung der Erfassung"))
        help_label = QLabel(self.tr(KEY_HELP))
        help_label.setObjectName("consentKeyHelp")
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #555;")

        tools = QHBoxLayout()
        tools.addWidget(class_label)
        tools.addWidget(self.class_box)
        tools.addSpacing(12)
        tools.addWidget(date_label)
        tools.addWidget(self.received_on)
        tools.addSpacing(12)
        tools.addWidget(scan_label)
        tools.addWidget(self.scan, 1)
        tools.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.row_version)
        layout.addWidget(self.message)
        layout.addWidget(help_label)
        QShortcut(QKeySequence.Undo, self, self.undo_last, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+L"), self, self.focus_scan, Qt.WidgetWithChildrenShortcut)

    # --- loading -------------------------------------------------------------------------

    def set_template(self, school_id: int | None, template_key: str | None) -> None:
        """Choose school and template; the class list is kept when it still fits."""
        changed = (school_id, template_key) != (self.school_id, self.template_key)
        self.school_id, self.template_key = school_id, template_key
        if changed:
            self.undo_stack.clear()
            self.undo_button.setEnabled(False)
        chosen = self.class_box.currentText()
        self.class_box.blockSignals(True)
        self.class_box.clear()
        if school_id is not None:
            for summary in roster.list_classes(self.ctx, school_id):
                self.class_box.addItem(f"{summary.name}", summary.name)
        index = self.class_box.findData(chosen)
        self.class_box.setCurrentIndex(index if index >= 0 else 0)
        self.class_box.blockSignals(False)
        self.load_class()

    def current_class(self) -> str | None:
        return self.class_box.currentData()

    def load_class(self) -> None:
        class_name = self.current_class()
        if self.school_id is None or self.template_key is None or class_name is None:
            self.model.set_rows([], [])
            return
        status = template_status(self.ctx, self.school_id, self.template_key, class_name=class_name)
        self.info = status.template
        self.model.set_rows(status.options, status.rows, self.row_versions(status))
        self.grid.layout_columns()
        self.grid.go_to(0, 1)
        if not status.rows:
            self.show_message(
                self.tr("Die Vorlage gilt nicht für Klasse %1.").replace("%1", class_name)
            )
        else:
            self.show_message("")

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text, error=error)

    def unsaved_work(self) -> str | None:
        rows = self.model.half_entered()
        if not rows:
            return None
        names = ", ".join(row.student.name for row in rows[:3]) + (" …" if len(rows) > 3 else "")
        return (
            self.tr("Erfassung Klasse %1: nicht gespeicherte Zeile(n) (%2)")
            .replace("%1", self.current_class() or "")
            .replace("%2", names)
        )

    def focus_scan(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    # --- saving --------------------------------------------------------------------------

    def _signed_on(self, text: str | None, received: date) -> date | None:
        """ "12.9." means the 12 September before the arrival; full dates as written."""
        return parse_entered_date(text, received) if text else None

    def _entry(self, row_index: int) -> FormEntry:
        row = self.model.rows[row_index]
        received = self.received_on.date()
        assert received is not None  # save_row checked it
        answers = {
            key: (None if value == BLANK else bool(value)) for key, value in row.pending.items()
        }
        return FormEntry(
            row.student.student_id,
            answers,
            received_on=received,
            signed_on=self._signed_on(row.pending_signed_on, received),
            signed_by=row.pending_signers or frozenset(),
            entry_method="scan" if self._scanned_version(row_index) else "keyboard",
        )

    def _refused(self, row_index: int, problems: list[Problem]) -> None:
        self.model.mark_problem(row_index, self.tr("nicht gespeichert"))
        self.show_message(" ".join(p.message for p in problems), error=True)

    def save_row(self, row_index: int) -> None:
        """Store the completed row at once; a row saved in this sitting is corrected."""
        assert self.school_id is not None and self.template_key is not None
        row = self.model.rows[row_index]
        problem = self.received_on.problem()
        if problem is not None:
            self._refused(row_index, [Problem("received_on", f"Eingang am: {problem}")])
            self.received_on.setFocus()
            return
        try:
            entry = self._entry(row_index)
        except ValueError as exc:
            self._refused(
                row_index,
                [Problem("signed_on", f"{row.student.name}: Unterschriftsdatum: {exc}")],
            )
            return
        corrects = row.saved_event_id
        recorded = self._store(row_index, entry, None)
        if isinstance(recorded, DecisionNeeded):
            decision = ask_decision(self, recorded)
            if decision is None:
                self.model.mark_problem(row_index, self.tr("nicht gespeichert"))
                self.show_message(NOT_STORED.format(message=recorded.message), error=True)
                return
            recorded = self._store(row_index, entry, decision)
        if not isinstance(recorded, RecordedEvent):
            return
        self.undo_stack.append((row.student.student_id, recorded.id, corrects is not None))
        self.undo_button.setEnabled(True)
        self._show_recorded(recorded)
        notice = recorded.review.message if recorded.review is not None else ""
        self.show_message(
            self.tr("%1: gespeichert.").replace("%1", row.student.name)
            + (self.tr(" (Strg+Z nimmt es zurück)"))
            + (f" {notice}" if notice else "")
        )
        self.saved.emit()
        back_to_scan = self._back_to_scan and self._scanned_version(row_index) is not None
        self._scanned = None
        self._back_to_scan = False
        if back_to_scan:
            self.focus_scan()
        else:
            self.grid.go_to(row_index + 1, 1)

    def _store(
        self, row_index: int, entry: FormEntry, decision: Precedence | None
    ) -> RecordedEvent | DecisionNeeded | None:
        """Record the row (a correction of the row saved before, if any) for the text version
        on the paper: the scanned one, else the one last printed for the student."""
        school_id, key = self.school_id, self.template_key
        assert school_id is not None and key is not None
        row = self.model.rows[row_index]
        class_name, corrects = row.student.class_name, row.saved_event_id
        version = self.model.recording_version(row_index)
        if corrects is not None:
            work = lambda: correct_event(  # noqa: E731
                self.ctx,
                corrects,
                entry,
                CORRECTED,
                class_name=class_name,
                decision=decision,
                version=version,
            )
        else:
            work = lambda: record_form(  # noqa: E731
                self.ctx,
                school_id,
                key,
                entry,
                version=version,
                class_name=class_name,
                decision=decision,
            )
        return self.operations.run(
            work,
            parent=self,
            initiator=self.initiator,
            errors=lambda problems: self._refused(row_index, problems),
        )

    def _show_recorded(self, recorded: RecordedEvent, event_id: int | None = -1) -> None:
        """Show the status the write returned in the student's row."""
        row_index = self.model.row_of_student(recorded.student_id)
        if row_index is None or recorded.status is None:
            return
        self.model.mark_saved(
            row_index, recorded.status, recorded.id if event_id == -1 else event_id
        )

    def undo_last(self) -> None:
        if not self.undo_stack:
            self.show_message(self.tr("Nichts rückgängig zu machen."))
            return
        student_id, event_id, corrects = self.undo_stack[-1]
        row_index = self.model.row_of_student(student_id)
        class_name = self.model.rows[row_index].student.class_name if row_index is not None else ""
        if corrects:  # bring back what this row held before the correction
            work = lambda: undo_event(self.ctx, event_id, class_name=class_name)  # noqa: E731
        else:
            work = lambda: correct_event(  # noqa: E731
                self.ctx, event_id, None, UNDO_REASON, class_name=class_name
            )
        undone = self.operations.run(work, parent=self, initiator=self.initiator)
        if undone is None:
            return
        self.undo_stack.pop()
        restored = undone.id if corrects else None
        if restored is not None:
            for position in range(len(self.undo_stack) - 1, -1, -1):
                if self.undo_stack[position][0] == student_id:
                    _, _, earlier = self.undo_stack[position]
                    self.undo_stack[position] = (student_id, restored, earlier)
                    break
        self._show_recorded(undone, restored)
        if row_index is not None:
            self.grid.go_to(row_index, 1)
            self.show_message(
                self.tr("%1: Eingabe zurückgenommen.").replace(
                    "%1", self.model.rows[row_index].student.name
                )
            )
        self.undo_button.setEnabled(bool(self.undo_stack))
        self.grid.setFocus()
        self.saved.emit()
