"""The document engine: A4 pages with letterhead and footer, embedded Unicode fonts,
one page break per document part, progress and cancellation, atomic saving.

Build a list of ``DocumentPart`` (one per form, class sheet, register ...) from the
flowables in ``reports.flowables`` and the styles in ``reports.styles``, then call
``write_pdf`` (or ``render_pdf`` for a preview in memory). See
docs/sections/printing_engine.md.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError, NotAtTopPageBreak

from dpo_desk.reports import fonts
from dpo_desk.reports.atomic import DocumentCancelled, DocumentError, write_atomically
from dpo_desk.reports.letterhead import LOGO_UNREADABLE, Letterhead, letterhead_flowables, read_logo
from dpo_desk.reports.pages import (
    CONTINUED_ATTRIBUTE,
    MARK_HEIGHT,
    FooterSpec,
    NextPartFollows,
    NumberedCanvas,
    PageMark,
    PageNumbering,
    PartStart,
)
from dpo_desk.reports.shared_content import SharedContent
from dpo_desk.reports.text import format_date

__all__ = [
    "CONTENT_WIDTH",
    "DocumentCancelled",
    "DocumentError",
    "DocumentInfo",
    "DocumentPart",
    "DocumentResult",
    "Letterhead",
    "PageMark",
    "RenderedPdf",
    "render_pdf",
    "write_pdf",
]

PAGE_SIZE = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 25 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
CONTENT_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

ProgressCallback = Callable[[int, int], None]
"""Called with (parts laid out, parts in total); the last call is (total, total)."""
CancelCheck = Callable[[], bool]
"""Returns True when the user asked to stop; checked at the start of every part."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the whole PDF is: title and subject (also its metadata), the text version it
    prints (shown in the footer), and the school whose letterhead heads it."""

    title: str
    letterhead: Letterhead
    subject: str = ""
    version: str = ""
    printed_on: date = field(default_factory=date.today)
    duplex: bool = False
    numbering: PageNumbering = "part"
    continued: bool = False
    """More parts follow in another PDF joined after this one (``reports.parallel``): in
    duplex printing the last part is padded to an even page count as well."""


@dataclass
class DocumentPart:
    """One piece that starts on a new page: a student's form, a class sheet, a register.
    ``title`` replaces the document title in the footer of its pages (when not empty)."""

    flowables: list[Flowable]
    title: str = ""
    with_letterhead: bool = True
    mark: PageMark | None = None
    """Repeated at the top of the part's second and later pages (name and scan code)."""


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class DocumentResult:
    path: Path
    pages: int
    warnings: tuple[str, ...]


def _frame(top_gap: float = 0.0) -> Frame:
    return Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        CONTENT_HEIGHT - top_gap,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="content",
    )


def _flag(continued: bool) -> Callable[[object, object], None]:
    return lambda canvas, _doc: setattr(canvas, CONTINUED_ATTRIBUTE, continued)


class _Doc(BaseDocTemplate):
    """With ``marked`` the first page of each part has the full frame and its further
    pages leave room at the top for the mark strip (``pages.PageMark``)."""

    def __init__(self, stream: io.BytesIO, info: DocumentInfo, marked: bool = False) -> None:
        super().__init__(
            stream,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=info.title,
            author=info.letterhead.school_name,
            subject=info.subject,
            creator="dpo_desk",
            producer="dpo_desk (ReportLab)",
            lang="de-DE",
            initialFontName=fonts.REGULAR,
            initialFontSize=10,
        )
        self.marked = marked
        self.part_starting = True
        first = PageTemplate(id="page", frames=[_frame()], onPage=_flag(False))
        continued = PageTemplate(id="continued", frames=[_frame(MARK_HEIGHT)], onPage=_flag(True))
        self.addPageTemplates([first, continued])

    def handle_pageBegin(self) -> None:
        if self.marked:
            self.pageTemplate = self.pageTemplates[0 if self.part_starting else 1]
        super().handle_pageBegin()


def render_pdf(
    info: DocumentInfo,
    parts: Sequence[DocumentPart],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> RenderedPdf:
    """Lay out ``parts`` into a PDF in memory. Raises DocumentCancelled when ``cancelled``
    returns True, DocumentError when there is nothing to print or content does not fit."""
    fonts.register_fonts()
    if not parts:
        raise DocumentError("Es gibt nichts zu drucken: Das Dokument hätte keine Seite.")
    warnings: list[str] = []
    logo = read_logo(info.letterhead.logo)
    if info.letterhead.logo and logo is None:
        warnings.append(LOGO_UNREADABLE)
    total = len(parts)

    def on_part(index: int) -> None:
        if cancelled is not None and cancelled():
            raise DocumentCancelled()
        if progress is not None:
            progress(index, total)

    story: list[Flowable] = []
    marked = any(part.mark is not None for part in parts)
    # Many parts (a stack of forms): the letterhead is laid out and drawn once, and each
    # part's first page refers to it.
    shared = SharedContent(
        lambda: letterhead_flowables(info.letterhead, CONTENT_WIDTH, logo), CONTENT_HEIGHT
    )
    for index, part in enumerate(parts):
        if index:
            # No empty page when the previous part ended exactly at the bottom.
            story += [NextPartFollows(), NotAtTopPageBreak()]
        story.append(PartStart(index, on_part))
        if part.with_letterhead:
            story.append(shared.block())
        story.extend(part.flowables)

    footer = FooterSpec(
        document_title=info.title,
        version=info.version,
        printed_on=format_date(info.printed_on),
        school_name=info.letterhead.school_name,
        part_titles=tuple(part.title for part in parts),
        numbering=info.numbering,
        duplex=info.duplex,
        continued=info.continued,
        margin_left=MARGIN_LEFT,
        margin_right=MARGIN_RIGHT,
        part_marks=tuple(part.mark for part in parts) if marked else (),
    )
    canvases: list[NumberedCanvas] = []

    def make_canvas(*args: object, **kwargs: object) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, footer=footer, cancelled=cancelled, **kwargs)
        canvases.append(canvas)
        return canvas

    stream = io.BytesIO()
    try:
        _Doc(stream, info, marked).build(story, canvasmaker=make_canvas)
    except LayoutError as error:
        raise DocumentError(
            "Ein Inhalt ist zu groß für eine A4-Seite (z. B. ein sehr langer Text ohne "
            "Absatz in einer Tabellenzelle). Bitte den Text kürzen oder in Absätze teilen."
        ) from error
    if progress is not None:
        progress(total, total)
    return RenderedPdf(stream.getvalue(), canvases[-1].physical_pages, tuple(warnings))


def write_pdf(
    path: str | os.PathLike[str],
    info: DocumentInfo,
    parts: Sequence[DocumentPart],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> DocumentResult:
    """Render and save to ``path`` atomically: on cancellation or any error the target is
    untouched and no partial file is left (DocumentError with a German message)."""
    rendered = render_pdf(info, parts, progress=progress, cancelled=cancelled)
    target = write_atomically(path, rendered.data)
    return DocumentResult(target, rendered.pages, rendered.warnings)
