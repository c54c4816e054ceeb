"""Small named input widgets of the consent template editor."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QSpinBox


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


def date_edit(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def show_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def numbers_in(text: str) -> list[int]:
    """ "5, 6; 7" -> [5, 6, 7]"""
    return [int(part) for part in text.replace(";", ",").split(",") if part.strip().isdigit()]


def names_in(text: str) -> list[str]:
    """ "7b, 8a" -> ["7b", "8a"]"""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
