"""Laying out the plain rows of the register printouts: label/content tables whose lists
stay lists (one bulleted line per item), German hyphenation in narrow cells, the approval
block with a signature line, the version history, and the draft mark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from dpo_desk.core.register.snapshot import EntryRow
from dpo_desk.reports.engine import CONTENT_WIDTH
from dpo_desk.reports.flowables import signature_block
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table
from dpo_desk.reports.text import escape, para

LABEL_WIDTH = 55 * mm
DRAFT_COLOUR = colors.HexColor("#a40000")


@dataclass(frozen=True)
class VersionLine:
    """One released version in the history: who approved it, when, and what changed."""

    number: int
    released_on: str
    approved_by: str
    approved_role: str
    changed: str


def bullet_style(parent: ParagraphStyle | None = None) -> ParagraphStyle:
    """``parent`` (a table cell by default) indented for a "•" in front."""
    base = parent or styles(True).table_cell
    return ParagraphStyle(
        f"{base.name}-bullet",
        parent=base,
        leftIndent=base.leftIndent + 9,
        bulletIndent=base.leftIndent,
        bulletFontName=base.fontName,
    )


def _bullet_style() -> ParagraphStyle:
    return bullet_style()


def cell_content(row: EntryRow) -> list[Flowable] | Paragraph:
    """A row's content: a list as bulleted lines, else the lines as one paragraph."""
    if not row.items:
        return Paragraph("–", styles(True).table_cell)
    if row.as_list:
        bullet = _bullet_style()
        return [Paragraph(escape(item), bullet, bulletText="•") for item in row.items]
    return Paragraph(escape(row.text), styles(True).table_cell)


def rows_table(rows: Sequence[EntryRow], width: float = CONTENT_WIDTH) -> Table:
    """Two columns "Angabe | Inhalt"; long tables continue with the header repeated."""
    table = data_table(
        ["Angabe", "Inhalt"],
        [[row.label, cell_content(row)] for row in rows],
        [LABEL_WIDTH, width - LABEL_WIDTH],
        striped=False,
        hyphenate=True,
    )
    table.setStyle(TableStyle([("VALIGN", (0, 1), (-1, -1), "TOP")]))
    return table


def approval_block(name: str, role: str, day: str) -> Flowable:
    """Who released the version (a named person, not an account), in which role, on which
    day, and a line to sign."""
    s = styles(True)
    who = ", ".join(p for p in (name, role) if p) or "nicht erfasst"
    caption = f"Unterschrift {who}" if name else "Unterschrift (Name, Funktion)"
    return KeepTogether(
        [
            para("Freigabe", s.subheading),
            data_table(
                ["Freigegeben von", "Funktion", "Datum"],
                [[name or "–", role or "–", day]],
                [CONTENT_WIDTH - 85 * mm, 50 * mm, 35 * mm],
                striped=False,
                hyphenate=True,
            ),
            Spacer(1, 2 * mm),
            signature_block(["Ort, Datum", caption], CONTENT_WIDTH),
        ]
    )


def history_table(versions: Sequence[VersionLine]) -> list[Flowable]:
    s = styles(True)
    if not versions:
        return []
    return [
        para("Versionsgeschichte", s.subheading),
        data_table(
            ["Nr.", "Freigegeben am", "von", "Geändert gegenüber der Vorversion"],
            [
                [
                    str(v.number),
                    v.released_on,
                    ", ".join(p for p in (v.approved_by, v.approved_role) if p) or "–",
                    v.changed,
                ]
                for v in versions
            ],
            [12 * mm, 28 * mm, 50 * mm, CONTENT_WIDTH - 90 * mm],
            hyphenate=True,
        ),
    ]


def draft_mark(reasons: Sequence[str]) -> Table:
    """The box on a draft printed although the entry has open errors: not for handing out."""
    s = styles(True)
    body = [para("ENTWURF – nicht zur Weitergabe", s.subheading)]
    body.append(
        para("Der Eintrag hat noch offene Fehler; diese Fassung ist nur zur Prüfung:", s.body)
    )
    body += [Paragraph(escape(reason), _bullet_style(), bulletText="•") for reason in reasons[:10]]
    table = Table([[body]], colWidths=[CONTENT_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, DRAFT_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table
