"""Tables of user text: every cell escaped and wrapped, the header repeated on each page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table

from dpo_desk.reports.styles import grid_table_style, styles
from dpo_desk.reports.text import escape

Cell = str | Flowable | None


def _cell(value: Cell, header: bool, hyphenate: bool = False) -> Flowable | str:
    if value is None:
        return ""
    if isinstance(value, str):
        s = styles(hyphenate)
        return Paragraph(escape(value), s.table_header if header else s.table_cell)
    return value


def data_table(
    header: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    *,
    striped: bool = True,
    hyphenate: bool = False,
) -> Table:
    """A grid table: strings become wrapped, escaped Paragraphs (so long names wrap instead
    of running over the next column), flowables (e.g. ``YesNoBoxes``) are placed as they are.
    A table longer than a page continues on the next one with the header repeated."""
    data = [[_cell(value, True, hyphenate) for value in header]]
    data += [[_cell(value, False, hyphenate) for value in row] for row in rows]
    table = Table(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_table_style(header_rows=1, striped=striped))
    return table


def label_table(rows: Sequence[tuple[str, str]], label_width: float, width: float) -> Table:
    """Two columns "Angabe | Inhalt" (a dash for an empty value), as forms and registers
    show a record."""
    return data_table(
        ["Angabe", "Inhalt"],
        [[label, text or "–"] for label, text in rows],
        [label_width, width - label_width],
        striped=False,
    )
