"""How every window sizes itself: to the screen it opens on, never beyond it.

A school laptop has 1024×600 pixels, less the task bar. A dialog asks for the size it would
like (``fit_to_screen(self, 900, 640)``) and gets at most what the screen offers, with room
for the window frame; its long form sits in a ``scrolled(...)`` area, so the buttons below
it stay on the screen. The main window does the same (``MainWindow._restore_geometry``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

FRAME_WIDTH = 16
"""Room left for the window frame left and right (the screen must hold the frame too)."""
FRAME_HEIGHT = 40
"""Room left for the title bar and the lower frame."""


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen ``widget`` (or its parent window) opens on that windows may use."""
    screen = None
    if widget is not None:
        anchor = widget.parentWidget() or widget
        screen = anchor.window().screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width``×``height``, or to the screen's room if that is less."""
    area = available_area(window)
    window.resize(
        max(200, min(width, area.width() - FRAME_WIDTH)),
        max(150, min(height, area.height() - FRAME_HEIGHT)),
    )


def scrolled(content: QWidget, *, name: str = "", horizontal: bool = True) -> QScrollArea:
    """``content`` in a frameless scroll area that follows the window's width and scrolls when
    the window is smaller than the content needs (``horizontal=False``: it only wraps)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    if name:
        area.setObjectName(name)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area
