"""Printouts of the breach area: the notification to the authority of the school's state,
the letter to the persons concerned, and the breach register."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from dpo_desk.core.authorities import with_authority
from dpo_desk.reports.breaches.content import BreachDocumentContent, BreachPrint
from dpo_desk.reports.breaches.letter import letter_document
from dpo_desk.reports.breaches.notification import notification_document
from dpo_desk.reports.breaches.register import register_document
from dpo_desk.reports.engine import DocumentInfo, DocumentPart, DocumentResult, write_pdf
from dpo_desk.services.breaches.records import BreachDetail, breach_details, get_breach
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.schools import get_logo, get_profile
from dpo_desk.store.models import ProcessingActivity, Processor

Layout = Callable[[BreachDocumentContent], tuple[DocumentInfo, list[DocumentPart]]]


def _names(ctx: ServiceContext, model, ids: list[int]) -> tuple[str, ...]:
    if not ids:
        return ()
    with ctx.reading() as session:
        return tuple(
            session.scalars(select(model.name).where(model.id.in_(ids)).order_by(model.name))
        )


def breach_print(ctx: ServiceContext, detail: BreachDetail) -> BreachPrint:
    return BreachPrint(
        detail.reference,
        detail.data,
        detail.risk_class,
        _names(ctx, ProcessingActivity, detail.data.activity_ids),
        _names(ctx, Processor, detail.data.processor_ids),
    )


def breach_content(
    ctx: ServiceContext, school_id: int, details: list[BreachDetail], today: date | None = None
) -> BreachDocumentContent:
    """The school (its state's authority filled in where the profile leaves it empty)."""
    return BreachDocumentContent(
        school=with_authority(get_profile(ctx, school_id)),
        logo=get_logo(ctx, school_id),
        printed_on=today or ctx.clock.today(),
        breaches=tuple(breach_print(ctx, d) for d in details),
    )


def _print_one(
    ctx: ServiceContext, breach_id: int, path: str | os.PathLike[str], layout: Layout
) -> DocumentResult:
    detail = get_breach(ctx, breach_id)
    info, parts = layout(breach_content(ctx, detail.school_id, [detail]))
    return write_pdf(path, info, parts)


def print_notification(
    ctx: ServiceContext, breach_id: int, path: str | os.PathLike[str]
) -> DocumentResult:
    """The notification to the supervisory authority (Art. 33(3))."""
    return _print_one(ctx, breach_id, path, notification_document)


def print_letter(
    ctx: ServiceContext, breach_id: int, path: str | os.PathLike[str]
) -> DocumentResult:
    """The letter to the persons concerned (Art. 34(2))."""
    return _print_one(ctx, breach_id, path, letter_document)


def print_breach_register(
    ctx: ServiceContext, school_id: int, path: str | os.PathLike[str]
) -> DocumentResult:
    """Every documented breach of the school (Art. 33(5))."""
    info, parts = register_document(breach_content(ctx, school_id, breach_details(ctx, school_id)))
    return write_pdf(path, info, parts)
