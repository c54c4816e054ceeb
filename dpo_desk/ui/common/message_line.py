"""A message line under a grid that repaints only itself when its text changes.

A ``QLabel`` asks its layout again with every new text. Inside a tab widget that request
climbs to the tab widget, which then repaints the whole page: 10–20 ms with every save while
a secretary records a stack of forms. This line keeps room for two lines, draws its text
itself (always as plain text: a name with markup is shown as typed) and asks for more room
only when a message needs more lines than it has.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

ERROR_COLOUR = QColor("#a00000")
WRAP = int(Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop)


class MessageLine(QWidget):
    """Plain, word-wrapped text with a steady height (at least ``lines`` lines)."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._error = False
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self._height = self._least_height()

    def text(self) -> str:
        return self._text

    def is_error(self) -> bool:
        return self._error

    def setText(self, text: str, error: bool = False) -> None:
        self._text = text
        if error != self._error:
            self._error = error
            font = self.font()
            font.setBold(error)
            self.setFont(font)
        self.setAccessibleDescription(text)
        self._fit(self.width())
        self.update()

    def clear(self) -> None:
        self.setText("")

    # --- size --------------------------------------------------------------------------

    def _least_height(self) -> int:
        return self._lines * self.fontMetrics().lineSpacing() + 2

    def _needed_height(self, width: int) -> int:
        if not self._text or width <= 0:
            return 0
        bounds = QRect(0, 0, width, 1 << 20)
        return self.fontMetrics().boundingRect(bounds, WRAP, self._text).height() + 2

    def _fit(self, width: int) -> None:
        """Ask the layout again only when the text needs more (or less) than two lines."""
        height = max(self._least_height(), self._needed_height(width))
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(200, self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._height)

    # --- drawing -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._error:
            painter.setPen(ERROR_COLOUR)
        else:
            painter.setPen(self.palette().windowText().color())
        painter.drawText(self.contentsRect(), WRAP, self._text)
        painter.end()
