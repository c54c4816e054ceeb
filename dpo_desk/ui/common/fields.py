"""Small field helpers of the forms: an optional date, a scrolled form page (every
form fits 1024×600), a plain-text label and a choice box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from dpo_desk.ui.common.screen import scrolled as scrolled  # one scroll area for forms


class OptionalDate(QWidget):
    """A date that may be unset: a check box "festgelegt" and a date field (dd.MM.yyyy)."""

    def __init__(self, name: str, accessible: str, value: date | None, today: date) -> None:
        super().__init__()
        self.known = QCheckBox(self.tr("festgelegt"))
        self.known.setObjectName(f"{name}Known")
        self.known.setAccessibleName(f"{accessible} festgelegt")
        self.edit = QDateEdit()
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible)
        self.edit.setDisplayFormat("dd.MM.yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setFocusPolicy(Qt.StrongFocus)  # the wheel never changes it unfocused
        day = value or today
        self.edit.setDate(QDate(day.year, day.month, day.day))
        self.known.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.known.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A label that shows user text as plain text (never HTML), wrapping."""
    label = QLabel()
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def choice(name: str, accessible: str, choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setFocusPolicy(Qt.StrongFocus)
    for code, label in choices.items():
        combo.addItem(label, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def text_box(name: str, accessible: str, text: str, height: int = 60) -> QPlainTextEdit:
    """A plain-text box where Tab moves on (keyboard-first forms)."""
    edit = QPlainTextEdit(text)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


def named_button(name: str, text: str, slot) -> QPushButton:
    """A push button with a stable objectName and an accessible name taken from its text
    (without the mnemonic "&" and a trailing " …")."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip(" …"))
    button.clicked.connect(slot)
    return button
