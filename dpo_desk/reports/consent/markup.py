"""Template texts in the Markdown subset (``core.consent.markup``) as printed paragraphs.

Every piece of user text is escaped; only the bold marks this module writes itself reach
ReportLab's markup, so ``<b>`` typed by a user prints as ``<b>``.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from dpo_desk.core.consent.markup import BlockKind, Line, parse
from dpo_desk.reports import fonts
from dpo_desk.reports.styles import Styles, styles
from dpo_desk.reports.text import escape


@cache
def _bullets(parent: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(
        f"{parent.name}-bullet", parent=parent, leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=2
    )


@cache
def _bold_body() -> ParagraphStyle:
    return ParagraphStyle("dpo-body-bold", parent=styles().body, fontName=fonts.BOLD)


def line_markup(line: Line) -> str:
    return "".join(f"<b>{escape(s.text)}</b>" if s.bold else escape(s.text) for s in line)


def _heading_style(level: int, s: Styles) -> ParagraphStyle:
    if level == 1:
        return s.heading
    if level == 2:
        return s.subheading
    return ParagraphStyle("dpo-heading-3", parent=_bold_body(), keepWithNext=1, spaceAfter=1)


def text_flowables(text: str, body: ParagraphStyle | None = None) -> list[Flowable]:
    """The paragraphs of a template text: headings, paragraphs, bullet items, bold."""
    s = styles()
    style = body or s.body
    flow: list[Flowable] = []
    for block in parse(text):
        if block.kind is BlockKind.HEADING:
            flow.append(Paragraph(line_markup(block.lines[0]), _heading_style(block.level, s)))
        elif block.kind is BlockKind.BULLETS:
            bullets = _bullets(style)
            flow += [Paragraph(line_markup(line), bullets, bulletText="•") for line in block.lines]
        else:
            flow.append(Paragraph("<br/>".join(line_markup(line) for line in block.lines), style))
    return flow
