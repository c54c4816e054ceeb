"""Printing an impact assessment: the current version of an activity's assessment, or a
chosen one. A signed-off version prints with the matrix and measure titles stored with it."""

from __future__ import annotations

import os
from datetime import date

from dpo_desk.core.access import Right
from dpo_desk.core.dates import format_date
from dpo_desk.core.dsfa.threshold import CONCLUSION_LABELS, INDICATORS, StateLists, met_labels
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.dsfa.report import (
    DsfaReportContent,
    ReportAction,
    ReportScenario,
    ReportView,
    dsfa_document,
)
from dpo_desk.reports.engine import DocumentResult, RenderedPdf, render_pdf
from dpo_desk.reports.output import write_document
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.assessments import assessment_versions, get_assessment, get_threshold
from dpo_desk.services.dsfa.threshold import threshold_lists
from dpo_desk.services.dsfa.views import AssessmentDetail
from dpo_desk.services.register.activities import get_activity
from dpo_desk.services.schools import get_logo, get_profile


def report_content(
    ctx: ServiceContext, detail: AssessmentDetail, today: date | None = None
) -> DsfaReportContent:
    ctx.require(Right.PRINT, detail.school_id, "Folgenabschätzungen drucken")
    threshold = get_threshold(ctx, detail.activity_id)
    lists = threshold_lists(ctx, detail.activity_id)
    threshold_text, met, items = "", (), ()
    if threshold is not None:
        threshold_text = (
            f"{CONCLUSION_LABELS[threshold.conclusion]} ({threshold.answers.count} von "
            f"{len(INDICATORS)} Kriterien der WP 248 erfüllt; vom "
            f"{format_date(threshold.assessed_on)})"
        )
        met = tuple(met_labels(threshold.answers))
        items = tuple(_list_item(lists, key) for key in sorted(threshold.answers.list_items))
    return DsfaReportContent(
        school=get_profile(ctx, detail.school_id),
        logo=get_logo(ctx, detail.school_id),
        activity_name=detail.activity_name,
        version=detail.version,
        signed_off=detail.frozen,
        data=detail.data,
        scenarios=[
            ReportScenario(s.number, s.data, tuple(m.title for m in s.measures))
            for s in detail.scenarios
        ],
        matrix=detail.matrix,
        signed_off_at=detail.signed_off_at,
        signed_off_by=detail.signed_off_by,
        threshold=threshold_text,
        printed_on=today or ctx.clock.today(),
        criteria_met=met,
        list_items=items,
        list_note=_list_note(lists),
        actions=tuple(
            ReportAction(
                a.title,
                ", ".join(str(n) for n in a.scenarios),
                a.data.owner,
                format_date(a.data.due_on),
                a.status_label,
            )
            for a in detail.actions
        ),
        views=tuple(
            ReportView(
                v.data.group_name, format_date(v.data.asked_on), v.data.summary, v.data.response
            )
            for v in detail.views
        ),
    )


def _list_item(lists: StateLists, key: str) -> str:
    for mandatory in lists.lists:
        for item in mandatory.items:
            if item.key == key:
                return f"{mandatory.short} Nr. {key.rpartition('-')[2]}: {item.text}"
    return key


def _list_note(lists: StateLists) -> str:
    """Which lists were applied, with source and date (or that none is stored)."""
    if lists.missing:
        return lists.note
    sources = "; ".join(
        f"{m.title}, Version {m.version}, Stand {m.date_label} ({m.source})" for m in lists.lists
    )
    return f"Angewandte Liste: {sources}. {lists.note}".strip()


def _detail_for_activity(
    ctx: ServiceContext, activity_id: int, version: int | None = None
) -> AssessmentDetail:
    versions = assessment_versions(ctx, activity_id)
    name = get_activity(ctx, activity_id).data.name
    if not versions:
        raise ValidationError(
            [Problem("activity", f"Für „{name}“ gibt es noch keine Folgenabschätzung.")]
        )
    if version is None:
        return versions[-1]
    for detail in versions:
        if detail.version == version:
            return detail
    raise ValidationError(
        [
            Problem(
                "version",
                f"Die Folgenabschätzung für „{name}“ hat keine Version {version} "
                f"(vorhanden: {', '.join(str(v.version) for v in versions)}).",
            )
        ]
    )


def print_assessment(
    ctx: ServiceContext,
    assessment_id: int,
    path: str | os.PathLike[str],
    today: date | None = None,
) -> DocumentResult:
    info, parts = dsfa_document(report_content(ctx, get_assessment(ctx, assessment_id), today))
    return write_document(path, info, parts)


def render_assessment(
    ctx: ServiceContext, assessment_id: int, today: date | None = None
) -> RenderedPdf:
    info, parts = dsfa_document(report_content(ctx, get_assessment(ctx, assessment_id), today))
    return render_pdf(info, parts)


def print_activity_assessment(
    ctx: ServiceContext,
    activity_id: int,
    path: str | os.PathLike[str],
    today: date | None = None,
    version: int | None = None,
) -> DocumentResult:
    """The given version of the activity's assessment, by default the newest."""
    detail = _detail_for_activity(ctx, activity_id, version)
    info, parts = dsfa_document(report_content(ctx, detail, today))
    return write_document(path, info, parts)
