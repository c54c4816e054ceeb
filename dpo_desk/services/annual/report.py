"""The DPO's annual report for one school and year, gathered from every area."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from sqlalchemy import select

from dpo_desk.core.breaches.values import notification_deadline
from dpo_desk.core.dates import local_time
from dpo_desk.core.dsfa.risk import class_label
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.annual.report import AnnualContent, BreachLine, RequestLine, annual_document
from dpo_desk.reports.breaches.content import outcome
from dpo_desk.reports.engine import DocumentResult, write_pdf
from dpo_desk.services.breaches.printing import breach_print
from dpo_desk.services.breaches.records import breach_details
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.assessments import list_assessments
from dpo_desk.services.due.items import due_list
from dpo_desk.services.register.activities import list_activities
from dpo_desk.services.register.findings import school_findings
from dpo_desk.services.requests.records import list_requests
from dpo_desk.services.schools import get_logo, get_profile
from dpo_desk.store.models import ActivityVersion, AuditEvent, ProcessingActivity

FIRST_YEAR = 2000


def _year_span(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


def _register_changes(ctx: ServiceContext, school_id: int, year: int):
    start, end = _year_span(year)
    with ctx.reading() as session:
        created_ids = session.scalars(
            select(AuditEvent.entity_id).where(
                AuditEvent.school_id == school_id,
                AuditEvent.entity_type == "activity",
                AuditEvent.action == "create",
                AuditEvent.occurred_at >= start,
                AuditEvent.occurred_at < end,
            )
        ).all()
        names = dict(
            session.execute(
                select(ProcessingActivity.id, ProcessingActivity.name).where(
                    ProcessingActivity.id.in_(created_ids)
                )
            ).all()
        )
        released = [
            (row.snapshot["activity"]["name"], row.number, local_time(row.released_at).date())
            for row in session.scalars(
                select(ActivityVersion)
                .where(
                    ActivityVersion.school_id == school_id,
                    ActivityVersion.released_at >= start,
                    ActivityVersion.released_at < end,
                )
                .order_by(ActivityVersion.released_at)
            )
        ]
    created = tuple(names.get(i, f"(inzwischen gelöscht, Nr. {i})") for i in created_ids)
    return created, tuple(released)


def annual_content(ctx: ServiceContext, school_id: int, year: int) -> AnnualContent:
    today = ctx.clock.today()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            [Problem("year", f"Jahr: {year} – bitte ein Jahr von {FIRST_YEAR} bis {today.year}.")]
        )
    entries = list_activities(ctx, school_id)
    created, released = _register_changes(ctx, school_id, year)
    assessments = list_assessments(ctx, school_id)
    breaches = [
        breach_print(ctx, d)
        for d in breach_details(ctx, school_id)
        if d.data.aware_at is not None and local_time(d.data.aware_at).year == year
    ]
    requests = sorted(list_requests(ctx, school_id, year), key=lambda r: r.received_on)
    due = due_list(ctx, [school_id], include_backup=False)
    return AnnualContent(
        school=get_profile(ctx, school_id),
        logo=get_logo(ctx, school_id),
        year=year,
        printed_on=today,
        entries_total=len(entries),
        entries_released=sum(1 for e in entries if e.released_version),
        entries_draft=sum(1 for e in entries if e.status == "draft"),
        created=created,
        released=released,
        dsfa_done=tuple(
            (
                a.activity_name,
                a.version,
                local_time(a.signed_off_at).date(),
                class_label(a.highest_residual),
            )
            for a in assessments
            if a.signed_off_at is not None and local_time(a.signed_off_at).year == year
        ),
        dsfa_open=tuple(
            (a.activity_name, a.status_label) for a in assessments if a.signed_off_at is None
        ),
        breaches=tuple(
            BreachLine(
                b.reference,
                local_time(b.aware_at).date(),
                b.data.title,
                class_label(b.risk_class or None),
                outcome(b),
                b.data.notified_at is not None,
                None
                if b.data.notified_at is None
                else b.data.notified_at <= notification_deadline(b.aware_at),
                bool(b.data.no_notification_reason),
            )
            for b in breaches
        ),
        requests=tuple(
            RequestLine(
                r.reference,
                r.received_on,
                r.kind_label,
                r.status_label,
                r.answered_on,
                r.answered_in_time(),
                r.extended_until is not None,
            )
            for r in requests
        ),
        findings=tuple(
            (f.severity_label, f.entity_name, f.message) for f in school_findings(ctx, school_id)
        ),
        overdue=tuple((i.due, i.title) for i in due.overdue()),
    )


def print_annual_report(
    ctx: ServiceContext, school_id: int, year: int, path: str | os.PathLike[str]
) -> DocumentResult:
    info, parts = annual_document(annual_content(ctx, school_id, year))
    return write_pdf(path, info, parts)


def default_year(today: date) -> int:
    """In January the report of the year just ended, else the running year."""
    return today.year - 1 if today.month == 1 else today.year
