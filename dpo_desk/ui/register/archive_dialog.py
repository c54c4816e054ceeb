"""Archiving a register entry that is no longer in use: the day, the reason and how long it
is kept (with its released versions) before it may be deleted. The defaults come from the
settings (retention period); the service refuses an entry with an open DSFA."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout

from dpo_desk.core.validation import Problem
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import archive
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import plain_label, text_box
from dpo_desk.ui.signals import AppSignals


def _date_edit(name: str, accessible: str, day) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    return edit


class ArchiveDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, signals: AppSignals, activity_id: int, name: str, parent=None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.activity_id = ctx, signals, activity_id
        self.setObjectName("archiveActivityDialog")
        self.setAccessibleName(self.tr("Eintrag archivieren"))
        self.setWindowTitle(self.tr("Eintrag archivieren"))
        today = ctx.clock.today()
        self.reason = text_box("archive_reason", "Grund der Archivierung", "", 60)
        self.archived_on = _date_edit("archived_on", "Nicht mehr in Gebrauch seit", today)
        self.retain_until = _date_edit(
            "retain_until", "Aufbewahren bis", archive.default_retain_until(ctx, today)
        )
        self.archived_on.dateChanged.connect(self._follow_archive_day)
        self.error = error_label("archiveError")
        form = QFormLayout()
        form.addRow(
            plain_label(
                self.tr(
                    "„%1“ wird nicht mehr verwendet. Der Eintrag verlässt das gedruckte "
                    "Verzeichnis und die Prüfungen; er bleibt mit allen freigegebenen Versionen "
                    "bis zum Ende der Aufbewahrung lesbar."
                ).replace("%1", name)
            )
        )
        form.addRow(self.tr("&Grund:"), self.reason)
        form.addRow(self.tr("Nicht mehr in Gebrauch &seit:"), self.archived_on)
        form.addRow(self.tr("Auf&bewahren bis:"), self.retain_until)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        ok = buttons.button(QDialogButtonBox.Ok)
        ok.setText(self.tr("&Archivieren"))
        ok.setObjectName("archiveConfirmButton")
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.archive)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def _follow_archive_day(self, day: QDate) -> None:
        until = archive.default_retain_until(self.ctx, day.toPython())
        self.retain_until.setDate(QDate(until.year, until.month, until.day))

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        if problems and problems[0].field == "archive_reason":
            self.reason.setFocus()

    def archive(self) -> None:
        activity_id, reason = self.activity_id, self.reason.toPlainText()
        archived_on = self.archived_on.date().toPython()
        retain_until = self.retain_until.date().toPython()
        done = self.signals.operations.run(
            lambda: archive.archive_activity(
                self.ctx, activity_id, reason, archived_on, retain_until
            ),
            parent=self,
            errors=self._show_problems,
            on_gone=self.reject,
        )
        if done is not None:
            self.signals.status_message.emit(self.tr("Eintrag archiviert."))
            self.accept()
