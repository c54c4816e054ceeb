"""The date field: one entry for every date a person types, used instead of QDateEdit.

Type "12.09.2026", "12.9.26", "12.9." (the nearest such day before today, or after it for
dates ahead like a review) or ISO; the field shows what it understood as TT.MM.JJJJ when it
is left. Alt+↓ (or F4, or the arrow button) opens a calendar. Tab moves to the next field in
one step (no stops at day, month and year), and the mouse wheel never changes it.
A date that cannot be understood is marked red with the German reason; ``value()`` then
raises ``ValidationError`` naming the field, so a save shows it like every other problem.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from dpo_desk.core.dates import format_date, parse_entered_date
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.ui.common.error_label import ERROR_COLOUR
from dpo_desk.ui.common.german import GERMAN


class DateField(QWidget):
    """``date_changed(date | None)`` after the user changed the date (typed or picked)."""

    date_changed = Signal(object)

    def __init__(
        self,
        name: str,
        label: str,
        *,
        today: Callable[[], date] = date.today,
        past: bool = True,
        optional: bool = False,
        value: date | None = None,
        field: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``field``: the name problems carry (the form's field name; default the object
        name), so the form can show the place; ``value``: the date shown at first."""
        super().__init__(parent)
        self.label = label
        self.field = field or name
        self.today = today
        self.past = past
        self.optional = optional
        self._shown: date | None = None
        self.setObjectName(name)
        self.setAccessibleName(label)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{name}Text")
        self.edit.setAccessibleName(label)
        self.edit.setPlaceholderText("TT.MM.JJJJ")
        self.edit.setMaxLength(20)
        width = self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 16
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        self.edit.editingFinished.connect(self._typed)
        self.button = QToolButton()
        self.button.setObjectName(f"{name}Calendar")
        self.button.setArrowType(Qt.DownArrow)
        self.button.setFocusPolicy(Qt.NoFocus)
        self.button.setToolTip(self.tr("Kalender öffnen (Alt+↓)"))
        self.button.setAccessibleName(self.tr("Kalender öffnen"))
        self.button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)  # the arrow stays next to the text, however wide the form
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.StrongFocus)
        for keys in ("Alt+Down", "F4"):
            QShortcut(QKeySequence(keys), self.edit, self.open_calendar, Qt.WidgetShortcut)
        self.calendar: QCalendarWidget | None = None
        if value is not None:
            self.set_date(value)

    # --- value ---------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the typed text is not a date (German), or None."""
        text = self.edit.text().strip()
        if not text:
            return None if self.optional else self.tr("Bitte ein Datum eingeben (TT.MM.JJJJ).")
        try:
            parse_entered_date(text, self.today(), past=self.past)
        except ValueError as exc:
            return str(exc)
        return None

    def date(self) -> date | None:
        """The date shown; None when the field is empty or holds no date."""
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return parse_entered_date(text, self.today(), past=self.past)
        except ValueError:
            return None

    def value(self) -> date | None:
        """The date for saving; ValidationError (naming the field) when it is not one.
        None only for an empty optional field."""
        problem = self.problem()
        if problem is not None:
            raise ValidationError([Problem(self.field, f"{self.label}: {problem}")])
        return self.date()

    def set_date(self, day: date | None) -> None:
        """Show ``day`` (None: empty) without announcing a change."""
        self._shown = day
        self.edit.setText(format_date(day))
        self._mark(None)

    def text(self) -> str:
        return self.edit.text()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    # --- typing and picking --------------------------------------------------------------

    def _typed(self) -> None:
        problem = self.problem()
        self._mark(problem)
        day = self.date()
        if problem is None and day is not None:
            self.edit.setText(format_date(day))
        self._announce(day)

    def _announce(self, day: date | None) -> None:
        if day != self._shown:
            self._shown = day
            self.date_changed.emit(day)

    def _mark(self, problem: str | None) -> None:
        self.edit.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};" if problem else "")
        self.edit.setToolTip(problem or "")

    def open_calendar(self) -> None:
        if not self.isEnabled() or self.edit.isReadOnly():
            return
        if self.calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.Popup)  # closes on a click elsewhere or Esc
            calendar.setObjectName(f"{self.objectName()}Popup")
            calendar.setLocale(GERMAN)
            calendar.setFirstDayOfWeek(Qt.Monday)
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(self._picked)
            self.calendar = calendar
        day = self.date() or self.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        day = date(picked.year(), picked.month(), picked.day())
        if self.calendar is not None:
            self.calendar.hide()
        self.edit.setText(format_date(day))
        self._mark(None)
        self.edit.setFocus()
        self._announce(day)


def check_dates(*fields: DateField) -> None:
    """Refuse the typed dates that are not dates (enabled fields only), all at once, as a
    ``ValidationError`` naming each field: call it first in a save's work."""
    problems = []
    for field in fields:
        if field.isEnabled() and (problem := field.problem()) is not None:
            problems.append(Problem(field.field, f"{field.label}: {problem}"))
    if problems:
        raise ValidationError(problems)
