"""One student: correct the data, see the class history, mark as left (or undo).

Everything done in the dialog is saved together with "Speichern"; "Abbrechen" undoes all of
it, the leaving too. A save based on an older state of the student is refused.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.core.dates import format_date
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.common.date_field import DateField, check_dates
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.common.text import plain_label, window_title
from dpo_desk.ui.signals import AppSignals


class StudentDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, signals: AppSignals, student_id: int, parent=None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.operations = signals.operations
        self.student_id = student_id
        self.detail: roster.StudentDetail | None = None
        self.pending_left_on: date | roster.Keep | None = roster.Keep.KEEP
        self.setObjectName("studentDialog")
        self.setAccessibleName(self.tr("Schüler bearbeiten"))
        self.setWindowTitle(self.tr("Schüler"))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in (
            ("last_name", self.tr("&Nachname:")),
            ("first_names", self.tr("&Vorname(n):")),
            ("class_name", self.tr("&Klasse:")),
            ("external_id", self.tr("&ID (Schulverwaltung):")),
            ("guardian_1", self.tr("Erziehungsberechtigte/r &1:")),
            ("guardian_2", self.tr("Erziehungsberechtigte/r &2:")),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"student_{name}")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.fields[name] = edit
            form.addRow(label, edit)
            if name == "first_names":
                self.birth_date = DateField(
                    "student_birth_date", self.tr("Geburtsdatum"), today=ctx.clock.today
                )
                form.addRow(self.tr("&Geburtsdatum:"), self.birth_date)
        self.status = plain_label("", "studentStatus")
        form.addRow(self.tr("Status:"), self.status)
        self.history = plain_label("", "studentHistory", wrap=True)
        form.addRow(self.tr("Klassen:"), self.history)

        leave_row = QHBoxLayout()
        self.left_on = DateField("studentLeftOn", self.tr("Abgangsdatum"), today=ctx.clock.today)
        self.left_on.set_date(ctx.clock.today())
        self.leave_button = QPushButton(self.tr("Als &abgegangen markieren"))
        self.leave_button.setObjectName("markLeftButton")
        self.leave_button.setAccessibleName(self.tr("Als abgegangen markieren"))
        self.leave_button.clicked.connect(self._mark_left)
        self.active_button = QPushButton(self.tr("Wieder ak&tiv"))
        self.active_button.setObjectName("markActiveButton")
        self.active_button.setAccessibleName(self.tr("Wieder aktiv"))
        self.active_button.clicked.connect(self._mark_active)
        leave_label = QLabel(self.tr("Abgang a&m:"))
        leave_label.setBuddy(self.left_on)
        leave_row.addWidget(leave_label)
        leave_row.addWidget(self.left_on)
        leave_row.addWidget(self.leave_button)
        leave_row.addWidget(self.active_button)
        leave_row.addStretch(1)

        self.error = error_label("studentError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.setObjectName("studentButtons")
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("saveStudentButton")
        self.save_button.setAccessibleName(self.tr("Speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(leave_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 420)
        self.reload()

    def reload(self) -> None:
        """Show the stored student (after opening, or after someone else saved it)."""
        self._load(roster.get_student(self.ctx, self.student_id))

    def _load(self, detail: roster.StudentDetail) -> None:
        self.detail = detail
        self.pending_left_on = roster.Keep.KEEP
        for name, edit in self.fields.items():
            edit.setText(getattr(detail, name))
        self.birth_date.set_date(detail.birth_date)
        self.setWindowTitle(
            window_title(
                self.tr("Schüler: %1").replace("%1", f"{detail.first_names} {detail.last_name}")
            )
        )
        self.history.setText(", ".join(f"{y}: {c}" for y, c in detail.history) or "–")
        self.error.clear()
        self._show_status()
        self.saved_edit = self.edit()

    def _show_status(self) -> None:
        assert self.detail is not None
        left_on = self.detail.left_on if self.detail.status == "left" else None
        if self.pending_left_on is not roster.Keep.KEEP:
            left_on = self.pending_left_on
        pending = self.pending_left_on is not roster.Keep.KEEP
        if left_on is not None:
            text = self.tr("abgegangen am %1").replace("%1", format_date(left_on))
        else:
            text = self.tr("aktiv")
        if pending:
            text += self.tr(" (wird mit „Speichern“ übernommen)")
        self.status.setText(text)
        self.leave_button.setVisible(left_on is None)
        self.left_on.setEnabled(left_on is None)
        self.active_button.setVisible(left_on is not None)

    def edit(self) -> roster.StudentEdit:
        return roster.StudentEdit(
            last_name=self.fields["last_name"].text(),
            first_names=self.fields["first_names"].text(),
            birth_date=self.birth_date.date() or self.detail.birth_date,
            external_id=self.fields["external_id"].text(),
            guardian_1=self.fields["guardian_1"].text(),
            guardian_2=self.fields["guardian_2"].text(),
            class_name=self.fields["class_name"].text(),
            left_on=self.pending_left_on,
        )

    def unsaved_work(self) -> str | None:
        if self.isVisible() and self.edit() != self.saved_edit:
            name = f"{self.fields['first_names'].text()} {self.fields['last_name'].text()}"
            return self.tr("Schülerdaten von %1").replace("%1", name.strip())
        return None

    def _save(self) -> None:
        assert self.detail is not None
        edit, version = self.edit(), self.detail.row_version
        fields = (self.birth_date,)

        def save() -> roster.StudentDetail:
            check_dates(*fields)  # a typed date that is none is refused first
            return roster.update_student(self.ctx, self.student_id, edit, version)

        saved = self.operations.run(
            save,
            parent=self,
            initiator=self,
            errors=self.error,
            on_reload=self.reload,
            on_gone=self.reject,
        )
        if saved is None:
            return
        self.saved_edit = edit
        self.signals.status_message.emit(self.tr("Änderungen gespeichert."))
        self.accept()

    def _mark_left(self) -> None:
        day = self.left_on.date()
        if day is None:
            self.error.setText(
                self.left_on.problem() or self.tr("Abgangsdatum: Bitte ein Datum eingeben.")
            )
            self.left_on.setFocus()
            return
        self.error.clear()
        self.pending_left_on = day
        self._show_status()

    def _mark_active(self) -> None:
        self.pending_left_on = None
        self._show_status()
