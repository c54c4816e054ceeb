"""Consent printouts: forms per student, letters with return slips, class signature sheets,
reminders, participant lists, the teachers' list and the status list (also as XLSX/CSV).
Gathers the values (``gather``), lays them out, saves, and logs what was handed out.

A document that families tick and sign (``PrintDocument.handed_out``) is logged when it is
saved or sent to the printer (``log_handout``): which text version went to which student.
Problems while laying out or saving raise ``reports.atomic.DocumentError``; nothing is
written or logged then.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from dpo_desk.reports.atomic import write_atomically
from dpo_desk.reports.consent.form import consent_forms_document
from dpo_desk.reports.consent.letter import letters_and_slips_document, slips_document
from dpo_desk.reports.consent.participants import participants_document
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.consent.reminder import reminders_document
from dpo_desk.reports.consent.signature_sheet import signature_sheets_document
from dpo_desk.reports.consent.status_list import status_list_document
from dpo_desk.reports.consent.status_table import write_table
from dpo_desk.reports.consent.teacher_list import teacher_list_document, teacher_list_text
from dpo_desk.reports.engine import (
    CancelCheck,
    DocumentInfo,
    DocumentPart,
    DocumentResult,
    ProgressCallback,
    RenderedPdf,
    render_pdf,
)
from dpo_desk.reports.fonts import missing_characters
from dpo_desk.reports.output import is_docx
from dpo_desk.reports.parallel import render_split, split_worthwhile
from dpo_desk.services.changes import Changes
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.heap import bulk_work
from dpo_desk.services.printing.gather import gather, rejected
from dpo_desk.services.printing.request import DOCUMENT_LABELS, PrintDocument, PrintRequest

__all__ = ["DOCUMENT_LABELS", "PrintDocument", "PrintRequest", "gather"]

TABLE_SUFFIXES = (".xlsx", ".csv")

Layout = Callable[[ConsentPrint], tuple[DocumentInfo, list[DocumentPart]]]
LAYOUTS: dict[PrintDocument, Layout] = {
    PrintDocument.CONSENT_FORMS: consent_forms_document,
    PrintDocument.LETTER_AND_SLIPS: letters_and_slips_document,
    PrintDocument.RETURN_SLIPS: slips_document,
    PrintDocument.SIGNATURE_SHEET: signature_sheets_document,
    PrintDocument.REMINDERS: reminders_document,
    PrintDocument.PARTICIPANTS: participants_document,
    PrintDocument.TEACHER_LIST: teacher_list_document,
    PrintDocument.STATUS_LIST: status_list_document,
}
SPLIT_LAYOUTS = frozenset(
    {PrintDocument.CONSENT_FORMS, PrintDocument.LETTER_AND_SLIPS, PrintDocument.RETURN_SLIPS}
)
"""Stacks with one part per student, laid out on two cores when long (``reports.parallel``)."""


@dataclass(frozen=True)
class RenderedPrint(RenderedPdf):
    """A rendered printout and what it hands out: the text version and the students."""

    version: int = 0
    student_ids: tuple[int, ...] = ()


def layout(job: ConsentPrint, document: PrintDocument) -> tuple[DocumentInfo, list[DocumentPart]]:
    return LAYOUTS[document](job)


def render_document(
    ctx: ServiceContext,
    school_id: int,
    request: PrintRequest,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> RenderedPrint:
    """The PDF in memory (preview, printing); save it with ``save_rendered``. Its warnings
    name an unreadable logo and names the font cannot print."""
    with bulk_work():
        return _render(ctx, school_id, request, progress, cancelled)


def _render(
    ctx: ServiceContext,
    school_id: int,
    request: PrintRequest,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> RenderedPrint:
    job = gather(ctx, school_id, request)
    if request.document in SPLIT_LAYOUTS and split_worthwhile(len(job.students)):
        # A whole school's stack: both cores, the halves joined (see reports.parallel).
        rendered = render_split(
            LAYOUTS[request.document], job, progress=progress, cancelled=cancelled
        )
    else:
        info, parts = layout(job, request.document)
        rendered = render_pdf(info, parts, progress=progress, cancelled=cancelled)
    return RenderedPrint(
        rendered.data,
        rendered.pages,
        rendered.warnings + name_warnings(job.students),
        job.version.version,
        tuple(student.student_id for student in job.students),
    )


def name_warnings(students: tuple[PrintStudent, ...]) -> tuple[str, ...]:
    """A warning when names hold characters the shipped font has no glyph for (they would
    print as empty boxes), naming the first few students so the secretary can check them."""
    missing = {s.student_id: missing_characters(s.full_name + s.class_name) for s in students}
    affected = [s for s in students if missing[s.student_id]]
    if not affected:
        return ()
    chars = sorted(set().union(*(missing[s.student_id] for s in affected)))
    names = "; ".join(s.list_name for s in affected[:3]) + (" …" if len(affected) > 3 else "")
    return (
        f"{len(affected)} Name(n) enthalten Schriftzeichen, die die Druckschrift nicht "
        f"darstellen kann ({' '.join(chars[:5])}), und würden als leere Kästchen gedruckt: "
        f"{names}. Bitte die Schreibweise unter „Schüler & Klassen“ prüfen (z. B. in "
        "lateinischer Umschrift ergänzen).",
    )


def save_rendered(rendered: RenderedPdf, path: str | os.PathLike[str]) -> DocumentResult:
    """Save an already rendered PDF atomically (DocumentError with a German message)."""
    target: Path = write_atomically(path, rendered.data)
    return DocumentResult(target, rendered.pages, rendered.warnings)


def log_handout(
    ctx: ServiceContext, school_id: int, request: PrintRequest, rendered: RenderedPrint
) -> Changes:
    """Remember which text version a printout families sign handed to which students (after
    it was saved or sent to the printer); nothing for other documents."""
    if not request.document.handed_out or not rendered.student_ids:
        return Changes()
    return log_printed(
        ctx,
        school_id,
        request.template_key,
        rendered.version,
        rendered.student_ids,
        request.document.value,
    ).changes


def save_table(
    ctx: ServiceContext, school_id: int, request: PrintRequest, path: str | os.PathLike[str]
) -> DocumentResult:
    """The status list as XLSX or CSV (by the extension), formula-safe, atomically."""
    if not request.document.tables:
        raise rejected(
            "output",
            f"„{request.document.label}“ gibt es nur als PDF. Bitte eine Datei auf .pdf wählen.",
        )
    job = gather(ctx, school_id, request)
    return DocumentResult(write_table(job, path), 0, name_warnings(job.students))


def print_document(
    ctx: ServiceContext,
    school_id: int,
    request: PrintRequest,
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> DocumentResult:
    """Render and save to ``path`` (PDF; Word when it ends in ``.docx``; the status list also
    .xlsx/.csv), then log the handout; on any error no file is left behind and nothing is
    logged."""
    if Path(path).suffix.lower() in TABLE_SUFFIXES:
        return save_table(ctx, school_id, request, path)
    if is_docx(path):
        from dpo_desk.reports.docx.writer import write_docx

        job = gather(ctx, school_id, request)
        info, parts = layout(job, request.document)
        written = write_docx(path, info, parts, progress=progress, cancelled=cancelled)
        if request.document.handed_out and job.students:
            log_printed(
                ctx,
                school_id,
                request.template_key,
                job.version.version,
                [student.student_id for student in job.students],
                request.document.value,
            )
        return replace(written, warnings=written.warnings + name_warnings(job.students))
    rendered = render_document(ctx, school_id, request, progress=progress, cancelled=cancelled)
    result = save_rendered(rendered, path)
    log_handout(ctx, school_id, request, rendered)
    return result


def teacher_text(ctx: ServiceContext, school_id: int, request: PrintRequest) -> str:
    """The teachers' list as text for the clipboard (formula-safe)."""
    return teacher_list_text(gather(ctx, school_id, request))
