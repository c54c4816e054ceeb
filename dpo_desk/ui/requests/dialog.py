"""One request: who asked, about whom, what, identity check, the deadline (shown as it
follows from receipt and extension), the extension by up to two months with its reason and
the day the requester was told (Art. 12(3)), status and answer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.dates import format_date
from dpo_desk.core.due import days_text
from dpo_desk.core.requests.values import (
    CHANNELS,
    FIELD_LABELS,
    KIND_LABELS,
    REQUESTER_ROLES,
    STATUS_LABELS,
    RequestData,
    answer_deadline,
    latest_extension,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.requests import records as requests
from dpo_desk.services.roster.students import list_students
from dpo_desk.ui.common.date_field import DateField
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.wheel import guard_wheel
from dpo_desk.ui.signals import AppSignals

NO_STUDENT = "– keine Schülerin / kein Schüler (Name unten eintragen) –"
DAYS = ("received_on", "identity_checked_on", "extended_until", "extension_told_on", "answered_on")
CHOICES = (
    ("requester_role", REQUESTER_ROLES),
    ("channel", CHANNELS),
    ("kind", KIND_LABELS),
    ("status", STATUS_LABELS),
)


class RequestDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        request_id: int | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.operations = signals.operations
        self.request_id = request_id
        self.row_version: int | None = None
        self.reference = ""
        self.setObjectName("requestDialog")
        self.setAccessibleName(self.tr("Anfrage"))
        self.widgets: dict[str, QWidget] = {}
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._main())
        layout.addWidget(self._extension())
        layout.addWidget(self._answer())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.error = error_label("requestError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("saveRequestButton")
        self.save_button.setAccessibleName(self.tr("Speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        self.resize(700, 560)
        self._fill()

    # --- building -----------------------------------------------------------------------

    def _named(self, name: str, widget):
        widget.setObjectName(f"request_{name}")
        widget.setAccessibleName(FIELD_LABELS[name])
        self.widgets[name] = widget
        return widget

    def _day(self, name: str) -> DateField:
        field = DateField(
            f"request_{name}",
            FIELD_LABELS[name],
            today=self.ctx.clock.today,
            past=name != "extended_until",  # the extended deadline lies ahead
            optional=True,
            field=name,
        )
        field.edit.textChanged.connect(self._show_deadline)
        return self._named(name, field)

    def _combo(self, name: str, choices: dict[str, str]) -> QComboBox:
        combo = self._named(name, QComboBox())
        for code, label in choices.items():
            combo.addItem(label, code)
        guard_wheel(combo)
        return combo

    def _students(self) -> QComboBox:
        combo = self._named("student_id", QComboBox())
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.NoInsert)
        combo.addItem(NO_STUDENT, None)
        self.student_names: dict[int, str] = {}
        for s in list_students(self.ctx, self.school_id, include_left=True):
            where = s.class_name or self.tr("abgegangen")
            combo.addItem(f"{s.last_name}, {s.first_names} ({where})", s.id)
            self.student_names[s.id] = f"{s.first_names} {s.last_name}"
        combo.activated.connect(self._student_chosen)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        combo.setCompleter(completer)
        guard_wheel(combo)
        return combo

    def _student_chosen(self, index: int) -> None:
        """The person's name follows the chosen student (it stays if the record is erased)."""
        student_id = self.widgets["student_id"].itemData(index)
        if student_id is not None:
            self.widgets["subject_name"].setText(self.student_names[student_id])

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        """A row label whose shortcut letter focuses ``buddy`` (rows holding two fields)."""
        label = QLabel(self.tr(text))
        label.setBuddy(buddy)
        return label

    def _main(self) -> QGroupBox:
        box = QGroupBox(self.tr("Anfrage"))
        form = QFormLayout(box)
        form.addRow(self.tr("&Eingegangen am:"), self._day("received_on"))
        form.addRow(self.tr("Eingang &per:"), self._combo("channel", CHANNELS))
        form.addRow(self.tr("&Art der Anfrage:"), self._combo("kind", KIND_LABELS))
        who = QHBoxLayout()
        who.addWidget(self._combo("requester_role", REQUESTER_ROLES))
        who.addWidget(self._named("requester_name", QLineEdit()), 1)
        self.widgets["requester_name"].setPlaceholderText(self.tr("Name"))
        form.addRow(self._label("Anfrage &von:", self.widgets["requester_role"]), who)
        form.addRow(self.tr("Sc&hülerin/Schüler:"), self._students())
        form.addRow(self.tr("Betroffene Pe&rson:"), self._named("subject_name", QLineEdit()))
        identity = QHBoxLayout()
        identity.addWidget(self._day("identity_checked_on"))
        method = self._named("identity_method", QLineEdit())
        method.setPlaceholderText(self.tr("wie geprüft, z. B. Ausweis vorgelegt"))
        identity.addWidget(method, 1)
        form.addRow(
            self._label("&Identität geprüft am:", self.widgets["identity_checked_on"]), identity
        )
        self.deadline = QLabel()
        self.deadline.setObjectName("requestDeadline")
        self.deadline.setTextFormat(Qt.PlainText)
        self.deadline.setWordWrap(True)
        form.addRow(self.tr("Frist:"), self.deadline)
        return box

    def _extension(self) -> QGroupBox:
        box = QGroupBox(self.tr("Fristverlängerung um bis zu zwei Monate (Art. 12 Abs. 3 DSGVO)"))
        form = QFormLayout(box)
        form.addRow(self.tr("Verlängert &bis:"), self._day("extended_until"))
        reason = self._named("extension_reason", QPlainTextEdit())
        reason.setTabChangesFocus(True)
        reason.setMaximumHeight(60)
        form.addRow(self.tr("&Grund:"), reason)
        form.addRow(self.tr("Mi&tgeteilt am:"), self._day("extension_told_on"))
        return box

    def _answer(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bearbeitung"))
        form = QFormLayout(box)
        form.addRow(self.tr("Stat&us:"), self._combo("status", STATUS_LABELS))
        form.addRow(self.tr("Beantwortet a&m:"), self._day("answered_on"))
        note = self._named("note", QPlainTextEdit())
        note.setTabChangesFocus(True)
        note.setMaximumHeight(70)
        form.addRow(self.tr("&Notiz:"), note)
        self.erasure = QLabel()
        self.erasure.setObjectName("requestErasure")
        self.erasure.setWordWrap(True)
        self.erasure.setTextFormat(Qt.PlainText)
        form.addRow(self.tr("Löschung:"), self.erasure)
        return box

    # --- data ---------------------------------------------------------------------------

    def _fill(self) -> None:
        data = RequestData(received_on=self.ctx.clock.today())
        erased = ""
        if self.request_id is not None:
            detail = requests.get_request(self.ctx, self.request_id)
            data, self.row_version, self.reference = (
                detail.data,
                detail.row_version,
                detail.reference,
            )
            if detail.erased_on:
                erased = f"{format_date(detail.erased_on)}: {detail.erasure_summary}"
        w = self.widgets
        for name in DAYS:
            w[name].set_date(getattr(data, name))
        for name, _ in CHOICES:
            w[name].setCurrentIndex(max(0, w[name].findData(getattr(data, name))))
        for name in ("requester_name", "subject_name", "identity_method"):
            w[name].setText(getattr(data, name))
        for name in ("extension_reason", "note"):
            w[name].setPlainText(getattr(data, name))
        student = w["student_id"]
        student.setCurrentIndex(max(0, student.findData(data.student_id)))
        self.erasure.setText(erased or self.tr("–"))
        self.setWindowTitle(
            self.tr("Anfrage %1").replace("%1", self.reference)
            if self.reference
            else self.tr("Neue Anfrage")
        )
        self.error.clear()
        self.saved_raw = self.raw()
        self._show_deadline()
        w["received_on"].setFocus()

    def reload(self) -> None:
        self._fill()

    def _student_id(self) -> int | None:
        combo = self.widgets["student_id"]
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index < 0 and text:
            raise ValidationError(
                [Problem("student_id", f"{FIELD_LABELS['student_id']}: „{text}“ nicht gefunden.")]
            )
        return combo.itemData(index) if index >= 0 else None

    def values(self) -> RequestData:
        w = self.widgets
        problems, days = [], {}
        for name in DAYS:
            try:
                days[name] = w[name].value()
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        return RequestData(
            **days,
            **{name: w[name].currentData() for name, _ in CHOICES},
            student_id=self._student_id(),
            requester_name=w["requester_name"].text(),
            subject_name=w["subject_name"].text(),
            identity_method=w["identity_method"].text(),
            extension_reason=w["extension_reason"].toPlainText(),
            note=w["note"].toPlainText(),
        )

    def raw(self) -> tuple:
        w = self.widgets
        return (
            tuple(
                w[n].text() for n in (*DAYS, "requester_name", "subject_name", "identity_method")
            ),
            tuple(w[n].currentIndex() for n, _ in CHOICES),
            w["student_id"].currentText(),
            w["extension_reason"].toPlainText(),
            w["note"].toPlainText(),
        )

    def _show_deadline(self) -> None:
        """When the answer is due, as it follows from receipt and extension, and whether
        an answer given kept it."""
        try:
            received = self.widgets["received_on"].value()
            extended = self.widgets["extended_until"].value()
            answered = self.widgets["answered_on"].value()
        except ValidationError:  # a date typed half: the deadline shown stays
            return
        if received is None:
            self.deadline.setText(self.tr("ein Monat nach Eingang"))
            return
        due = extended or answer_deadline(received)
        text = self.tr("Antwort bis %1").replace("%1", format_date(due))
        if answered is not None:
            kept = self.tr("fristgerecht") if answered <= due else self.tr("nach Fristablauf")
            text += self.tr(" – beantwortet am %1 (%2)").replace("%1", format_date(answered))
            self.deadline.setText(text.replace("%2", kept))
            return
        text += f" ({days_text(due, self.ctx.clock.today())})"
        if extended is None:
            text += self.tr("; verlängerbar bis höchstens %1").replace(
                "%1", format_date(latest_extension(received))
            )
        self.deadline.setText(text)

    def unsaved_work(self) -> str | None:
        if self.isVisible() and self.raw() != self.saved_raw:
            name = self.reference or self.tr("neue Anfrage")
            return self.tr("Anfrage %1").replace("%1", name)
        return None

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        if problems:
            widget = self.widgets.get(problems[0].field)
            if widget is not None:
                widget.setFocus()

    def save(self) -> bool:
        request_id, version, school_id, raw = (
            self.request_id,
            self.row_version,
            self.school_id,
            self.raw(),
        )

        def work():
            values = self.values()
            if request_id is None:
                return requests.create_request(self.ctx, school_id, values)
            return requests.update_request(self.ctx, request_id, values, version)

        saved = self.operations.save(
            work, editor=self, existing=request_id is not None, errors=self._show_problems
        )
        if saved is None:
            return False
        self.request_id, self.row_version, self.reference = (
            saved.id,
            saved.row_version,
            saved.reference,
        )
        self.saved_raw = raw
        self.signals.status_message.emit(
            self.tr("Anfrage %1 gespeichert.").replace("%1", saved.reference)
        )
        self.accept()
        return True
