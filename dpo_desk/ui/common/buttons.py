"""A push button as every page makes them: object name, accessible name, slot."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


def make_button(owner: QWidget, name: str, text: str, slot) -> QPushButton:
    """``text`` with its mnemonic ("&Neu …"); the accessible name drops "&" and " …"."""
    button = QPushButton(owner.tr(text))
    button.setObjectName(name)
    button.setAccessibleName(owner.tr(text).replace("&", "").rstrip(" …"))
    button.clicked.connect(slot)
    return button
