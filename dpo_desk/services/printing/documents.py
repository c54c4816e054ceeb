"""Consent printouts: forms per student, class signature sheets, reminder letters and the
"Wer darf teilnehmen?" lists. Gathers plain values (``reports.print_data``) from the consent,
roster, school and register services, checks the request, and hands them to the layout.

Rejected requests (unknown template or class, a template without options, a class without
students, nothing to remind) raise ``ValidationError`` with German messages; problems while
laying out or saving raise ``reports.engine.DocumentError``. Nothing is written then.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dpo_desk.core.access import Right
from dpo_desk.core.consent.scan_code import make_scan_code
from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.atomic import write_atomically
from dpo_desk.reports.consent.form import consent_forms_document
from dpo_desk.reports.consent.participants import participants_document
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.consent.reminder import reminders_document
from dpo_desk.reports.consent.signature_sheet import signature_sheets_document
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
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.services.consent.overview import StudentConsent, template_status
from dpo_desk.services.consent.scanning import school_code_key
from dpo_desk.services.consent.templates import TemplateInfo, get_template
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.heap import bulk_work
from dpo_desk.services.printing.request import DOCUMENT_LABELS, PrintDocument, PrintRequest
from dpo_desk.services.register.lifecycle import linked_snapshot
from dpo_desk.services.roster.students import list_classes
from dpo_desk.services.schools import get_logo, get_profile

__all__ = ["DOCUMENT_LABELS", "PrintDocument", "PrintRequest"]


Layout = Callable[[ConsentPrint], tuple[DocumentInfo, list[DocumentPart]]]
LAYOUTS: dict[PrintDocument, Layout] = {
    PrintDocument.CONSENT_FORMS: consent_forms_document,
    PrintDocument.SIGNATURE_SHEET: signature_sheets_document,
    PrintDocument.REMINDERS: reminders_document,
    PrintDocument.PARTICIPANTS: participants_document,
}


def _rejected(field: str, message: str) -> ValidationError:
    return ValidationError([Problem(field, message)])


def _template(ctx: ServiceContext, school_id: int, key: str) -> TemplateInfo:
    if not key.strip():
        raise _rejected("template", "Bitte eine Einwilligungsvorlage wählen.")
    try:
        info = get_template(ctx, school_id, key)
    except LookupError as exc:
        raise _rejected("template", str(exc.args[0] if exc.args else exc)) from None
    if not info.current.options:
        raise _rejected(
            "template",
            f"Die Vorlage „{info.title}“ hat keine Optionen zum Ankreuzen. Bitte unter "
            "„Einwilligungen“ mindestens eine Option (JA/NEIN) anlegen.",
        )
    return info


def _chosen_rows(
    ctx: ServiceContext,
    school_id: int,
    info: TemplateInfo,
    rows: list[StudentConsent],
    class_names: tuple[str, ...],
) -> list[StudentConsent]:
    if not class_names:
        if not rows:
            raise _rejected(
                "class",
                f"Die Vorlage „{info.title}“ gilt für keine Schülerin und keinen Schüler "
                "der Schule. Bitte unter „Schüler & Klassen“ die Schülerliste einlesen oder "
                "die Klassen der Vorlage prüfen.",
            )
        return rows
    classes = {c.name.casefold(): c for c in list_classes(ctx, school_id)}
    wanted: set[str] = set()
    for name in class_names:
        found = classes.get(name.strip().casefold())
        if found is None:
            raise _rejected("class", f"Die Klasse „{name}“ gibt es im aktuellen Schuljahr nicht.")
        members = [r for r in rows if r.class_name.casefold() == found.name.casefold()]
        if not members:
            reason = (
                "hat keine Schülerinnen und Schüler"
                if found.student_count == 0
                else f"gehört nicht zu den Klassen, für die die Vorlage „{info.title}“ gilt"
            )
            raise _rejected(
                "class", f"Die Klasse {found.name} {reason}. Es gibt nichts zu drucken."
            )
        wanted.add(found.name.casefold())
    return [r for r in rows if r.class_name.casefold() in wanted]


def gather(ctx: ServiceContext, school_id: int, request: PrintRequest) -> ConsentPrint:
    """Check the request and collect what the document prints (no layout yet)."""
    ctx.require(Right.PRINT, school_id, "Einwilligungsformulare und Listen drucken")
    info = _template(ctx, school_id, request.template_key)
    version = info.current
    option_keys: tuple[str, ...] = ()
    if request.option_key:
        if version.option(request.option_key) is None:
            known = ", ".join(f"{o.key} ({o.label})" for o in version.options)
            raise _rejected(
                "option",
                f"Die Vorlage „{info.title}“ hat keine Option „{request.option_key}“. "
                f"Vorhanden: {known}.",
            )
        option_keys = (request.option_key,)
    day = request.printed_on or ctx.clock.today()
    status = template_status(ctx, school_id, info.key, on=day)
    rows = _chosen_rows(ctx, school_id, info, status.rows, request.class_names)
    if request.document is PrintDocument.REMINDERS:
        rows = [r for r in rows if r.has_any(ConsentState.NOT_RETURNED)]
        if not rows:
            raise _rejected(
                "class",
                "Keine Erinnerung nötig: Von allen gewählten Schülerinnen und Schülern liegt "
                "eine Antwort vor.",
            )
    with_codes = request.document is PrintDocument.CONSENT_FORMS
    school_key = ""
    if with_codes:
        with ctx.reading() as session:
            school_key = school_code_key(session, school_id)
    students = tuple(
        PrintStudent(
            student_id=row.student_id,
            last_name=row.last_name,
            first_names=row.first_names,
            class_name=row.class_name,
            birth_date=row.birth_date,
            scan_code=make_scan_code(school_key, row.student_id, info.key, version.version)
            if with_codes
            else "",
            states={key: value.state for key, value in row.states.items()},
        )
        for row in rows
    )
    profile = get_profile(ctx, school_id)
    return ConsentPrint(
        school=profile,
        letterhead=letterhead_of(profile, get_logo(ctx, school_id)),
        version=version,
        students=students,
        printed_on=day,
        linked_snapshot=linked_snapshot(ctx, school_id, info.key) if with_codes else None,
        duplex=request.duplex,
        option_keys=option_keys,
    )


def layout(job: ConsentPrint, document: PrintDocument) -> tuple[DocumentInfo, list[DocumentPart]]:
    return LAYOUTS[document](job)


def render_document(
    ctx: ServiceContext,
    school_id: int,
    request: PrintRequest,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> RenderedPdf:
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
) -> RenderedPdf:
    job = gather(ctx, school_id, request)
    if request.document is PrintDocument.CONSENT_FORMS and split_worthwhile(len(job.students)):
        # A whole school's forms: both cores, the halves joined (see reports.parallel).
        rendered = render_split(consent_forms_document, job, progress=progress, cancelled=cancelled)
    else:
        info, parts = layout(job, request.document)
        rendered = render_pdf(info, parts, progress=progress, cancelled=cancelled)
    return replace(rendered, warnings=rendered.warnings + name_warnings(job.students))


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


def print_document(
    ctx: ServiceContext,
    school_id: int,
    request: PrintRequest,
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> DocumentResult:
    """Render and save to ``path`` (Word when it ends in ``.docx``); on any error no file
    is left behind."""
    if is_docx(path):
        from dpo_desk.reports.docx.writer import write_docx

        job = gather(ctx, school_id, request)
        info, parts = layout(job, request.document)
        written = write_docx(path, info, parts, progress=progress, cancelled=cancelled)
        return replace(written, warnings=written.warnings + name_warnings(job.students))
    rendered = render_document(ctx, school_id, request, progress=progress, cancelled=cancelled)
    return save_rendered(rendered, path)
