"""Fällig: every dated duty of the school (or of all schools, a switch), sorted by date,
overdue in red; Enter or a double click opens the place to act. Breach deadlines count down
(the texts are renewed every minute without reading the database again). Also exports the
list as a calendar file and prints the annual report.

The overview is the first page at start, shown before SQLAlchemy and the models are loaded
(``ui.pages.loading``): the list reads through them, so it waits until the window's
background loading has brought them in ("wird geladen …") instead of loading them itself.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.breaches.values import countdown_text
from dpo_desk.core.dates import format_date, local_time
from dpo_desk.core.due import DueItem, days_text
from dpo_desk.services.changes import Area, Changes
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.schools import list_schools
from dpo_desk.ui.common.buttons import make_button
from dpo_desk.ui.common.documents import choose_target, write_document
from dpo_desk.ui.common.error_label import ERROR_COLOUR
from dpo_desk.ui.common.wheel import guard_wheel
from dpo_desk.ui.register.table import RecordsFilterProxy, RecordsTableModel, TableRow, make_table
from dpo_desk.ui.signals import AppSignals

if TYPE_CHECKING:
    from dpo_desk.services.due.items import DueList

DUE_AREAS = frozenset(
    {
        Area.BREACHES,
        Area.REQUESTS,
        Area.REGISTER,
        Area.PROCESSORS,
        Area.DSFA,
        Area.CONSENT,
        Area.TEMPLATES,
        Area.ROSTER,
        Area.BACKUP,
        Area.SCHOOLS,
    }
)
PERIODS = (
    ("alle Termine", None),
    ("nächste 30 Tage", 30),
    ("nächste 90 Tage", 90),
    ("nächstes Jahr", 365),
)
TICK_MS = 60_000
WAIT_MS = 50
MODELS = "dpo_desk.store.models"
SCHOOL_COLUMN = 1


class DuePanel(QWidget):
    def __init__(self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.signals = ctx, signals
        self.school_id: int | None = None
        self.due: DueList | None = None
        self._stale = False
        self.setObjectName("duePanel")
        self.heading = QLabel(self.tr("<h2>Fällig</h2>"))
        self.summary = QLabel()
        self.summary.setObjectName("dueSummary")
        self.all_schools = QCheckBox(self.tr("&Alle Schulen"))
        self.all_schools.setObjectName("dueAllSchools")
        self.all_schools.setAccessibleName(self.tr("Fälliges aller Schulen zeigen"))
        self.all_schools.toggled.connect(self.refresh)
        self.period = QComboBox()
        self.period.setObjectName("duePeriod")
        self.period.setAccessibleName(self.tr("Zeitraum"))
        for label, days in PERIODS:
            self.period.addItem(self.tr(label), days)
        self.period.currentIndexChanged.connect(self.refresh)
        guard_wheel(self.period)
        self.calendar_button = make_button(
            self, "dueCalendarButton", "&Kalender exportieren …", self.choose_calendar_file
        )
        self.annual_button = make_button(
            self, "annualReportButton", "&Tätigkeitsbericht …", self.choose_annual_report
        )
        self.model = RecordsTableModel(["Fällig", "Schule", "Art", "Was", "Hinweis"])
        self.proxy = RecordsFilterProxy(self.model)
        self.table = make_table("dueTable", self.tr("Fällige Termine"), self.proxy)
        # "15.02.2026 (seit 289 Tagen überfällig)" fits whole at 1024×600.
        self.table.horizontalHeader().resizeSection(0, 270)
        self.table.horizontalHeader().resizeSection(2, 150)
        self.table.horizontalHeader().resizeSection(3, 380)
        self.table.activated.connect(self._activated)
        # Two rows, so that heading, count and every button stay whole at 1024×600.
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.summary, 1)
        controls = QHBoxLayout()
        controls.addWidget(self.all_schools)
        controls.addWidget(self.period)
        controls.addStretch(1)
        controls.addWidget(self.calendar_button)
        controls.addWidget(self.annual_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        signals.operations.changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.waiting = QTimer(self)
        self.waiting.setInterval(WAIT_MS)
        self.waiting.timeout.connect(self._models_loaded)

    # --- loading ------------------------------------------------------------------------

    def set_school(self, school_id: int | None) -> None:
        self.school_id = school_id
        self.refresh()

    def refresh(self) -> None:
        if MODELS not in sys.modules:
            self.summary.setText(self.tr("wird geladen …"))
            self.waiting.start()
            return
        from dpo_desk.services.due.items import due_list

        self._stale = False
        several = len(list_schools(self.ctx)) > 1
        self.all_schools.setVisible(several)
        everywhere = several and self.all_schools.isChecked()
        if self.school_id is None and not everywhere:
            self.due = None
        else:
            schools = None if everywhere else [self.school_id]
            self.due = due_list(self.ctx, schools, self.period.currentData())
        self.table.setColumnHidden(SCHOOL_COLUMN, not everywhere)
        self._fill_rows()

    def _models_loaded(self) -> None:
        if MODELS in sys.modules:
            self.waiting.stop()
            self.refresh()

    def _tick(self) -> None:
        """Countdowns and "in N Tagen" move on; nothing is shown while the app is locked."""
        if not self.ctx.db.locked and self.model.rows:
            self._fill_rows()

    def _when(self, item: DueItem) -> str:
        assert self.due is not None
        now, today = self.ctx.clock.now(), self.ctx.clock.today()
        if item.due_at is not None:
            moment = local_time(item.due_at)
            return f"{moment:%d.%m.%Y %H:%M} ({countdown_text(item.due_at, now)})"
        return f"{format_date(item.due)} ({days_text(item.due, today)})"

    def _fill_rows(self) -> None:
        if self.due is None:
            self.model.set_rows([])
            self.summary.setText("")
            return
        now, today = self.ctx.clock.now(), self.ctx.clock.today()
        rows = []
        overdue = 0
        for item in self.due.items:
            late = item.is_overdue(now, today)
            overdue += late
            hint = " – ".join(p for p in (item.person, item.detail) if p)
            cells = (self._when(item), item.school_name, item.kind_label, item.title, hint)
            moment = item.due_at.isoformat() if item.due_at else f"{item.due.isoformat()}T99"
            rows.append(
                TableRow(
                    item,
                    cells,
                    sort_keys=(moment, *cells[1:]),
                    colour=ERROR_COLOUR if late else None,
                )
            )
        self.model.set_rows(rows)
        total = len(rows)
        text = (
            self.tr("%1 Termine").replace("%1", str(total)) if total != 1 else self.tr("1 Termin")
        )
        if overdue:
            text += self.tr(", davon %1 überfällig").replace("%1", str(overdue))
        self.summary.setText(text if total else self.tr("Nichts fällig."))
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;" if overdue else "")

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if self.ctx.db.locked:
            self._stale = True
            return
        school = None if self.all_schools.isChecked() else self.school_id
        if not changes.touches(DUE_AREAS, school):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # --- acting -------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        item = self.proxy.item_at(index)
        if item is not None:
            self.signals.open_requested.emit(item.target, item.school_id)

    def current_item(self) -> DueItem | None:
        return self.proxy.item_at(self.table.currentIndex())

    def choose_calendar_file(self) -> None:
        path = choose_target(
            self, self.tr("Kalender speichern"), "Datenschutz_Termine.ics", "iCalendar (*.ics)"
        )
        if path is not None:
            self.export_calendar_to(path)

    def export_calendar_to(self, path: Path) -> None:
        from dpo_desk.services.due.calendar import export_calendar

        due = self.due
        if due is None:
            return
        write_document(
            self.signals,
            self,
            self.tr("Kalender wird gespeichert …"),
            lambda: export_calendar(due, path) and path,
        )

    def choose_annual_report(self) -> None:
        from dpo_desk.services.annual.report import default_year

        if self.school_id is None:
            return
        today = self.ctx.clock.today()
        year, ok = QInputDialog.getInt(
            self,
            self.tr("Tätigkeitsbericht"),
            self.tr("Berichtsjahr:"),
            default_year(today),
            2000,
            today.year,
        )
        if not ok:
            return
        path = choose_target(
            self, self.tr("Tätigkeitsbericht speichern"), f"Taetigkeitsbericht_{year}.pdf"
        )
        if path is not None:
            self.write_annual_to(year, path)

    def write_annual_to(self, year: int, path: Path) -> None:
        from dpo_desk.services.annual.report import print_annual_report

        school_id = self.school_id
        assert school_id is not None
        write_document(
            self.signals,
            self,
            self.tr("Tätigkeitsbericht wird erstellt …"),
            lambda: print_annual_report(self.ctx, school_id, year, path),
        )
