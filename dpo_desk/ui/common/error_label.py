"""The red, wrapping label in which forms and pages say what is wrong (German)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

ERROR_COLOUR = "#a40000"


def error_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.PlainText)  # messages quote what was typed
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    return label
