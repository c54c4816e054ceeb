"""The end of a register entry's life: archived (no longer in use) with date and reason, kept
with its released versions for the retention period, and taken back into use if needed.

Archived entries leave the printed register and the checks; their versions stay readable.
An entry whose impact assessment is still a draft is not archived: the DSFA is finished or
discarded first, so no open work is hidden in the archive.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from dpo_desk.core.register.rules import add_months
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services import settings
from dpo_desk.services.changes import reported
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.activities import ActivityDetail, detail_of, load_activity
from dpo_desk.services.versions import check_version, mark_saved
from dpo_desk.store.models import DsfaAssessment

MAX_REASON = 1000


def default_retain_until(ctx: ServiceContext, archived_on: date) -> date:
    """The archive day plus the retention period of the settings (whole years)."""
    years = settings.read(ctx, settings.REGISTER_RETENTION_YEARS)
    return add_months(archived_on, 12 * years)


def archive_activity(
    ctx: ServiceContext,
    activity_id: int,
    reason: str,
    archived_on: date | None = None,
    retain_until: date | None = None,
    expected_version: int | None = None,
) -> ActivityDetail:
    """Mark the entry as no longer in use. Refused in German without a reason, with dates in
    the wrong order, or while its impact assessment is an open draft."""
    reason = reason.strip()
    archived_on = archived_on or ctx.clock.today()
    retain_until = retain_until or default_retain_until(ctx, archived_on)
    problems = []
    if not reason:
        problems.append(
            Problem("archive_reason", "Grund: Bitte angeben, warum der Eintrag archiviert wird.")
        )
    elif len(reason) > MAX_REASON:
        problems.append(Problem("archive_reason", f"Grund: höchstens {MAX_REASON} Zeichen."))
    if retain_until < archived_on:
        problems.append(
            Problem("retain_until", "Aufbewahren bis: liegt vor dem Tag der Archivierung.")
        )
    if problems:
        raise ValidationError(problems)
    with ctx.unit_of_work() as uow:
        row = load_activity(uow.session, activity_id)
        check_version(uow.session, row, expected_version, entity_type="activity", label=row.name)
        if row.archived_on is not None:
            raise ValidationError([Problem("archived", f"„{row.name}“ ist bereits archiviert.")])
        open_versions = list(
            uow.session.scalars(
                select(DsfaAssessment.version).where(
                    DsfaAssessment.activity_id == row.id, DsfaAssessment.status == "draft"
                )
            )
        )
        if open_versions:
            raise ValidationError(
                [
                    Problem(
                        "dsfa",
                        f"„{row.name}“ kann nicht archiviert werden: Die Folgenabschätzung "
                        f"(Version {open_versions[0]}) ist noch offen. Bitte sie zuerst "
                        "abschließen oder den Entwurf verwerfen.",
                    )
                ]
            )
        row.archived_on, row.archive_reason, row.retain_until = archived_on, reason, retain_until
        mark_saved(row)
        uow.audit(
            "activity",
            row.id,
            "archive",
            {
                "archived_on": archived_on.isoformat(),
                "archive_reason": reason,
                "retain_until": retain_until.isoformat(),
            },
            school_id=row.school_id,
        )
        uow.session.flush()
        return reported(detail_of(row), uow.changes)


def restore_activity(
    ctx: ServiceContext, activity_id: int, expected_version: int | None = None
) -> ActivityDetail:
    """Take an archived entry back into use (the processing is done again)."""
    with ctx.unit_of_work() as uow:
        row = load_activity(uow.session, activity_id)
        check_version(uow.session, row, expected_version, entity_type="activity", label=row.name)
        if row.archived_on is None:
            raise ValidationError([Problem("archived", f"„{row.name}“ ist nicht archiviert.")])
        before = {
            "archived_on": row.archived_on.isoformat(),
            "archive_reason": row.archive_reason,
        }
        row.archived_on, row.archive_reason, row.retain_until = None, "", None
        mark_saved(row)
        uow.audit("activity", row.id, "restore", before, school_id=row.school_id)
        uow.session.flush()
        return reported(detail_of(row), uow.changes)
