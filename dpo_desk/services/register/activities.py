"""Entries of the record of processing activities (VVT): list, read, create, edit, delete.

Saving never needs the mandatory Art. 30 content (a draft may be incomplete); releasing does
(``register.lifecycle``). Editing a released entry turns it into a new draft; the released
version stays frozen in its snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from dpo_desk.core.register.rules import validate_activity
from dpo_desk.core.register.values import (
    ACTIVITY_FIELD_LABELS,
    DRAFT,
    DSFA_LABELS,
    RELEASED,
    STATUS_LABELS,
    ActivityData,
    legal_basis_summary,
    make_key,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.register.mapping import (
    activity_data,
    apply_activity,
    check_links,
    clean_activity,
    jsonable,
)
from dpo_desk.services.versions import (
    RecordGone,
    check_version,
    differences_between,
    mark_saved,
)
from dpo_desk.store.models import ActivityProcessor, ProcessingActivity, Processor

ENTITY = "activity"


@dataclass(frozen=True)
class ActivitySummary:
    id: int
    key: str
    name: str
    status: str
    released_version: int
    legal_basis: str
    consent_based: bool
    dsfa: str
    next_review: date | None
    processors: str
    updated_at: datetime
    archived_on: date | None = None

    @property
    def archived(self) -> bool:
        return self.archived_on is not None

    @property
    def status_label(self) -> str:
        if self.archived_on is not None:
            return f"Archiviert am {self.archived_on:%d.%m.%Y}"
        if self.status == DRAFT and self.released_version:
            return f"Entwurf (gültig: Version {self.released_version})"
        if self.status == RELEASED:
            return f"Freigegeben (Version {self.released_version})"
        return STATUS_LABELS[self.status]

    @property
    def dsfa_label(self) -> str:
        return DSFA_LABELS.get(self.dsfa, self.dsfa)


@dataclass(frozen=True)
class ActivityDetail:
    id: int
    school_id: int
    key: str
    status: str
    released_version: int
    catalogue_key: str
    created_at: datetime
    updated_at: datetime
    data: ActivityData
    row_version: int = 1
    archived_on: date | None = None
    archive_reason: str = ""
    retain_until: date | None = None
    changes: Changes = changes_field()

    @property
    def archived(self) -> bool:
        return self.archived_on is not None


def _query(school_id: int):
    return (
        select(ProcessingActivity)
        .where(ProcessingActivity.school_id == school_id)
        .options(
            selectinload(ProcessingActivity.data_categories),
            selectinload(ProcessingActivity.recipients),
            selectinload(ProcessingActivity.transfers),
            selectinload(ProcessingActivity.processor_links),
            selectinload(ProcessingActivity.tom_links),
        )
        .order_by(func.lower(ProcessingActivity.name))
    )


def detail_of(row: ProcessingActivity) -> ActivityDetail:
    return ActivityDetail(
        id=row.id,
        school_id=row.school_id,
        key=row.key,
        status=row.status,
        released_version=row.released_version,
        catalogue_key=row.catalogue_key,
        created_at=row.created_at,
        updated_at=row.updated_at,
        data=activity_data(row),
        row_version=row.row_version,
        archived_on=row.archived_on,
        archive_reason=row.archive_reason,
        retain_until=row.retain_until,
    )


def load_activity(session: Session, activity_id: int) -> ProcessingActivity:
    row = session.get(ProcessingActivity, activity_id)
    if row is None:
        raise RecordGone(
            "Diesen Eintrag des Verzeichnisses gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    return row


def list_activities(ctx: ServiceContext, school_id: int) -> list[ActivitySummary]:
    with ctx.reading() as session:
        rows = list(session.scalars(_query(school_id)))
        names = dict(
            session.execute(
                select(Processor.id, Processor.name).where(Processor.school_id == school_id)
            ).all()
        )
        return [
            ActivitySummary(
                id=row.id,
                key=row.key,
                name=row.name,
                status=row.status,
                released_version=row.released_version,
                legal_basis=legal_basis_summary(row.legal_bases, row.legal_basis_text),
                consent_based=row.consent_based,
                dsfa=row.dsfa,
                next_review=row.next_review,
                processors=", ".join(
                    sorted(names[link.processor_id] for link in row.processor_links)
                ),
                updated_at=row.updated_at,
                archived_on=row.archived_on,
            )
            for row in rows
        ]


def all_activity_details(ctx: ServiceContext, school_id: int) -> list[ActivityDetail]:
    with ctx.reading() as session:
        return [detail_of(row) for row in session.scalars(_query(school_id))]


def get_activity(ctx: ServiceContext, activity_id: int) -> ActivityDetail:
    with ctx.reading() as session:
        return detail_of(load_activity(session, activity_id))


def find_activity(ctx: ServiceContext, school_id: int, key: str) -> ActivityDetail:
    """The entry a command-line user named by key (or exact name)."""
    wanted = key.strip().lower()
    with ctx.reading() as session:
        for row in session.scalars(_query(school_id)):
            if wanted in (row.key, row.name.lower(), str(row.id)):
                return detail_of(row)
    raise LookupError(f"Keine Verarbeitungstätigkeit „{key}“ gefunden.")


def taken_keys(session: Session, school_id: int) -> set[str]:
    return set(
        session.scalars(
            select(ProcessingActivity.key).where(ProcessingActivity.school_id == school_id)
        )
    )


def create_activity(
    ctx: ServiceContext, school_id: int, data: ActivityData, catalogue_key: str = ""
) -> ActivityDetail:
    """A new draft; only the name and valid choices are required."""
    clean = clean_activity(data)
    validate_activity(clean)
    with ctx.unit_of_work() as uow:
        check_links(uow.session, school_id, clean)
        row = ProcessingActivity(
            school_id=school_id,
            key=make_key(catalogue_key or clean.name, taken_keys(uow.session, school_id)),
            status=DRAFT,
            released_version=0,
            catalogue_key=catalogue_key,
        )
        uow.session.add(row)
        apply_activity(row, clean)
        uow.session.flush()
        uow.audit(ENTITY, row.id, "create", jsonable(clean.as_dict()), school_id=school_id)
        return reported(detail_of(row), uow.changes)


def update_activity(
    ctx: ServiceContext,
    activity_id: int,
    data: ActivityData,
    expected_version: int | None = None,
) -> ActivityDetail:
    """Save changes; a released entry becomes a new draft (its released version stays).
    Refused (``StaleEdit``) when the entry changed since ``expected_version`` was read."""
    clean = clean_activity(data)
    validate_activity(clean)
    with ctx.unit_of_work() as uow:
        row = load_activity(uow.session, activity_id)
        refuse_archived(row)
        before = jsonable(activity_data(row).as_dict())
        after = jsonable(clean.as_dict())
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Der Eintrag „{row.name}“",
            differences=differences_between(before, after, ACTIVITY_FIELD_LABELS),
        )
        check_links(uow.session, row.school_id, clean)
        changes = changes_between(before, after)
        if not changes:
            return detail_of(row)
        apply_activity(row, clean)
        mark_saved(row)
        if row.status == RELEASED:
            row.status = DRAFT
            changes["status"] = [RELEASED, DRAFT]
        uow.audit(ENTITY, row.id, "update", changes, school_id=row.school_id)
        uow.session.flush()
        return reported(detail_of(row), uow.changes)


def refuse_archived(row: ProcessingActivity) -> None:
    if row.archived_on is not None:
        raise ValidationError(
            [
                Problem(
                    "archived",
                    f"„{row.name}“ ist archiviert und wird nicht mehr geändert. Bitte zuerst "
                    "wieder in Gebrauch nehmen.",
                )
            ]
        )


def delete_activity(ctx: ServiceContext, activity_id: int, today: date | None = None) -> Changes:
    """Delete an entry with all its versions (the audit trail keeps that it existed).

    Only an entry that was never released, or an archived one whose retention has ended: a
    released entry is proof of what the school did and is archived instead."""
    today = today or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        row = load_activity(uow.session, activity_id)
        if row.released_version and (row.retain_until is None or row.retain_until >= today):
            until = (
                f" (aufbewahrt bis {row.retain_until:%d.%m.%Y})"
                if row.retain_until is not None
                else ""
            )
            raise ValidationError(
                [
                    Problem(
                        "status",
                        f"„{row.name}“ wurde freigegeben und bleibt als Nachweis erhalten"
                        f"{until}. Wird die Verarbeitung nicht mehr durchgeführt, bitte "
                        "archivieren; löschen lässt sich der Eintrag nach Ablauf der "
                        "Aufbewahrungsfrist.",
                    )
                ]
            )
        uow.audit(
            ENTITY,
            row.id,
            "delete",
            {"key": row.key, "name": row.name, "released_version": row.released_version},
            school_id=row.school_id,
        )
        uow.session.delete(row)
        return uow.changes


def activities_using_processor(session: Session, processor_id: int) -> list[tuple[int, str]]:
    rows = session.execute(
        select(ProcessingActivity.id, ProcessingActivity.name)
        .join(ActivityProcessor, ActivityProcessor.activity_id == ProcessingActivity.id)
        .where(ActivityProcessor.processor_id == processor_id)
        .order_by(func.lower(ProcessingActivity.name))
    )
    return [(r.id, r.name) for r in rows]
