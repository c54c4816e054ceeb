"""The typed point in time (a breach's hours count): a date as in ``date_field.DateField``
("12.9.", "12.9.26", "12.09.2026", ISO) plus the hour ("12.10.2026 8:15"). Empty means "not
given". ``value()`` raises ``ValueError`` with a German message; editors turn it into a
validation problem naming the field. Plain dates use ``date_field.DateField``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLineEdit, QWidget

from dpo_desk.core.dates import (
    format_datetime,
    from_local_time,
    local_time,
    parse_entered_datetime,
)


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
