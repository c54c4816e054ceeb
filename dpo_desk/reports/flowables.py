"""Small drawing pieces of forms: JA/NEIN boxes, signature lines, QR codes, page breaks."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from dpo_desk.reports import fonts
from dpo_desk.reports.styles import MUTED_COLOUR, TEXT_COLOUR, styles
from dpo_desk.reports.text import escape

BOX_SIZE = 3.6 * mm
YES_LABEL = "JA"
NO_LABEL = "NEIN"


def draw_checkbox(
    canvas: Canvas, x: float, y: float, size: float = BOX_SIZE, checked: bool = False
) -> None:
    """An empty square with its lower left corner at (x, y); a cross inside when checked."""
    canvas.saveState()
    canvas.setStrokeColor(TEXT_COLOUR)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, size, size, stroke=1, fill=0)
    if checked:
        inset = size * 0.2
        canvas.line(x + inset, y + inset, x + size - inset, y + size - inset)
        canvas.line(x + inset, y + size - inset, x + size - inset, y + inset)
    canvas.restoreState()


def draw_yes_no(
    canvas: Canvas,
    x: float,
    y: float,
    answer: bool | None = None,
    font_size: float = 9,
    gap: float = 4 * mm,
) -> float:
    """ "[ ] JA   [ ] NEIN" from (x, y) (baseline of the labels); returns the width used.

    ``answer`` crosses the matching box (for filled-in copies); None leaves both empty.
    """
    fonts.register_fonts()
    box_y = y - 0.5
    canvas.saveState()
    canvas.setFont(fonts.BOLD, font_size)
    canvas.setFillColor(TEXT_COLOUR)
    cursor = x
    for label, ticked in ((YES_LABEL, answer is True), (NO_LABEL, answer is False)):
        draw_checkbox(canvas, cursor, box_y, checked=ticked)
        cursor += BOX_SIZE + 1.5 * mm
        canvas.drawString(cursor, y, label)
        cursor += canvas.stringWidth(label, fonts.BOLD, font_size) + gap
    canvas.restoreState()
    return cursor - gap - x


class YesNoBoxes(Flowable):
    """The JA / NEIN pair as a flowable (for table cells and option lines)."""

    def __init__(self, answer: bool | None = None, font_size: float = 9) -> None:
        super().__init__()
        fonts.register_fonts()
        self.answer = answer
        self.font_size = font_size
        label_widths = sum(
            stringWidth(label, fonts.BOLD, font_size) for label in (YES_LABEL, NO_LABEL)
        )
        self.width = 2 * (BOX_SIZE + 1.5 * mm) + label_widths + 4 * mm
        self.height = max(BOX_SIZE, font_size) + 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_yes_no(self.canv, 0, 1.2, self.answer, self.font_size)


class SignatureLine(Flowable):
    """A line to sign on, with its caption (e.g. "Ort, Datum") printed small beneath."""

    def __init__(self, caption: str, width: float = 75 * mm, space_above: float = 9 * mm) -> None:
        super().__init__()
        self.caption = caption
        self.line_width = width
        self.space_above = space_above

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.line_width, available_width)
        self.height = self.space_above + 4 * mm
        return self.width, self.height

    def draw(self) -> None:
        fonts.register_fonts()
        canvas = self.canv
        line_y = 4 * mm
        canvas.saveState()
        canvas.setStrokeColor(TEXT_COLOUR)
        canvas.setLineWidth(0.6)
        canvas.line(0, line_y, self.width, line_y)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillColor(MUTED_COLOUR)
        canvas.drawString(0, line_y - 3.2 * mm, self.caption)
        canvas.restoreState()


def signature_block(captions: Sequence[str], width: float, columns: int = 2) -> Table:
    """Signature lines laid out ``columns`` side by side (e.g. "Ort, Datum" next to a
    signature), wrapping to further rows; nothing is drawn for an empty list."""
    gutter = 8 * mm
    cell_width = (width - gutter * (columns - 1)) / columns
    cells = [SignatureLine(caption, cell_width) for caption in captions]
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)] or [[""]]
    for row in rows:
        row.extend([""] * (columns - len(row)))
    table = Table(
        rows,
        colWidths=[cell_width + (gutter if i < columns - 1 else 0) for i in range(columns)],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
            ]
        )
    )
    table.keepWithNext = False
    return table


class QRCode(Flowable):
    """A QR code of ``payload`` with the payload printed beneath, so a person can type it
    when no scanner is at hand."""

    def __init__(
        self, payload: str, size: float = 24 * mm, caption: bool = True, mask: int | None = None
    ) -> None:
        super().__init__()
        if not payload:
            raise ValueError("QR code needs a payload")
        self.payload = payload
        self.mask = mask
        self.size = size
        self.caption = caption
        self.width = size
        self.height = size + (3.5 * mm if caption else 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        fonts.register_fonts()
        canvas = self.canv
        caption_height = self.height - self.size
        draw_qr(canvas, self.payload, 0, caption_height, self.size, self.mask)
        if self.caption:
            canvas.saveState()
            canvas.setFont(fonts.REGULAR, 6.5)
            canvas.setFillColor(MUTED_COLOUR)
            canvas.drawCentredString(self.size / 2, 0.8 * mm, self.payload)
            canvas.restoreState()


def qr_modules(payload: str, mask: int | None = None) -> list[list[bool]]:
    """The module matrix (True = dark) of ``payload`` at error correction level M.

    ``mask`` (0-7) fixes the mask pattern instead of scoring all eight: any mask is valid
    and scans, and skipping the scoring makes the code about seven times faster (stacks of
    2,000 consent forms)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    if mask is None:
        code.make()
    else:
        code.version = code.calculate_version()
        code.makeImpl(False, mask)
    return [[bool(module) for module in row] for row in code.modules]


def draw_qr(
    canvas: Canvas, payload: str, x: float, y: float, size: float, mask: int | None = None
) -> None:
    """The QR code of ``payload`` as one vector path in a ``size`` square at (x, y), with
    the quiet zone of two modules inside the square. Drawn directly rather than through
    ReportLab's QR widget, which is several times slower for a stack of 2,000 forms."""
    modules = qr_modules(payload, mask)
    count = len(modules)
    quiet = 2
    module = size / (count + 2 * quiet)
    path = canvas.beginPath()
    for row_index, row in enumerate(modules):
        top = y + size - (row_index + quiet + 1) * module
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(x + (column + quiet) * module, top, length * module, module)
            column += length
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def yes_no_line(label: str, width: float, answer: bool | None = None) -> Table:
    """One option of a form, ``width`` wide: its label (user text, escaped) on the left,
    the JA / NEIN boxes on the right."""
    boxes = YesNoBoxes(answer)
    box_column = boxes.width + 2 * mm
    table = Table(
        [[Paragraph(escape(label), styles().body), boxes]],
        colWidths=[width - box_column, box_column],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
