"""Printouts of the register: the whole dated register, one entry, and the information
sheet for data subjects (Art. 13) of an entry, per audience. Only released versions are
printed. An entry with open errors (its own, its processors' or the school profile's) is
refused with the list of errors, or printed marked as a draft when asked for one.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from reportlab.platypus import Flowable

from dpo_desk.core.access import Right
from dpo_desk.core.dates import format_date
from dpo_desk.core.register.findings import ERROR, for_activity
from dpo_desk.core.register.info_text import AUDIENCES, STUDENTS, default_audience
from dpo_desk.core.register.snapshot import compare_snapshots
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.engine import (
    CancelCheck,
    DocumentResult,
    ProgressCallback,
    RenderedPdf,
    render_pdf,
)
from dpo_desk.reports.output import write_document
from dpo_desk.reports.register.document import (
    RegisterContent,
    RegisterEntry,
    RegisterProcessor,
    RegisterTom,
    entry_document,
    register_document,
)
from dpo_desk.reports.register.info_sheet import info_sheet_document, info_sheet_flowables
from dpo_desk.reports.register.layout import VersionLine
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.activities import get_activity
from dpo_desk.services.register.contracts import has_contract
from dpo_desk.services.register.findings import school_findings
from dpo_desk.services.register.lifecycle import (
    VersionInfo,
    linked_snapshot,
    list_versions,
    released_snapshots,
    version_history,
)
from dpo_desk.services.register.processors import all_processor_details
from dpo_desk.services.register.toms import list_toms
from dpo_desk.services.schools import get_logo, get_profile


def version_lines(versions: list[VersionInfo]) -> tuple[VersionLine, ...]:
    """The history of an entry: each version with its approver and the fields it changed."""
    lines = []
    previous: dict[str, Any] | None = None
    for version in versions:
        if previous is None:
            changed = "erste Freigabe"
        else:
            labels = [
                label
                for label, _a, _b, diff in compare_snapshots(previous, version.snapshot)
                if diff
            ]
            changed = ", ".join(labels) or "keine inhaltliche Änderung"
        lines.append(
            VersionLine(
                version.number,
                format_date(version.released_at.astimezone().date()),
                version.approved_by,
                version.approved_role,
                changed,
            )
        )
        previous = version.snapshot
    return tuple(lines)


def register_content(
    ctx: ServiceContext, school_id: int, today: date | None = None
) -> RegisterContent:
    ctx.require(Right.PRINT, school_id, "das Verarbeitungsverzeichnis drucken")
    history = version_history(ctx, school_id)
    by_key = {versions[-1].snapshot["key"]: versions for versions in history.values()}
    entries = [
        RegisterEntry(snapshot, version_lines(by_key.get(snapshot["key"], [])))
        for snapshot in released_snapshots(ctx, school_id)
    ]
    return RegisterContent(
        school=get_profile(ctx, school_id),
        logo=get_logo(ctx, school_id),
        entries=entries,
        processors=[
            RegisterProcessor(p.data, has_contract(ctx, p.id))
            for p in all_processor_details(ctx, school_id)
        ],
        toms=[RegisterTom(t.owner, t.data) for t in list_toms(ctx, school_id)],
        printed_on=today or ctx.clock.today(),
    )


def print_register(
    ctx: ServiceContext,
    school_id: int,
    path: str | os.PathLike[str],
    *,
    today: date | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> DocumentResult:
    info, parts = register_document(register_content(ctx, school_id, today))
    return write_document(path, info, parts, progress=progress, cancelled=cancelled)


def render_register(ctx: ServiceContext, school_id: int, today: date | None = None) -> RenderedPdf:
    info, parts = register_document(register_content(ctx, school_id, today))
    return render_pdf(info, parts)


def open_errors(ctx: ServiceContext, activity_id: int) -> list[str]:
    """The errors that keep an entry's printouts from being handed out: its own, those of
    its processors and those of the school profile (the controller and DPO it names)."""
    entry = get_activity(ctx, activity_id)
    findings = school_findings(ctx, entry.school_id)
    concerned = for_activity(findings, activity_id, set(entry.data.processor_ids))
    concerned += [f for f in findings if f.entity_type == "school"]
    return [f.message for f in concerned if f.severity == ERROR]


def _printable(
    ctx: ServiceContext, activity_id: int, draft: bool, what: str
) -> tuple[int, list[VersionInfo], list[str] | None]:
    entry = get_activity(ctx, activity_id)
    versions = list_versions(ctx, activity_id)
    if not versions:
        raise ValidationError(
            [
                Problem(
                    "status",
                    f"„{entry.data.name}“ ist noch nicht freigegeben. Gedruckt wird die "
                    "freigegebene Fassung; bitte den Eintrag zuerst freigeben.",
                )
            ]
        )
    ctx.require(Right.PRINT, entry.school_id, "Einträge und Informationsblätter drucken")
    errors = open_errors(ctx, activity_id)
    if errors and not draft:
        head = Problem(
            "errors",
            f"{what} zu „{entry.data.name}“ wird nicht gedruckt: Es gibt noch offene Fehler. "
            "Bitte beheben (Verzeichnis → Prüfungen) oder ausdrücklich als Entwurf drucken.",
        )
        raise ValidationError([head, *(Problem("errors", e) for e in errors)])
    return entry.school_id, versions, errors or None


def print_entry(
    ctx: ServiceContext,
    activity_id: int,
    path: str | os.PathLike[str],
    today: date | None = None,
    draft: bool = False,
) -> DocumentResult:
    """The released entry with its approval block and history; refused with open errors
    unless ``draft`` (then marked as a draft not to be handed out)."""
    school_id, versions, reasons = _printable(ctx, activity_id, draft, "Der Eintrag")
    entry = RegisterEntry(versions[-1].snapshot, version_lines(versions))
    info, parts = entry_document(
        get_profile(ctx, school_id),
        get_logo(ctx, school_id),
        entry,
        today or ctx.clock.today(),
        reasons,
    )
    return write_document(path, info, parts)


def print_info_sheet(
    ctx: ServiceContext,
    activity_id: int,
    path: str | os.PathLike[str],
    today: date | None = None,
    audience: str | None = None,
    draft: bool = False,
) -> DocumentResult:
    """The Art. 13 sheet for ``audience`` (by default chosen from the data subjects);
    refused with open errors unless ``draft``."""
    if audience is not None and audience not in AUDIENCES:
        choices = ", ".join(AUDIENCES)
        raise ValidationError(
            [Problem("audience", f"Zielgruppe „{audience}“ gibt es nicht (möglich: {choices}).")]
        )
    school_id, versions, reasons = _printable(ctx, activity_id, draft, "Das Informationsblatt")
    snapshot = versions[-1].snapshot
    audience = audience or default_audience(snapshot["activity"]["data_subjects"])
    info, parts = info_sheet_document(
        get_profile(ctx, school_id),
        get_logo(ctx, school_id),
        snapshot,
        today or ctx.clock.today(),
        audience,
        reasons,
    )
    return write_document(path, info, parts)


def info_sheet_for_template(
    ctx: ServiceContext, school_id: int, template_key: str
) -> list[Flowable] | None:
    """The Art. 13 information of the released entry linked to a consent template, for the
    consent form to print as its information text; None when no released entry links it."""
    snapshot = linked_snapshot(ctx, school_id, template_key)
    if snapshot is None:
        return None
    return info_sheet_flowables(get_profile(ctx, school_id), snapshot, STUDENTS)
