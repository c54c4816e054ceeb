"""Printouts of the register: the whole dated register, one entry, and the information
sheet for data subjects (Art. 13) of an entry. Only released versions are printed."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from reportlab.platypus import Flowable

from dpo_desk.core.access import Right
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
    RegisterTom,
    entry_document,
    register_document,
)
from dpo_desk.reports.register.info_sheet import info_sheet_document, info_sheet_flowables
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.activities import get_activity
from dpo_desk.services.register.lifecycle import linked_snapshot, list_versions, released_snapshots
from dpo_desk.services.register.processors import all_processor_details
from dpo_desk.services.register.toms import list_toms
from dpo_desk.services.schools import get_logo, get_profile


def register_content(
    ctx: ServiceContext, school_id: int, today: date | None = None
) -> RegisterContent:
    ctx.require(Right.PRINT, school_id, "das Verarbeitungsverzeichnis drucken")
    return RegisterContent(
        school=get_profile(ctx, school_id),
        logo=get_logo(ctx, school_id),
        snapshots=released_snapshots(ctx, school_id),
        processors=[p.data for p in all_processor_details(ctx, school_id)],
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


def _latest_snapshot(ctx: ServiceContext, activity_id: int) -> tuple[int, dict[str, Any]]:
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
    return entry.school_id, versions[-1].snapshot


def print_entry(
    ctx: ServiceContext, activity_id: int, path: str | os.PathLike[str], today: date | None = None
) -> DocumentResult:
    school_id, snapshot = _latest_snapshot(ctx, activity_id)
    info, parts = entry_document(
        get_profile(ctx, school_id), get_logo(ctx, school_id), snapshot, today or ctx.clock.today()
    )
    return write_document(path, info, parts)


def print_info_sheet(
    ctx: ServiceContext, activity_id: int, path: str | os.PathLike[str], today: date | None = None
) -> DocumentResult:
    school_id, snapshot = _latest_snapshot(ctx, activity_id)
    info, parts = info_sheet_document(
        get_profile(ctx, school_id), get_logo(ctx, school_id), snapshot, today or ctx.clock.today()
    )
    return write_document(path, info, parts)


def info_sheet_for_template(
    ctx: ServiceContext, school_id: int, template_key: str
) -> list[Flowable] | None:
    """The Art. 13 information of the released entry linked to a consent template, for the
    consent form to print as its information text; None when no released entry links it."""
    snapshot = linked_snapshot(ctx, school_id, template_key)
    return None if snapshot is None else info_sheet_flowables(get_profile(ctx, school_id), snapshot)
