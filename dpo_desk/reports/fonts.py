"""The shipped Unicode TrueType family, registered once with ReportLab.

Every style and canvas of the engine uses this family, so names such as "Đorđević" print
correctly and the PDF embeds the font; the built-in Helvetica (Latin-1 only, not embedded)
is never used for user text.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dpo_desk.resource_files import resource_path

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES: dict[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family with ReportLab (idempotent, thread-safe); returns the family name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            for name, file_name in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
            # The family mapping lets <b> and <i> in Paragraph markup find the TTF faces.
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY


def missing_characters(text: str) -> set[str]:
    """Characters of ``text`` the shipped font has no glyph for (they would print as empty
    boxes), so a caller can warn before printing, e.g. a name in Chinese script."""
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    return {char for char in set(text) if char.isprintable() and ord(char) not in face.charToGlyph}
