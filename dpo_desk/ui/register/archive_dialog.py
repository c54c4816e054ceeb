"""Archiving a register entry that is no longer in use: the day, the reason and how long it
is kept (with its released versions) before it may be deleted. The defaults come from the
settings (retention period); the service refuses an entry with an open DSFA."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout

from dpo_desk.core.validation import Problem
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import archive
from dpo_desk.ui.common.date_field import DateField, check_dates
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import plain_label, text_box
from dpo_desk.ui.signals import AppSignals


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
        self.archived_on = DateField(
            "archived_on", self.tr("Nicht mehr in Gebrauch seit"), today=ctx.clock.today
        )
        self.archived_on.set_date(today)
        self.retain_until = DateField(
            "retain_until", self.tr("Aufbewahren bis"), today=ctx.clock.today, past=False
        )
        self.retain_until.set_date(archive.default_retain_until(ctx, today))
        self.archived_on.date_changed.connect(self._follow_archive_day)
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

    def _follow_archive_day(self, day: date | None) -> None:
        if day is not None:
            self.retain_until.set_date(archive.default_retain_until(self.ctx, day))

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        widget = {"archived_on": self.archived_on, "retain_until": self.retain_until}.get(
            problems[0].field if problems else "", self.reason
        )
        widget.setFocus()

    def archive(self) -> None:
        activity_id, reason = self.activity_id, self.reason.toPlainText()

        def work():
            check_dates(self.archived_on, self.retain_until)  # refused like the service's
            return archive.archive_activity(
                self.ctx,
                activity_id,
                reason,
                self.archived_on.value(),
                self.retain_until.value(),
            )

        done = self.signals.operations.run(
            work,
            parent=self,
            errors=self._show_problems,
            on_gone=self.reject,
        )
        if done is not None:
            self.signals.status_message.emit(self.tr("Eintrag archiviert."))
            self.accept()
