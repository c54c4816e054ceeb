"""A table of contents with page numbers, laid out in two passes.

First pass: the document is laid out once; the contents reserve one right-aligned slot per
entry (the page numbers are short, so the contents take the same room whatever they say)
and note where each slot is. Second pass: when all pages are known, ``NumberedCanvas.save``
writes the first page of each document part into its slot, like "Seite x von y". No second
layout of the whole document is needed, so a register of 60 entries costs one layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from dpo_desk.reports import fonts
from dpo_desk.reports.styles import MUTED_COLOUR, RULE_COLOUR, TEXT_COLOUR

FONT_SIZE = 9.5
LEADING = 13
NUMBER_WIDTH = 12 * mm
PAGE_WIDTH = 14 * mm
DETAIL_WIDTH = 48 * mm
GAP = 2 * mm


@dataclass(frozen=True)
class TocEntry:
    """One line of the contents: its label ("1.", "A"), title, a detail (version, date)
    and the index of the document part it points to."""

    number: str
    title: str
    detail: str
    part: int


class ContentsTable(Flowable):
    """The contents; splits across pages between entries."""

    def __init__(self, entries: list[TocEntry], heading: tuple[str, str, str] | None = None):
        super().__init__()
        self.entries = entries
        self.heading = heading or ("Nr.", "Inhalt", "Stand")
        self._lines: list[list[str]] = []
        self.width = self.height = 0

    def _title_width(self, width: float) -> float:
        return width - NUMBER_WIDTH - DETAIL_WIDTH - PAGE_WIDTH - 3 * GAP

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        fonts.register_fonts()
        room = self._title_width(available_width)
        wide = room + DETAIL_WIDTH + GAP
        self._lines = [
            simpleSplit(entry.title, fonts.REGULAR, FONT_SIZE, room if entry.detail else wide)
            or [""]
            for entry in self.entries
        ]
        self.width = available_width
        self.height = LEADING * (1.4 + sum(len(lines) for lines in self._lines))
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        if self.height <= available_height:
            return [self]
        used, count = LEADING * 1.4, 0
        for lines in self._lines:
            if used + LEADING * len(lines) > available_height:
                break
            used += LEADING * len(lines)
            count += 1
        if count == 0:
            return []
        return [
            ContentsTable(self.entries[:count], self.heading),
            ContentsTable(self.entries[count:], self.heading),
        ]

    def draw(self) -> None:
        canvas = self.canv
        width = self.width
        title_x = NUMBER_WIDTH + GAP
        detail_x = width - PAGE_WIDTH - GAP - DETAIL_WIDTH
        y = self.height - LEADING
        canvas.saveState()
        canvas.setFont(fonts.BOLD, FONT_SIZE)
        canvas.setFillColor(TEXT_COLOUR)
        canvas.drawString(0, y, self.heading[0])
        canvas.drawString(title_x, y, self.heading[1])
        canvas.drawString(detail_x, y, self.heading[2])
        canvas.drawRightString(width, y, "Seite")
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(0, y - 3, width, y - 3)
        y -= LEADING * 1.4
        record = getattr(canvas, "add_toc_slot", None)
        for entry, lines in zip(self.entries, self._lines, strict=True):
            canvas.setFont(fonts.REGULAR, FONT_SIZE)
            canvas.setFillColor(TEXT_COLOUR)
            canvas.drawString(0, y, entry.number)
            for index, line in enumerate(lines):
                canvas.drawString(title_x, y - index * LEADING, line)
            last = y - (len(lines) - 1) * LEADING
            end = title_x + stringWidth(lines[-1], fonts.REGULAR, FONT_SIZE) + GAP
            canvas.setFillColor(MUTED_COLOUR)
            canvas.setFont(fonts.REGULAR, FONT_SIZE - 1)
            canvas.drawString(detail_x, last, entry.detail)
            canvas.setDash(0.5, 2)
            canvas.setStrokeColor(MUTED_COLOUR)
            leader_end = (detail_x if entry.detail else width - PAGE_WIDTH) - GAP
            if end < leader_end:
                canvas.line(end, last + 1, leader_end, last + 1)
            canvas.setDash()
            if record is not None:
                record(*canvas.absolutePosition(width, last), entry.part)
            y -= LEADING * len(lines)
        canvas.restoreState()


def draw_page_number(canvas, x: float, y: float, page: int) -> None:
    """Second pass: the page number in a slot the contents reserved."""
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, FONT_SIZE)
    canvas.setFillColor(TEXT_COLOUR)
    canvas.drawRightString(x, y, str(page))
    canvas.restoreState()
