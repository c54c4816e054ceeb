"""The mouse wheel never changes a field the user is not working in.

Scrolling a long form must scroll the form: a combo box, spin box or slider under the
pointer takes the wheel only when it has keyboard focus. One filter on the application
does it for every widget (none needs a subclass): the wheel event is taken from the field
and handed to the nearest scroll area above it, which scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

FIELD_TYPES = (QComboBox, QAbstractSpinBox, QAbstractSlider)
"""Widgets whose value the wheel changes (scroll bars excepted: they are for scrolling)."""


def _field_of(widget: QWidget) -> QWidget | None:
    """The value field ``widget`` is (or is part of, e.g. a spin box's line edit)."""
    candidate: QWidget | None = widget
    for _ in range(3):
        if candidate is None or candidate.isWindow():
            return None
        if isinstance(candidate, FIELD_TYPES) and not isinstance(candidate, QScrollBar):
            return candidate
        candidate = candidate.parentWidget()
    return None


def _has_focus(field: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is field or field.isAncestorOf(focused))


def _scroll_area_above(field: QWidget) -> QAbstractScrollArea | None:
    parent = field.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(field):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Installed once on the application (``install_wheel_guard``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Wheel or not isinstance(watched, QWidget):
            return False
        field = _field_of(watched)
        if field is None or _has_focus(field):
            return False
        area = _scroll_area_above(field)
        if area is not None:
            wheel: QWheelEvent = event  # type: ignore[assignment]
            viewport = area.viewport()
            handed_on = QWheelEvent(
                viewport.mapFromGlobal(wheel.globalPosition()),
                wheel.globalPosition(),
                wheel.pixelDelta(),
                wheel.angleDelta(),
                wheel.buttons(),
                wheel.modifiers(),
                wheel.phase(),
                wheel.inverted(),
            )
            QApplication.sendEvent(viewport, handed_on)
        return True  # the field keeps its value


def install_wheel_guard(app: QApplication) -> WheelGuard:
    existing = app.findChild(WheelGuard, "wheelGuard")
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("wheelGuard")
    app.installEventFilter(guard)
    return guard


def guard_wheel(*widgets: QWidget) -> None:
    """Let ``widgets`` take the focus by click or Tab (then the wheel is theirs).

    The wheel rule itself is the application's (``install_wheel_guard``) and covers every
    field; this is for fields whose focus policy would otherwise never give them the wheel.
    """
    for widget in widgets:
        widget.setFocusPolicy(Qt.StrongFocus)
