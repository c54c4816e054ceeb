"""Paragraph and table styles of all printouts; every one uses the shipped TTF family."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from dpo_desk.reports import fonts

TEXT_COLOUR = colors.HexColor("#1a1a1a")
MUTED_COLOUR = colors.HexColor("#555555")
RULE_COLOUR = colors.HexColor("#8c8c8c")
HEADER_FILL = colors.HexColor("#e6e6e6")
STRIPE_FILL = colors.HexColor("#f5f5f5")


@dataclass(frozen=True)
class Styles:
    """The named styles of the engine; build documents from these, never from ReportLab's
    sample stylesheet (which uses Helvetica)."""

    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    hint: ParagraphStyle
    table_cell: ParagraphStyle
    table_header: ParagraphStyle
    right: ParagraphStyle
    centred: ParagraphStyle


def _hyphenation_language() -> str:
    """German hyphenation when pyphen is installed (ReportLab uses it for ``de_DE``)."""
    try:
        import pyphen  # noqa: F401
    except ImportError:  # pragma: no cover - pyphen is a dependency
        return ""
    return "de_DE"


@cache
def styles(hyphenate: bool = False) -> Styles:
    """The engine's styles (fonts registered on first use). With ``hyphenate`` long German
    words break at syllables with a hyphen ("Verfügbarkeits-kontrolle") instead of anywhere
    in narrow table cells; the register and DSFA printouts use it."""
    fonts.register_fonts()
    language = _hyphenation_language() if hyphenate else ""
    body = ParagraphStyle(
        "dpo-body-de" if language else "dpo-body",
        fontName=fonts.REGULAR,
        fontSize=10,
        leading=13.5,
        textColor=TEXT_COLOUR,
        spaceAfter=5,
        alignment=TA_LEFT,
        bulletFontName=fonts.REGULAR,
        hyphenationLang=language,
        embeddedHyphenation=1 if language else 0,
        uriWasteReduce=0.3 if language else 0,
    )
    return Styles(
        title=ParagraphStyle(
            "dpo-title", parent=body, fontName=fonts.BOLD, fontSize=15, leading=19, spaceAfter=8
        ),
        heading=ParagraphStyle(
            "dpo-heading",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        subheading=ParagraphStyle(
            "dpo-subheading",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=body,
        small=ParagraphStyle("dpo-small", parent=body, fontSize=8, leading=10, spaceAfter=2),
        hint=ParagraphStyle(
            "dpo-hint",
            parent=body,
            fontName=fonts.ITALIC,
            fontSize=8.5,
            leading=11,
            textColor=MUTED_COLOUR,
        ),
        table_cell=ParagraphStyle("dpo-cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        table_header=ParagraphStyle(
            "dpo-cell-header",
            parent=body,
            fontName=fonts.BOLD,
            fontSize=9,
            leading=11.5,
            spaceAfter=0,
        ),
        right=ParagraphStyle("dpo-right", parent=body, alignment=TA_RIGHT),
        centred=ParagraphStyle("dpo-centred", parent=body, alignment=TA_CENTER),
    )


def grid_table_style(header_rows: int = 1, striped: bool = True) -> TableStyle:
    """Thin grid, bold shaded header rows (repeated by the Table on each page), optional
    zebra stripes; fonts set explicitly so plain-string cells do not fall back to Helvetica."""
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE_COLOUR),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands += [
            ("FONTNAME", (0, 0), (-1, header_rows - 1), fonts.BOLD),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ]
    if striped:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, STRIPE_FILL]))
    return TableStyle(commands)
