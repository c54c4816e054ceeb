"""ReportLab flowables into python-docx content, block by block.

Paragraph styles map to Word styles (title and headings to Heading 1–3), runs keep bold and
italic, ``<br/>`` becomes a line break. Tables keep their rows and columns (a grid when the
PDF draws one, the header row repeated on each page). The app's own flowables are turned
into text, tables or pictures; anything unknown is left out with a warning.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from dpo_desk.reports.consent.form import CodeText
from dpo_desk.reports.consent.signature_sheet import CompactYesNo, StackedYesNo
from dpo_desk.reports.dsfa.matrix import MatrixPair, RiskMatrixDrawing
from dpo_desk.reports.flowables import (
    NO_LABEL,
    YES_LABEL,
    QRCode,
    SignatureLine,
    YesNoBoxes,
    qr_modules,
)
from dpo_desk.reports.pages import PartStart
from dpo_desk.reports.shared_content import SharedBlock

HEADING_STYLES = {
    "dpo-title": "Heading 1",
    "dpo-heading": "Heading 2",
    "dpo-subheading": "Heading 3",
}
SMALL_STYLES = {"dpo-small": 8, "dpo-hint": 8.5, "dpo-cell": 9, "dpo-cell-header": 9}
MUTED = RGBColor(0x55, 0x55, 0x55)
BOX, TICKED = "☐", "☒"

Container = Any  # a docx Document, table cell, header or footer (add_paragraph/add_table)


class Translator:
    """Adds flowables to a container (the document body or a table cell)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def add(self, container: Container, flowables: list[Flowable]) -> None:
        for flowable in flowables:
            self.add_one(container, flowable)

    def add_one(self, container: Container, flowable: Any) -> None:
        handler = self._handler(flowable)
        if handler is not None:
            handler(container, flowable)
        elif isinstance(flowable, str):
            if flowable.strip():
                container.add_paragraph(flowable)
        elif isinstance(flowable, list | tuple):
            self.add(container, list(flowable))
        else:
            name = type(flowable).__name__
            warning = f"Ein Element ({name}) konnte nicht in das Word-Dokument übernommen werden."
            if warning not in self.warnings:
                self.warnings.append(warning)

    def _handler(self, flowable: Any) -> Callable[[Container, Any], None] | None:
        for kind, handler in (
            (Paragraph, self._paragraph),
            (Table, self._table),
            (KeepTogether, lambda c, f: self.add(c, list(f._content))),
            (SharedBlock, self._shared),
            (MatrixPair, self._matrix_pair),
            (RiskMatrixDrawing, self._matrix),
            (QRCode, self._qr),
            (YesNoBoxes, self._yes_no),
            (CompactYesNo, lambda c, f: c.add_paragraph(_boxes(None))),
            (StackedYesNo, lambda c, f: c.add_paragraph(_boxes(None))),
            (SignatureLine, self._signature),
            (CodeText, lambda c, f: _small(c.add_paragraph(f.code), 7)),
            ((Spacer, HRFlowable, PartStart), lambda c, f: None),
        ):
            if isinstance(flowable, kind):
                return handler
        if type(flowable).__name__ == "_Logo":
            return lambda c, f: None  # the letterhead's logo: in the page header
        return None

    # --- text ----------------------------------------------------------------------------

    def _paragraph(self, container: Container, para: Paragraph) -> None:
        style_name = getattr(para.style, "name", "")
        heading = HEADING_STYLES.get(style_name)
        paragraph = container.add_paragraph(style=heading) if heading else container.add_paragraph()
        for frag in getattr(para, "frags", []):
            if getattr(frag, "lineBreak", False):
                paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            text = getattr(frag, "text", "")
            if not text:
                continue
            run = paragraph.add_run(text)
            if not heading:
                run.bold = bool(getattr(frag, "bold", 0)) or None
                run.italic = bool(getattr(frag, "italic", 0)) or None
        size = SMALL_STYLES.get(style_name)
        if size is not None:
            _small(paragraph, size, muted=style_name == "dpo-hint")
        if style_name == "dpo-right":
            paragraph.alignment = 2
        elif style_name == "dpo-centred":
            paragraph.alignment = 1

    # --- tables --------------------------------------------------------------------------

    def _table(self, container: Container, table: Table) -> None:
        rows = table._cellvalues
        if not rows or not rows[0]:
            return
        columns = max(len(r) for r in rows)
        docx_table = container.add_table(rows=len(rows), cols=columns)
        if _has_grid(table):
            docx_table.style = "Table Grid"
        widths = list(getattr(table, "_colWidths", []) or [])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = docx_table.cell(r, c)
                if c < len(widths) and isinstance(widths[c], int | float):
                    cell.width = Pt(widths[c])
                first = cell.paragraphs[0]
                self.add(cell, value if isinstance(value, list | tuple) else [value])
                if len(cell.paragraphs) > 1 and not first.text:
                    first._element.getparent().remove(first._element)
        repeat = getattr(table, "repeatRows", 0)
        if isinstance(repeat, int) and repeat:
            for r in range(min(repeat, len(rows))):
                _repeat_header(docx_table.rows[r])

    def _shared(self, container: Container, block: SharedBlock) -> None:
        units = block.content.build()
        end = len(units) if block.end is None else block.end
        self.add(container, units[block.start : end])

    def _matrix(self, container: Container, drawing: RiskMatrixDrawing) -> None:
        from dpo_desk.core.dsfa.risk import CLASS_LABELS, LEVEL_LABELS, LEVELS

        container.add_paragraph(drawing.caption, style="Heading 3")
        table = container.add_table(rows=len(LEVELS) + 1, cols=len(LEVELS) + 1)
        table.style = "Table Grid"
        table.cell(0, 0).text = "Schwere ↓ / Wahrscheinlichkeit →"
        for column, likelihood in enumerate(LEVELS, start=1):
            table.cell(0, column).text = LEVEL_LABELS[likelihood]
        for row, severity in enumerate(reversed(LEVELS), start=1):
            table.cell(row, 0).text = LEVEL_LABELS[severity]
            for column, likelihood in enumerate(LEVELS, start=1):
                label = CLASS_LABELS[drawing.matrix.risk_class(likelihood, severity)]
                numbers = drawing.numbers.get((likelihood, severity), ())
                text = label + (f"\nSzenarien: {', '.join(map(str, numbers))}" if numbers else "")
                table.cell(row, column).text = text
        container.add_paragraph()

    def _matrix_pair(self, container: Container, pair: MatrixPair) -> None:
        self._matrix(container, pair.left)
        self._matrix(container, pair.right)

    # --- form pieces ---------------------------------------------------------------------

    def _qr(self, container: Container, code: QRCode) -> None:
        paragraph = container.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(qr_png(code.payload)), width=Mm(22))
        if code.caption:
            _small(container.add_paragraph(code.payload), 7)

    def _yes_no(self, container: Container, boxes: YesNoBoxes) -> None:
        container.add_paragraph(_boxes(boxes.answer))

    def _signature(self, container: Container, line: SignatureLine) -> None:
        container.add_paragraph()
        container.add_paragraph("_" * 34)
        _small(container.add_paragraph(line.caption), 7.5, muted=True)


def _boxes(answer: bool | None) -> str:
    yes = TICKED if answer is True else BOX
    no = TICKED if answer is False else BOX
    return f"{yes} {YES_LABEL}    {no} {NO_LABEL}"


def _small(paragraph: Any, size: float, muted: bool = False) -> Any:
    for run in paragraph.runs:
        run.font.size = Pt(size)
        if muted:
            run.font.color.rgb = MUTED
    return paragraph


def _has_grid(table: Table) -> bool:
    commands = list(getattr(table, "_linecmds", []) or [])
    return any(cmd[0] in ("GRID", "INNERGRID", "BOX") for cmd in commands)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def qr_png(payload: str, scale: int = 8) -> bytes:
    """The QR code of ``payload`` as a black-and-white PNG with a quiet zone."""
    from PIL import Image

    modules = qr_modules(payload)
    quiet = 2
    size = (len(modules) + 2 * quiet) * scale
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    for row, line in enumerate(modules):
        for column, dark in enumerate(line):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        pixels[(column + quiet) * scale + dx, (row + quiet) * scale + dy] = 0
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
