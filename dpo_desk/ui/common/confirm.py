"""One way to ask before something that cannot be undone: "Nein" is the default answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(
    parent: QWidget,
    title: str,
    text: str,
    object_name: str,
    on_yes: Callable[[], object],
    *,
    icon: QMessageBox.Icon = QMessageBox.Question,
    yes_text: str = "",
    no_text: str = "",
) -> QMessageBox:
    """Open a window-modal question and call ``on_yes`` only when the user answers yes.

    The box is returned so the caller keeps a reference (and tests can answer it).
    """
    box = QMessageBox(icon, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    box.setObjectName(object_name)
    box.setTextFormat(Qt.PlainText)  # questions name records: "„Tom <b>…“ löschen?"
    box.setDefaultButton(QMessageBox.No)
    if yes_text:
        box.button(QMessageBox.Yes).setText(yes_text)
    if no_text:
        box.button(QMessageBox.No).setText(no_text)
    box.buttonClicked.connect(
        lambda button: on_yes() if box.standardButton(button) == QMessageBox.Yes else None
    )
    box.open()
    return box
