"""The class signature sheet: one table per class for the class teacher, students sorted by
name, JA / NEIN per option, room to sign and the day the form came back.

A class longer than a page continues on the next one with the table header repeated.

A school prints thousands of rows, so each row is built from plain cells the table lays
out cheaply: the name as a string when it fits on one line (a Paragraph only when it must
wrap), the JA / NEIN boxes drawn from one form XObject straight into their cells
(``SheetTable``), and the row height given rather than measured.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from dpo_desk.reports import fonts
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.flowables import BOX_SIZE, NO_LABEL, YES_LABEL, draw_checkbox, draw_yes_no
from dpo_desk.reports.styles import (
    HEADER_FILL,
    RULE_COLOUR,
    STRIPE_FILL,
    TEXT_COLOUR,
    styles,
)
from dpo_desk.reports.text import format_date, para

SUBJECT = "Unterschriftenliste zur Einwilligung"
NUMBER_WIDTH = 9 * mm
SIGNATURE_WIDTH = 30 * mm
RETURNED_WIDTH = 18 * mm
MIN_NAME_WIDTH = 35 * mm
CELL_PADDING = 1.5 * mm
ROW_SPACE = 5 * mm
"""Keeps every row tall enough to sign in (with the cell padding about 7 mm)."""
SMALL_BOX_FONT = 7.5
BOX_GAP = 2.5 * mm
CELL_V_PADDING = 3
"""Top and bottom padding of the grid's cells (``styles.grid_table_style``)."""
NAME_PADDING = 4
"""Left and right padding of the name cells (``styles.grid_table_style``)."""


def _draw_once(
    canvas: Canvas, name: str, width: float, height: float, paint: Callable[[Canvas], None]
) -> None:
    """Draw identical boxes once per PDF as a form and reference it in every row (a school
    has thousands of rows)."""
    if not canvas.hasForm(name):
        canvas.beginForm(name, -2, -2, width + 2, height + 2)
        paint(canvas)
        canvas.endForm()
    canvas.doForm(name)


class CompactYesNo(Flowable):
    """ "[ ] JA [ ] NEIN" on one line, narrow enough for three options on a sheet."""

    def __init__(self, font_size: float = SMALL_BOX_FONT) -> None:
        super().__init__()
        fonts.register_fonts()
        self.font_size = font_size
        labels = sum(stringWidth(t, fonts.BOLD, font_size) for t in (YES_LABEL, NO_LABEL))
        self.width = 2 * (BOX_SIZE + 1.5 * mm) + labels + BOX_GAP
        self.height = BOX_SIZE + 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def form_name(self) -> str:
        return f"dpoYesNo{self.font_size}"

    def draw(self) -> None:
        _draw_once(self.canv, self.form_name, self.width, self.height, self.paint)

    def paint(self, canvas: Canvas) -> None:
        draw_yes_no(canvas, 0, 1.2, None, self.font_size, BOX_GAP)


