"""Typed date and date-time fields: one line edit each, keyboard-first.

A date accepts "12.9.", "12.9.26", "12.09.2026" and ISO (``core.dates``); a point in time
adds the hour ("12.10.2026 8:15"). Empty means "not given". ``value()`` raises
``ValueError`` with a German message; editors turn it into a validation problem naming the
field, so a mistyped date is shown like every other input problem.
(Issue 13 brings one common date widget; these are the same idea, line-edit based.)
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QLineEdit, QWidget

from dpo_desk.core.dates import (
    format_date,
    format_datetime,
    from_local_time,
    local_time,
    parse_entered_date,
    parse_entered_datetime,
)


class DateField(QLineEdit):
    """An optional date; short forms are read relative to ``reference()`` (today)."""

    def __init__(self, name: str, accessible: str, reference, parent: QWidget | None = None):
        super().__init__(parent)
        self.reference = reference
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setPlaceholderText("TT.MM.JJJJ")
        self.setMaximumWidth(160)

    def set_value(self, day: date | None) -> None:
        self.setText(format_date(day))

    def value(self) -> date | None:
        text = self.text().strip()
        return parse_entered_date(text, self.reference()) if text else None


class DateTimeField(QLineEdit):
    """An optional point in time, typed in local time, returned as an aware instant."""

    def __init__(self, name: str, accessible: str, now, parent: QWidget | None = None):
        super().__init__(parent)
        self.now = now
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setPlaceholderText("TT.MM.JJJJ HH:MM")
        self.setMaximumWidth(200)

    def set_value(self, moment: datetime | None) -> None:
        self.setText(format_datetime(local_time(moment)) if moment else "")

    def set_now(self) -> None:
        self.set_value(self.now())

    def value(self) -> datetime | None:
        text = self.text().strip()
        if not text:
            return None
        return from_local_time(parse_entered_datetime(text, local_time(self.now())))
