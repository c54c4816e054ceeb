"""User text to Paragraph markup, and the date format of printed documents."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from dpo_desk.core.dates import format_date  # noqa: F401  (re-exported for reports

_MARKUP_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape(text: str) -> str:
    """Markup for ``text`` that prints exactly as written; line breaks are kept.

    ReportLab's Paragraph parses a subset of XML, so a name like ``Müller & <Söhne>`` would
    otherwise break the layout or vanish.
    """
    escaped = "".join(_MARKUP_ESCAPES.get(char, char) for char in text)
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(lines)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph showing user ``text`` literally."""
    return Paragraph(escape(text), style)