class StackedYesNo(Flowable):
    """JA above NEIN, each with its box: the narrow form for sheets with many options."""

    def __init__(self, font_size: float = SMALL_BOX_FONT) -> None:
        super().__init__()
        fonts.register_fonts()
        self.font_name = fonts.BOLD
        self.font_size = font_size
        self.width = BOX_SIZE + 1.5 * mm + 9 * mm
        self.height = 2 * BOX_SIZE + 1.5 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def form_name(self) -> str:
        return f"dpoStacked{self.font_size}"

    def draw(self) -> None:
        _draw_once(self.canv, self.form_name, self.width, self.height, self.paint)

    def paint(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFont(self.font_name, self.font_size)
        canvas.setFillColor(TEXT_COLOUR)
        for row, label in enumerate((NO_LABEL, YES_LABEL)):
            y = row * (BOX_SIZE + 1.5 * mm)
            draw_checkbox(canvas, 0, y)
            canvas.drawString(BOX_SIZE + 1.5 * mm, y + 0.6, label)
        canvas.restoreState()


class BoxCell(str):
    """An empty cell of the table that gets JA / NEIN boxes (``SheetTable``)."""

    side_by_side: bool

    def __new__(cls, side_by_side: bool) -> BoxCell:
        cell = super().__new__(cls, "")
        cell.side_by_side = side_by_side
        return cell


BOX_CELLS = {True: BoxCell(True), False: BoxCell(False)}
"""One marker per kind, shared by all rows (a str, so immutable)."""


@cache
def _boxes(side_by_side: bool) -> CompactYesNo | StackedYesNo:
    """The boxes' size and drawing (never drawn as a flowable itself: threads may share it)."""
    return CompactYesNo() if side_by_side else StackedYesNo()


class SheetTable(Table):
    """A Table that draws the JA / NEIN boxes of ``BoxCell`` cells itself: one reference
    to the shared form XObject, where a flowable of the same size would stand, without the
    layout a flowable per cell costs (parts of a table split over pages stay
    ``SheetTable``s and keep their ``BoxCell``s). Empty cells (room to sign) are skipped
    instead of drawing an empty string into each."""

    def _drawCell(self, cellval, cellstyle, pos, size) -> None:
        if not isinstance(cellval, BoxCell):
            if cellval != "":  # the empty columns to sign in: nothing to draw
                super()._drawCell(cellval, cellstyle, pos, size)
            return
        boxes = _boxes(cellval.side_by_side)
        colpos, rowpos = pos
        _, rowheight = size
        y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding - boxes.height) / 2
        canvas = self.canv
        # "q ... cm" / "Q" written directly: the same as saveState + translate +
        # restoreState, without copying ReportLab's state twice per box.
        canvas.addLiteral(f"q 1 0 0 1 {fp_str(colpos + cellstyle.leftPadding, y)} cm")
        _draw_once(canvas, boxes.form_name, boxes.width, boxes.height, boxes.paint)
        canvas.addLiteral("Q")


@cache
def _option_header() -> ParagraphStyle:
    return ParagraphStyle("dpo-sheet-option", parent=styles().table_header, fontSize=7, leading=9)


def _option_cells(count: int) -> tuple[float, bool]:
    """Width of each option column, and whether JA/NEIN fit side by side."""
    fixed = NUMBER_WIDTH + SIGNATURE_WIDTH + RETURNED_WIDTH + MIN_NAME_WIDTH
    wide = CompactYesNo().width + 2 * CELL_PADDING
    if fixed + count * wide <= CONTENT_WIDTH:
        return wide, True
    narrow = StackedYesNo().width + 2 * CELL_PADDING
    return max(narrow, min(wide, (CONTENT_WIDTH - fixed) / max(count, 1))), False


def _row_height(side_by_side: bool) -> float:
    """A student's row: room to sign (``ROW_SPACE``), a line of the name, or the boxes,
    whichever is tallest, plus the grid's cell padding."""
    line = styles().table_cell.leading
    return max(ROW_SPACE, line, _boxes(side_by_side).height) + 2 * CELL_V_PADDING


@cache
def _sheet_style(option_count: int) -> TableStyle:
    """The look of the engine's grid (``styles.grid_table_style``), with each setting only
    on the cells it affects: ReportLab applies a setting cell by cell, again for every page
    a table runs over, and a school's sheets have some 12,000 cells. Text is in the header,
    the numbers and the names; the box cells need only their left padding; the columns to
    sign in are empty below the header. Top and bottom padding are ReportLab's default."""
    first, last = 2, 1 + option_count
    header = ((0, 0), (-1, 0))
    names = ((0, 1), (1, -1))
    commands: list[tuple] = []
    for start, end in (header, names):
        commands += [
            ("VALIGN", start, end, "MIDDLE"),
            ("FONTNAME", start, end, fonts.REGULAR),
            ("FONTSIZE", start, end, 9),
            ("TEXTCOLOR", start, end, TEXT_COLOUR),
        ]
    commands += [
        ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
        ("LEFTPADDING", (0, 0), (0, -1), 2 * mm),
        ("LEFTPADDING", (1, 0), (1, -1), NAME_PADDING),
        ("RIGHTPADDING", (0, 0), (1, -1), NAME_PADDING),
        ("LEFTPADDING", (first, 0), (last, -1), CELL_PADDING),
        ("RIGHTPADDING", (first, 0), (last, 0), CELL_PADDING),
        ("LEFTPADDING", (last + 1, 0), (-1, 0), NAME_PADDING),
        ("RIGHTPADDING", (last + 1, 0), (-1, 0), NAME_PADDING),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE_COLOUR),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, STRIPE_FILL]),
    ]
    return TableStyle(commands)


