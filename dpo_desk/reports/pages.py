"""Page furniture drawn once the page count is known: the footer with "Seite x von y",
blank pages that let every document part start on a front side in duplex printing, and on
every further page of a part that a family signs or ticks (a form longer than one page) a
strip with the student's name and the scan code (``PageMark``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from dpo_desk.reports import fonts
from dpo_desk.reports.atomic import DocumentCancelled
from dpo_desk.reports.styles import MUTED_COLOUR, RULE_COLOUR
from dpo_desk.reports.toc import draw_page_number

PageNumbering = Literal["part", "document"]
FOOTER_FONT_SIZE = 7.5
FOOTER_RULE_Y = 17 * mm
BLANK_PAGE_NOTE = "Diese Seite bleibt für den beidseitigen Druck leer."
_PART_ATTRIBUTE = "_dpo_part"
CONTINUED_ATTRIBUTE = "_dpo_continued"
MARK_HEIGHT = 17 * mm
"""How much lower the content starts on a continued page of a marked part."""
MARK_QR = 16 * mm
MARK_TOP = 8 * mm


@dataclass(frozen=True)
class PageMark:
    """What each further page of a part repeats: the scan code and the student's name
    (with class, template and version in ``detail``)."""

    code: str
    name: str
    detail: str = ""


class NextPartFollows(Flowable):
    """Invisible marker before a part's page break: the next page begins a part (it gets
    the full frame, the pages after it the frame below the mark strip)."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.part_starting = True


@dataclass(frozen=True)
class FooterSpec:
    """What every page footer shows; ``part_titles[i]`` names part i (e.g. one student's
    form) and replaces the document title on its pages."""

    document_title: str
    version: str
    printed_on: str
    school_name: str
    part_titles: tuple[str, ...]
    numbering: PageNumbering = "part"
    duplex: bool = False
    continued: bool = False
    """More parts follow in another PDF: the last part is padded like the others."""
    margin_left: float = 20 * mm
    margin_right: float = 18 * mm
    part_marks: tuple[PageMark | None, ...] = ()


