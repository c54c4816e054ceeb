"""Small field helpers of the forms: a scrolled form page (every form fits 1024×600), a
plain-text label, a choice box, a text box and a named button. Dates are typed in
``date_field.DateField``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton

from dpo_desk.ui.common.screen import scrolled as scrolled  # one scroll area for forms


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
