"""The class signature sheet: one table per class for the class teacher, students sorted by
name, JA / NEIN per option, room to sign and the day the form came back.

A class longer than a page continues on the next one with the table header repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from dpo_desk.reports import fonts
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.flowables import BOX_SIZE, NO_LABEL, YES_LABEL, draw_checkbox, draw_yes_no
from dpo_desk.reports.styles import TEXT_COLOUR, grid_table_style, styles
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

    def draw(self) -> None:
        _draw_once(self.canv, f"dpoYesNo{self.font_size}", self.width, self.height, self._paint)

    def _paint(self, canvas: Canvas) -> None:
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

    def draw(self) -> None:
        _draw_once(self.canv, f"dpoStacked{self.font_size}", self.width, self.height, self._paint)

    def _paint(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFont(self.font_name, self.font_size)
        canvas.setFillColor(TEXT_COLOUR)
        for row, label in enumerate((NO_LABEL, YES_LABEL)):
            y = row * (BOX_SIZE + 1.5 * mm)
            draw_checkbox(canvas, 0, y)
            canvas.drawString(BOX_SIZE + 1.5 * mm, y + 0.6, label)
        canvas.restoreState()


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
        para("Nr.", s.table_header),
        para("Name", s.table_header),
        *[para(option.label, _option_header()) for option in options],
        para("Unterschrift", s.table_header),
        para("zurück am", s.table_header),
    ]
    rows: list[list[object]] = [header]
    for number, student in enumerate(students, start=1):
        boxes = [CompactYesNo() if side_by_side else StackedYesNo() for _ in options]
        rows.append(
            [
                str(number),
                para(student.list_name, s.table_cell),
                *boxes,
                Spacer(1, ROW_SPACE),
                "",
            ]
        )
    widths = [NUMBER_WIDTH, name_width, *[option_width] * len(options)]
    table = Table(
        rows,
        colWidths=[*widths, SIGNATURE_WIDTH, RETURNED_WIDTH],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(grid_table_style(header_rows=1, striped=True))
    first, last = 2, 1 + len(options)
    table.setStyle(
        [
            ("LEFTPADDING", (first, 0), (last, -1), CELL_PADDING),
            ("RIGHTPADDING", (first, 0), (last, -1), CELL_PADDING),
            ("LEFTPADDING", (0, 0), (0, -1), 2 * mm),
        ]
    )
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
