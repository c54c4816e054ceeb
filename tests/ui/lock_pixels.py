"""Reading a locked window's pixels: everything must be the cover's colour except the small
panel in its middle (the lock's label and buttons)."""

from __future__ import annotations

import struct

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from dpo_desk.ui.safety.lock_cover import COVER_COLOUR


def panel_rect(cover: QWidget, margin: int = 3) -> QRect:
    """The bounding box of the cover's own label and buttons, in the cover's coordinates."""
    box = QRect()
    for child in cover.findChildren(QWidget):
        if child.isVisible():
            box = box.united(child.geometry())
    return box.adjusted(-margin, -margin, margin, margin)


def stray_pixels(image: QImage, panel: QRect, colour: QColor = COVER_COLOUR) -> int:
    """How many pixels outside ``panel`` differ from ``colour`` (0: fully covered)."""
    img = image.convertToFormat(QImage.Format_RGB32)
    width, height, stride = img.width(), img.height(), img.bytesPerLine()
    data = bytes(img.constBits())
    pixel = struct.pack("<I", 0xFF000000 | (colour.rgb() & 0xFFFFFF))
    stray = 0
    for y in range(height):
        line = data[y * stride : y * stride + width * 4]
        if panel.top() <= y <= panel.bottom():
            spans = [(0, max(0, panel.left())), (min(width, panel.right() + 1), width)]
        else:
            spans = [(0, width)]
        for start, end in spans:
            segment = line[start * 4 : end * 4]
            if end > start and segment != pixel * (end - start):
                stray += sum(
                    1 for x in range(end - start) if segment[x * 4 : x * 4 + 3] != pixel[:3]
                )
    return stray


def colour_share(image: QImage, colour: QColor = COVER_COLOUR) -> float:
    """The share of pixels that have ``colour`` (a sanity check that a picture was taken)."""
    img = image.convertToFormat(QImage.Format_RGB32)
    data = bytes(img.constBits())
    pixel = struct.pack("<I", 0xFF000000 | (colour.rgb() & 0xFFFFFF))
    total = img.width() * img.height()
    return data.count(pixel) / total if total else 0.0
