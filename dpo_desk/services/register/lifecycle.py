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
from dpo_desk.services.register.activities import ActivityDetail, detail_of, load_activity
from dpo_desk.services.register.mapping import activity_data, school_profile
from dpo_desk.services.versions import check_version
from dpo_desk.store.models import ActivityVersion, Processor, School, TomMeasure


@dataclass(frozen=True)
class VersionInfo:
    number: int
    released_at: datetime
    released_by: str
    snapshot: dict[str, Any]


def release_activity(
    ctx: ServiceContext,
    activity_id: int,
    today: date | None = None,
    expected_version: int | None = None,
) -> ActivityDetail:
    """Freeze the entry as the next version; refused with the list of what is missing, and
    (``StaleEdit``) when it changed since ``expected_version`` was read."""
    today = today or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        session = uow.session
        row = load_activity(session, activity_id)
        check_version(session, row, expected_version, entity_type="activity", label=f"„{row.name}“")
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
            [
                {
                    "name": p.name,
                    "country": p.country,
                    "safeguard": p.safeguard,
                    "sub_processors": [
                        {
                            "name": sub.name,
                            "country": sub.country,
                            "service": sub.service,
                            "safeguard": sub.safeguard,
                        }
                        for sub in p.sub_processors
                    ],
                }
                for p in processors
            ],
            [
                {
                    "title": t.title,
                    "protection_goal": t.protection_goal,
                    "control_type": t.control_type,
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
                snapshot=snapshot,
            )
        )
        row.status = RELEASED
        row.released_version = number
        uow.audit(
            "activity",
            row.id,
            "release",
            {"status": [DRAFT, RELEASED], "version": number},
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
        return [VersionInfo(r.number, r.released_at, r.released_by, r.snapshot) for r in rows]


def released_snapshots(ctx: ServiceContext, school_id: int) -> list[dict[str, Any]]:
    """The latest released version of every entry of the school (what the register prints)."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(ActivityVersion)
            .where(ActivityVersion.school_id == school_id)
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
