"""Release of register entries and their history of frozen versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from dpo_desk.core.register.rules import check_release, next_review_after
from dpo_desk.core.register.snapshot import make_snapshot
from dpo_desk.core.register.values import DRAFT, RELEASED
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import reported
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.activities import (
    ActivityDetail,
    detail_of,
    load_activity,
    refuse_archived,
)
from dpo_desk.services.register.mapping import activity_data, school_profile
from dpo_desk.services.versions import check_version
from dpo_desk.store.models import (
    ActivityVersion,
    ProcessingActivity,
    Processor,
    School,
    TomMeasure,
)

HEAD_ROLE = "Schulleitung"


@dataclass(frozen=True)
class VersionInfo:
    number: int
    released_at: datetime
    released_by: str
    snapshot: dict[str, Any]
    approved_by: str = ""
    approved_role: str = ""


def release_activity(
    ctx: ServiceContext,
    activity_id: int,
    today: date | None = None,
    expected_version: int | None = None,
    approved_by: str = "",
    approved_role: str = "",
) -> ActivityDetail:
    """Freeze the entry as the next version, approved by a named person in a role (by
    default the head of school from the profile); refused with the list of what is missing,
    and (``StaleEdit``) when it changed since ``expected_version`` was read."""
    today = today or ctx.clock.today()
    approved_by, approved_role = approved_by.strip(), approved_role.strip()
    with ctx.unit_of_work() as uow:
        session = uow.session
        row = load_activity(session, activity_id)
        check_version(session, row, expected_version, entity_type="activity", label=f"„{row.name}“")
        refuse_archived(row)
        if row.status == RELEASED:
            raise ValidationError(
                [
                    Problem(
                        "status",
                        f"„{row.name}“ ist bereits freigegeben (Version {row.released_version}).",
                    )
                ]
            )
        data = activity_data(row)
        school = session.get(School, row.school_id)
        assert school is not None
        check_release(data, school_profile(school))
        if not approved_by:
            approved_by = school.head_name.strip()
            approved_role = approved_role or (HEAD_ROLE if approved_by else "")
        if not approved_by:
            raise ValidationError(
                [
                    Problem(
                        "approved_by",
                        "Freigabe: Bitte den Namen der Person angeben, die freigibt (oder die "
                        "Schulleitung im Schulprofil eintragen).",
                    )
                ]
            )
        if data.next_review is None:
            row.next_review = data.next_review = next_review_after(
                today, data.review_interval_months
            )
        processors = session.scalars(
            select(Processor).where(Processor.id.in_(data.processor_ids)).order_by(Processor.name)
        )
        toms = session.scalars(
            select(TomMeasure).where(TomMeasure.id.in_(data.tom_ids)).order_by(TomMeasure.title)
        )
        number = row.released_version + 1
        now = ctx.clock.now()
        snapshot = make_snapshot(
            row.key,
            number,
            now,
            uow.actor,
            data,
            approved=(approved_by[:200], approved_role[:200]),
            processors=[processor_snapshot(p) for p in processors],
            toms=[
                {
                    "title": t.title,
                    "protection_goal": t.protection_goal,
                    "control_type": t.control_type,
                    "status": t.status,
                }
                for t in toms
            ],
            created_at=row.created_at,
            changed_at=row.updated_at,
        )
        session.add(
            ActivityVersion(
                school_id=row.school_id,
                activity_id=row.id,
                number=number,
                released_at=now,
                released_by=uow.actor,
                approved_by=approved_by[:200],
                approved_role=approved_role[:200],
                snapshot=snapshot,
            )
        )
        row.status = RELEASED
        row.released_version = number
        uow.audit(
            "activity",
            row.id,
            "release",
            {"status": [DRAFT, RELEASED], "version": number, "approved_by": approved_by},
            school_id=row.school_id,
        )
        session.flush()
        return reported(detail_of(row), uow.changes)


def list_versions(ctx: ServiceContext, activity_id: int) -> list[VersionInfo]:
    """Released versions, oldest first."""
    with ctx.reading() as session:
        load_activity(session, activity_id)
        rows = session.scalars(
            select(ActivityVersion)
            .where(ActivityVersion.activity_id == activity_id)
            .order_by(ActivityVersion.number)
        )
        return [
            VersionInfo(
                r.number, r.released_at, r.released_by, r.snapshot, r.approved_by, r.approved_role
            )
            for r in rows
        ]


def processor_snapshot(p: Processor) -> dict[str, Any]:
    """What a released version keeps of a processor: enough for the printouts to say who
    processes where, under which safeguard, even when the processor changes later."""
    return {
        "name": p.name,
        "country": p.country,
        "safeguard": p.safeguard,
        "hosting_location": p.hosting_location,
        "eu_only": p.eu_only,
        "sub_processors": [
            {
                "name": sub.name,
                "country": sub.country,
                "service": sub.service,
                "safeguard": sub.safeguard,
                "approved_on": sub.approved_on.isoformat() if sub.approved_on else None,
                "supplementary_measures": sub.supplementary_measures,
            }
            for sub in p.sub_processors
        ],
    }


def version_history(ctx: ServiceContext, school_id: int) -> dict[int, list[VersionInfo]]:
    """Every released version of every entry of the school, oldest first, by entry id."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(ActivityVersion)
            .where(ActivityVersion.school_id == school_id)
            .order_by(ActivityVersion.activity_id, ActivityVersion.number)
        )
        history: dict[int, list[VersionInfo]] = {}
        for r in rows:
            history.setdefault(r.activity_id, []).append(
                VersionInfo(
                    r.number,
                    r.released_at,
                    r.released_by,
                    r.snapshot,
                    r.approved_by,
                    r.approved_role,
                )
            )
        return history


def released_snapshots(ctx: ServiceContext, school_id: int) -> list[dict[str, Any]]:
    """The latest released version of every entry of the school in use (what the register
    prints); archived entries are left out."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(ActivityVersion)
            .join(ProcessingActivity, ProcessingActivity.id == ActivityVersion.activity_id)
            .where(ActivityVersion.school_id == school_id, ProcessingActivity.archived_on.is_(None))
            .order_by(ActivityVersion.activity_id, ActivityVersion.number)
        )
        latest: dict[int, dict[str, Any]] = {}
        for row in rows:
            latest[row.activity_id] = row.snapshot
    return sorted(latest.values(), key=lambda s: s["activity"]["name"].lower())


def linked_snapshot(
    ctx: ServiceContext, school_id: int, template_key: str
) -> dict[str, Any] | None:
    """The released entry linked to a consent template (its Art. 13 information), or None."""
    wanted = template_key.strip().lower()
    for snapshot in released_snapshots(ctx, school_id):
        if snapshot["activity"].get("consent_template_key") == wanted:
            return snapshot
    return None
