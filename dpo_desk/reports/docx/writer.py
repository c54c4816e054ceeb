"""Writing the document parts as one Word file (see the package docstring)."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dpo_desk.reports.atomic import DocumentCancelled, DocumentError, write_atomically
from dpo_desk.reports.docx.translate import MUTED, Translator
from dpo_desk.reports.engine import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    CancelCheck,
    DocumentInfo,
    DocumentPart,
    DocumentResult,
    ProgressCallback,
)
from dpo_desk.reports.letterhead import LOGO_UNREADABLE, read_logo
from dpo_desk.reports.text import format_date

POINTS_PER_MM = 72 / 25.4


def _mm(points: float) -> Mm:
    return Mm(points / POINTS_PER_MM)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, SECTIONPAGES) that Word fills in when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _letterhead(section, info: DocumentInfo, warnings: list[str]) -> None:
    head = info.letterhead
    header = section.header
    table = header.add_table(
        rows=1, cols=2, width=section.page_width - section.left_margin - section.right_margin
    )
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    text_cell, logo_cell = table.rows[0].cells
    name = text_cell.paragraphs[0]
    run = name.add_run(head.school_name)
    run.bold = True
    run.font.size = Pt(14)
    for line in (*head.address_lines, head.contact):
        if line:
            small = text_cell.add_paragraph()
            small_run = small.add_run(line)
            small_run.font.size = Pt(8)
    if head.logo:
        if read_logo(head.logo) is None:
            warnings.append(LOGO_UNREADABLE)
        else:
            picture = logo_cell.paragraphs[0]
            picture.alignment = 2
            picture.add_run().add_picture(io.BytesIO(head.logo), height=Mm(18))
    if header.paragraphs and not header.paragraphs[0].text:
        first = header.paragraphs[0]
        first._element.getparent().remove(first._element)


def _footer(section, info: DocumentInfo, title: str) -> None:
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.text = ""
    label = title or info.title
    if info.version:
        label += f" · Version {info.version}"
    parts = [label, info.letterhead.school_name, f"Gedruckt am {format_date(info.printed_on)}"]
    run = paragraph.add_run(" · ".join(p for p in parts if p) + " · Seite ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" von ")
    _field(paragraph, "SECTIONPAGES" if info.numbering == "part" else "NUMPAGES")
    for item in paragraph.runs:
        item.font.size = Pt(7.5)
        item.font.color.rgb = MUTED
    del run


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = _mm(MARGIN_LEFT), _mm(MARGIN_RIGHT)
    section.top_margin, section.bottom_margin = _mm(MARGIN_TOP), _mm(MARGIN_BOTTOM)


def render_docx(
    info: DocumentInfo,
    parts: Sequence[DocumentPart],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    """The Word file in memory and its warnings; DocumentError when there is nothing."""
    if not parts:
        raise DocumentError("Es gibt nichts zu drucken: Das Dokument hätte keine Seite.")
    document = Document()
    properties = document.core_properties
    properties.title, properties.subject = info.title, info.subject
    properties.author, properties.language = info.letterhead.school_name, "de-DE"
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    translator = Translator()
    warnings: list[str] = []
    total = len(parts)
    for index, part in enumerate(parts):
        if cancelled is not None and cancelled():
            raise DocumentCancelled()
        section = document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        _page_setup(section)
        if index == 0 and any(p.with_letterhead for p in parts):
            _letterhead(section, info, warnings)
        _footer(section, info, part.title)
        translator.add(document, part.flowables)
        if progress is not None:
            progress(index + 1, total)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), tuple(warnings + translator.warnings)


def write_docx(
    path: str | os.PathLike[str],
    info: DocumentInfo,
    parts: Sequence[DocumentPart],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> DocumentResult:
    """Render and save atomically, like ``engine.write_pdf``; ``pages`` is the number of
    parts (Word lays out the pages itself)."""
    data, warnings = render_docx(info, parts, progress=progress, cancelled=cancelled)
    target = write_atomically(path, data)
    return DocumentResult(target, len(parts), warnings)
