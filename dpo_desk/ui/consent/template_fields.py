"""Small named input widgets of the consent template editor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLineEdit, QSpinBox

from dpo_desk.ui.common.date_field import DateField


def line_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    return edit


def spin_box(name: str, accessible: str, low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setRange(low, high)
    return spin


def date_edit(name: str, accessible: str, today: Callable[[], date]) -> DateField:
    """A date of the template (an end date, the day a condition ended)."""
    return DateField(name, accessible, today=today, optional=True)


def day_of(edit: DateField) -> date | None:
    return edit.date()


def show_day(edit: DateField, day: date) -> None:
    edit.set_date(day)


def numbers_in(text: str) -> list[int]:
    """ "5, 6; 7" -> [5, 6, 7]"""
    return [int(part) for part in text.replace(";", ",").split(",") if part.strip().isdigit()]


def names_in(text: str) -> list[str]:
    """ "7b, 8a" -> ["7b", "8a"]"""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
