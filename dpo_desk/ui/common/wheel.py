"""The mouse wheel never changes a field that does not have the keyboard focus: over an
unfocused combo box the wheel goes to the parent (a scroll area scrolls the form)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        parent = watched.parentWidget()
        if parent is not None:
            QCoreApplication.sendEvent(parent, event)
        return True


_GUARD = _WheelGuard()


def guard_wheel(*widgets: QWidget) -> None:
    """Give ``widgets`` the wheel only while they have the focus (clicked or tabbed into)."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.StrongFocus)
        widget.installEventFilter(_GUARD)