def class_table(job: ConsentPrint, students: list[PrintStudent]) -> Table:
    """The sheet's table for one class (header repeated on every page)."""
    s = styles()
    options = job.version.options
    option_width, side_by_side = _option_cells(len(options))
    name_width = (
        CONTENT_WIDTH
        - NUMBER_WIDTH
        - SIGNATURE_WIDTH
        - RETURNED_WIDTH
        - option_width * len(options)
    )
    header = [
        "Nr.",  # one line each: plain text, set bold by the style
        "Name",
        *[para(option.label, _option_header()) for option in options],
        "Unterschrift",
        para("zurück am", s.table_header),
    ]
    rows: list[list[object]] = [header]
    heights: list[float | None] = [None]
    row_height = _row_height(side_by_side)
    room = name_width - 2 * NAME_PADDING
    for number, student in enumerate(students, start=1):
        name: object = student.list_name
        fits = (
            "\n" not in student.list_name
            and stringWidth(student.list_name, fonts.REGULAR, s.table_cell.fontSize) <= room
        )
        if not fits:  # wraps: a Paragraph, and the row grows as needed
            name = para(student.list_name, s.table_cell)
        rows.append([str(number), name, *[BOX_CELLS[side_by_side]] * len(options), "", ""])
        heights.append(row_height if fits else None)
    widths = [NUMBER_WIDTH, name_width, *[option_width] * len(options)]
    table = SheetTable(
        rows,
        colWidths=[*widths, SIGNATURE_WIDTH, RETURNED_WIDTH],
        rowHeights=heights,
        minRowHeights=[0] + [row_height] * len(students),
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(_sheet_style(len(options)))
    return table


def sheet_title(job: ConsentPrint, class_name: str) -> str:
    return f"Unterschriftenliste {job.version.title} – Klasse {class_name or 'ohne Klasse'}"


def signature_sheet_flowables(
    job: ConsentPrint, class_name: str, students: list[PrintStudent]
) -> list[Flowable]:
    s = styles()
    version = job.version
    return [
        para(job.school.name or job.letterhead.school_name, s.small),
        para(f"Unterschriftenliste: {version.title}", s.title),
        para(
            f"Klasse {class_name or '–'} · Textversion {version.version} · "
            f"{len(students)} Schülerinnen und Schüler · Stand {format_date(job.printed_on)}",
            s.body,
        ),
        para(
            "Für jede Option JA oder NEIN ankreuzen, unterschreiben und das Datum der Rückgabe "
            "eintragen. Ohne Kreuz gilt eine Option als nicht erteilt.",
            s.hint,
        ),
        class_table(job, students),
    ]


def signature_sheets_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """One part (starting a new page) per class, without letterhead: the sheet is for the
    class teacher, and the rows need the room."""
    info = DocumentInfo(
        title=f"Unterschriftenliste {job.version.title}",
        letterhead=job.letterhead,
        subject=SUBJECT,
        version=job.version_label,
        printed_on=job.printed_on,
        duplex=job.duplex,
    )
    parts = [
        DocumentPart(
            signature_sheet_flowables(job, class_name, students),
            title=sheet_title(job, class_name),
            with_letterhead=False,
        )
        for class_name, students in job.by_class()
    ]
    return info, parts
