"""The school's letterhead at the top of the first page of each document part."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from dpo_desk.reports import fonts
from dpo_desk.reports.styles import RULE_COLOUR, styles
from dpo_desk.reports.text import escape

LOGO_MAX_WIDTH = 45 * mm
LOGO_MAX_HEIGHT = 20 * mm
LOGO_UNREADABLE = (
    "Das Schullogo konnte nicht gelesen werden und wurde weggelassen. "
    "Bitte unter Einstellungen eine PNG- oder JPEG-Datei wählen."
)


@dataclass(frozen=True)
class Letterhead:
    """What the top of a school letter shows: the school is the controller of every
    document, so its name heads each one."""

    school_name: str
    address_lines: tuple[str, ...] = ()
    contact: str = ""
    logo: bytes | None = field(default=None, repr=False)


def read_logo(data: bytes | None) -> ImageReader | None:
    """The decoded logo, or None when there is none or it cannot be decoded completely
    (a truncated file must be caught here, not half-way through the PDF)."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
        reader.getRGBData()
    except Exception:  # Pillow raises many types for corrupt images
        return None
    if width <= 0 or height <= 0:
        return None
    return reader


class _Logo(Flowable):
    """The decoded logo scaled into its box, right-aligned (one decode per document)."""

    def __init__(self, reader: ImageReader) -> None:
        super().__init__()
        width, height = reader.getSize()
        scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
        self.reader = reader
        self.width, self.height = width * scale, height * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")


def letterhead_flowables(
    letterhead: Letterhead, width: float, logo: ImageReader | None = None
) -> list[Flowable]:
    """The letterhead as flowables ``width`` wide, with ``logo`` (decoded once per document
    by ``read_logo``) at the right when given."""
    style = styles()
    text: list[Flowable] = [Paragraph(escape(letterhead.school_name), style.title)]
    if letterhead.address_lines:
        text.append(Paragraph(escape("\n".join(letterhead.address_lines)), style.small))
    if letterhead.contact:
        text.append(Paragraph(escape(letterhead.contact), style.small))
    reader = logo
    logo_column = LOGO_MAX_WIDTH + 4 * mm if reader is not None else 0
    cells: list[object] = [text]
    widths = [width - logo_column]
    if reader is not None:
        cells.append(_Logo(reader))
        widths.append(logo_column)
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-1, 0), (-1, 0), "RIGHT" if reader is not None else "LEFT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        table,
        HRFlowable(width="100%", thickness=0.7, color=RULE_COLOUR, spaceBefore=2 * mm),
        Spacer(1, 5 * mm),
    ]
