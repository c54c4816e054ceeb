"""Typing into form fields as a person does: select what is there, type over it."""

from __future__ import annotations

from PySide6.QtCore import Qt


def type_date(qtbot, field, text: str) -> None:
    """Type ``text`` over the date in ``field`` (a ``DateField``) and leave it with Tab,
    so it shows what it understood."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key_Delete)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key_Tab)
    field.edit.editingFinished.emit()  # leaving it, also where the window has no focus
