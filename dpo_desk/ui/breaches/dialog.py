"""One breach: the editor. While the 72-hour clock runs, the window title and a banner
count down to the deadline (every 30 seconds), until "gemeldet am" or "keine Meldung,
weil …" is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from dpo_desk.core.breaches.values import BreachData, ClockState, countdown_text
from dpo_desk.core.dates import local_time
from dpo_desk.core.validation import Problem
from dpo_desk.services.breaches import records as breaches
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.matrix import get_matrix
from dpo_desk.services.register.activities import list_activities
from dpo_desk.services.register.processors import list_processors
from dpo_desk.ui.breaches.form import BreachForm
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.signals import AppSignals

TICK_MS = 30_000
WARNING_STYLE = "color: #a40000; font-weight: bold;"


class BreachDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        school_id: int,
        breach_id: int | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.operations = signals.operations
        self.breach_id = breach_id
        self.row_version: int | None = None
        self.summary: breaches.BreachSummary | None = None
        self.reference = ""
        self.setObjectName("breachDialog")
        self.setAccessibleName(self.tr("Datenpanne"))
        self.form = BreachForm(ctx.clock.now, ctx.clock.today, get_matrix(ctx, school_id))
        self.form.set_choices(
            [(a.id, a.name) for a in list_activities(ctx, school_id)],
            [(p.id, p.name) for p in list_processors(ctx, school_id)],
        )
        self.banner = QLabel()
        self.banner.setObjectName("breachCountdown")
        self.banner.setTextFormat(Qt.PlainText)
        self.banner.setWordWrap(True)
        self.error = error_label("breachError")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("saveBreachButton")
        self.save_button.setAccessibleName(self.tr("Speichern"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.resize(760, 560)
        self._fill()

    def _fill(self) -> None:
        data = BreachData()
        if self.breach_id is not None:
            detail = breaches.get_breach(self.ctx, self.breach_id)
            data, self.row_version = detail.data, detail.row_version
            self.summary, self.reference = detail.summary, detail.reference
        self.form.set_data(data)
        self.error.clear()
        self.saved_raw = self.form.raw()
        self.tick()
        self.form.widgets["title"].setFocus()

    def reload(self) -> None:
        """Show what is stored now (after someone else saved the breach)."""
        self._fill()

    def tick(self) -> None:
        """Title and banner: the countdown while the clock runs, else the state."""
        name = f"Datenpanne {self.reference}" if self.reference else self.tr("Neue Datenpanne")
        summary = self.summary
        if summary is None:
            self.setWindowTitle(name)
            self.banner.setText(
                self.tr("Bekannt geworden am … eintragen: ab dann läuft die Frist von 72 Stunden.")
            )
            self.banner.setStyleSheet("")
            return
        now = self.ctx.clock.now()
        state = summary.state(now)
        text = summary.status_text(now)
        if state in (ClockState.RUNNING, ClockState.OVERDUE):
            deadline = f"{local_time(summary.deadline):%d.%m.%Y %H:%M}"
            self.setWindowTitle(f"{name} – Meldefrist {countdown_text(summary.deadline, now)}")
            self.banner.setText(
                self.tr("Meldung an die Aufsichtsbehörde bis %1 Uhr: %2.")
                .replace("%1", deadline)
                .replace("%2", countdown_text(summary.deadline, now))
            )
        else:
            self.setWindowTitle(f"{name} – {text}")
            self.banner.setText(text[:1].upper() + text[1:] + ".")
        self.banner.setStyleSheet(WARNING_STYLE if summary.is_overdue(now) else "")

    def unsaved_work(self) -> str | None:
        if self.isVisible() and self.form.raw() != self.saved_raw:
            title = self.form.widgets["title"].text() or self.tr("neue Datenpanne")
            return self.tr("Datenpanne „%1“").replace("%1", title)
        return None

    def _show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        if problems:
            self.form.focus_field(problems[0].field)

    def save(self) -> bool:
        breach_id, version, school_id = self.breach_id, self.row_version, self.school_id
        raw = self.form.raw()

        def work():
            values = self.form.values()
            if breach_id is None:
                return breaches.create_breach(self.ctx, school_id, values)
            return breaches.update_breach(self.ctx, breach_id, values, version)

        saved = self.operations.save(
            work, editor=self, existing=breach_id is not None, errors=self._show_problems
        )
        if saved is None:
            return False
        self.breach_id, self.row_version = saved.id, saved.row_version
        self.summary, self.reference = saved.summary, saved.reference
        self.saved_raw = raw
        self.signals.status_message.emit(
            self.tr("Datenpanne %1 gespeichert.").replace("%1", saved.reference)
        )
        self.accept()
        return True

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