class PartStart(Flowable):
    """Invisible marker at the start of document part ``index``: tells the canvas which part
    the following pages belong to and reports progress (which may cancel the build)."""

    def __init__(self, index: int, on_start: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self.index = index
        self.on_start = on_start
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        setattr(self.canv, _PART_ATTRIBUTE, self.index)
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.part_starting = False
        if self.on_start is not None:
            self.on_start(self.index)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class NumberedCanvas(Canvas):
    """Keeps each finished page until ``save`` so the footer can say "Seite x von y"."""

    def __init__(
        self,
        *args: Any,
        footer: FooterSpec,
        cancelled: Callable[[], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.footer = footer
        self.cancelled = cancelled
        self._pages: list[dict[str, Any]] = []
        self._toc_slots: list[tuple[int, float, float, int]] = []
        self.physical_pages = 0

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def add_toc_slot(self, x: float, y: float, part: int) -> None:
        """The contents reserved a place for the first page of ``part`` on this page."""
        self._toc_slots.append((len(self._pages), x, y, part))

    def _part_starts(self, parts: list[int], pads: set[int]) -> dict[int, int]:
        """The physical page number on which each part begins."""
        starts: dict[int, int] = {}
        physical = 0
        for index, part in enumerate(parts):
            physical += 1
            starts.setdefault(part, physical)
            if index in pads:
                physical += 1
        return starts

    def save(self) -> None:
        parts = [page.get(_PART_ATTRIBUTE, 0) for page in self._pages]
        in_part = {part: parts.count(part) for part in set(parts)}
        pads = self._padding(parts, in_part)
        total_physical = len(self._pages) + len(pads)
        starts = self._part_starts(parts, pads) if self._toc_slots else {}
        seen: dict[int, int] = {}
        physical = 0
        for index, state in enumerate(self._pages):
            # Writing the pages out takes as long as laying them out: "Abbrechen" still works.
            if self.cancelled is not None and index % 20 == 0 and self.cancelled():
                raise DocumentCancelled()
            self.__dict__.update(state)
            part = parts[index]
            seen[part] = seen.get(part, 0) + 1
            physical += 1
            if self.footer.numbering == "part":
                number, total = seen[part], in_part[part]
            else:
                number, total = physical, total_physical
            self._draw_footer(part, number, total)
            mark = self.footer.part_marks[part] if part < len(self.footer.part_marks) else None
            if mark is not None and state.get(CONTINUED_ATTRIBUTE):
                self._draw_mark(mark, seen[part], in_part[part])
            for page_index, x, y, target in self._toc_slots:
                if page_index == index and target in starts:
                    draw_page_number(self, x, y, starts[target])
            super().showPage()
            if index in pads:
                physical += 1
                self._draw_blank_note()
                super().showPage()
        self.physical_pages = physical
        super().save()

    def _padding(self, parts: list[int], in_part: dict[int, int]) -> set[int]:
        """Indexes of pages after which a blank page is inserted: the last page of each part
        of odd length, except the last part when nothing follows it."""
        if not self.footer.duplex:
            return set()
        last = len(parts) - 1
        return {
            index
            for index in range(len(parts))
            if (parts[index] != parts[index + 1] if index < last else self.footer.continued)
            and in_part[parts[index]] % 2 == 1
        }

    def _draw_footer(self, part: int, number: int, total: int) -> None:
        spec = self.footer
        width, _ = self._pagesize
        left, right = spec.margin_left, width - spec.margin_right
        titles = spec.part_titles
        title = titles[part] if part < len(titles) and titles[part] else spec.document_title
        if spec.version:
            title = f"{title} · Version {spec.version}"
        page_text = f"Seite {number} von {total}"
        printed = f"Gedruckt am {spec.printed_on}"
        size = FOOTER_FONT_SIZE
        self.saveState()
        self.setStrokeColor(RULE_COLOUR)
        self.setLineWidth(0.5)
        self.line(left, FOOTER_RULE_Y, right, FOOTER_RULE_Y)
        self.setFillColor(MUTED_COLOUR)
        room = right - left - stringWidth(page_text, fonts.BOLD, size) - 8 * mm
        self.setFont(fonts.REGULAR, size)
        self.drawString(left, FOOTER_RULE_Y - 4 * mm, _fit(title, fonts.REGULAR, size, room))
        self.setFont(fonts.BOLD, size)
        self.drawRightString(right, FOOTER_RULE_Y - 4 * mm, page_text)
        self.setFont(fonts.REGULAR, size)
        room = right - left - stringWidth(printed, fonts.REGULAR, size) - 8 * mm
        self.drawString(
            left, FOOTER_RULE_Y - 7.5 * mm, _fit(spec.school_name, fonts.REGULAR, size, room)
        )
        self.drawRightString(right, FOOTER_RULE_Y - 7.5 * mm, printed)
        self.restoreState()

    def _draw_mark(self, mark: PageMark, number: int, total: int) -> None:
        """The strip at the top of a continued page: name and details left, QR code and
        its text right, a rule beneath."""
        from dpo_desk.reports.flowables import draw_qr  # the QR drawing lives with the forms

        spec = self.footer
        width, height = self._pagesize
        left, right = spec.margin_left, width - spec.margin_right
        top = height - MARK_TOP
        code_width = stringWidth(mark.code, fonts.REGULAR, 6.5)
        room = right - left - max(MARK_QR, code_width) - 6 * mm
        self.saveState()
        draw_qr(self, mark.code, right - MARK_QR, top - MARK_QR, MARK_QR, mask=2)
        self.setFillColor(MUTED_COLOUR)
        self.setFont(fonts.REGULAR, 6.5)
        self.drawRightString(right, top - MARK_QR - 2.6 * mm, mark.code)
        self.setFillColor(colors.black)
        self.setFont(fonts.BOLD, 10)
        self.drawString(left, top - 5 * mm, _fit(mark.name, fonts.BOLD, 10, room))
        self.setFont(fonts.REGULAR, 8)
        self.setFillColor(MUTED_COLOUR)
        detail = f"{mark.detail} · Seite {number} von {total}" if mark.detail else ""
        self.drawString(left, top - 9.5 * mm, _fit(detail, fonts.REGULAR, 8, room))
        self.setFont(fonts.ITALIC, 8)
        self.drawString(left, top - 13.5 * mm, "Bitte auch diese Seite zurückgeben.")
        self.setStrokeColor(RULE_COLOUR)
        self.setLineWidth(0.5)
        rule = height - MARK_TOP - MARK_QR - 4 * mm
        self.line(left, rule, right - MARK_QR - 3 * mm, rule)
        self.restoreState()

    def _draw_blank_note(self) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFont(fonts.ITALIC, FOOTER_FONT_SIZE)
        self.setFillColor(MUTED_COLOUR)
        self.drawCentredString(width / 2, height / 2, BLANK_PAGE_NOTE)
        self.restoreState()
