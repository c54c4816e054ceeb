"""Technical and organisational measures (TOM) of the school and of its processors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import func, select

from dpo_desk.core.register.rules import validate_tom
from dpo_desk.core.register.values import (
    CONTROL_TYPES,
    PROTECTION_GOALS,
    TOM_FIELD_LABELS,
    TOM_IN_PLACE,
    TOM_STATUSES,
    TomData,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.resource_files import load_json
from dpo_desk.services.changes import Changes, Counted, Created
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.register.mapping import jsonable
from dpo_desk.services.versions import RecordGone, check_version, differences_between
from dpo_desk.store.models import ActivityTom, Processor, TomMeasure

ENTITY = "tom"
CATALOGUE = ("data", "tom_catalogue.json")


@dataclass(frozen=True)
class TomSummary:
    id: int
    title: str
    description: str
    protection_goal: str
    control_type: str
    processor_id: int | None
    owner: str  # "Schule" or the processor's name
    used_by: int
    row_version: int = 1
    status: str = TOM_IN_PLACE
    due_on: date | None = None
    evidence_kind: str = ""
    evidence_reference: str = ""
    evidence_valid_until: date | None = None

    @property
    def goal_label(self) -> str:
        return PROTECTION_GOALS.get(self.protection_goal, self.protection_goal)

    @property
    def control_label(self) -> str:
        return CONTROL_TYPES.get(self.control_type, "")

    @property
    def status_label(self) -> str:
        return TOM_STATUSES.get(self.status, self.status)

    @property
    def data(self) -> TomData:
        return TomData(
            self.title,
            self.description,
            self.protection_goal,
            self.control_type,
            self.processor_id,
            self.status,
            self.due_on,
            self.evidence_kind,
            self.evidence_reference,
            self.evidence_valid_until,
        )


def tom_catalogue() -> list[dict[str, str]]:
    return list(load_json(*CATALOGUE)["massnahmen"])


def list_toms(
    ctx: ServiceContext, school_id: int, processor_id: int | str | None = "all"
) -> list[TomSummary]:
    """All measures (``"all"``), the school's own (``None``) or one processor's."""
    with ctx.reading() as session:
        query = (
            select(TomMeasure, Processor.name, func.count(ActivityTom.id))
            .outerjoin(Processor, Processor.id == TomMeasure.processor_id)
            .outerjoin(ActivityTom, ActivityTom.tom_id == TomMeasure.id)
            .where(TomMeasure.school_id == school_id)
            .group_by(TomMeasure.id, Processor.name)
            .order_by(func.lower(TomMeasure.title))
        )
        if processor_id is None:
            query = query.where(TomMeasure.processor_id.is_(None))
        elif processor_id != "all":
            query = query.where(TomMeasure.processor_id == processor_id)
        return [
            TomSummary(
                t.id,
                t.title,
                t.description,
                t.protection_goal,
                t.control_type,
                t.processor_id,
                owner or "Schule",
                used,
                t.row_version,
                *(getattr(t, name) for name in DETAIL_FIELDS),
            )
            for t, owner, used in session.execute(query)
        ]


DETAIL_FIELDS = ("status", "due_on", "evidence_kind", "evidence_reference", "evidence_valid_until")


def clean_tom(data: TomData) -> TomData:
    return replace(
        data,
        title=data.title.strip(),
        description=data.description.strip(),
        control_type=data.control_type or "",
        evidence_reference=data.evidence_reference.strip(),
    )


def _check_processor(session, school_id: int, processor_id: int | None) -> None:
    if processor_id is None:
        return
    owner = session.get(Processor, processor_id)
    if owner is None or owner.school_id != school_id:
        raise ValidationError([Problem("processor_id", "Auftragsverarbeiter: gibt es nicht.")])


def _values(data: TomData) -> dict[str, object]:
    return asdict(data)


def _load(session, tom_id: int) -> TomMeasure:
    row = session.get(TomMeasure, tom_id)
    if row is None:
        raise RecordGone(
            "Diese Maßnahme gibt es nicht mehr (inzwischen gelöscht). Nichts wurde gespeichert."
        )
    return row


def create_tom(ctx: ServiceContext, school_id: int, data: TomData) -> Created:
    clean = clean_tom(data)
    validate_tom(clean)
    with ctx.unit_of_work() as uow:
        _check_processor(uow.session, school_id, clean.processor_id)
        row = TomMeasure(school_id=school_id, **_values(clean))
        uow.session.add(row)
        uow.session.flush()
        uow.audit(ENTITY, row.id, "create", jsonable(_values(clean)), school_id=school_id)
        return Created(row.id, changes=uow.changes)


def update_tom(
    ctx: ServiceContext, tom_id: int, data: TomData, expected_version: int | None = None
) -> Changes:
    """Save a measure; refused (``StaleEdit``) when it changed since ``expected_version``."""
    clean = clean_tom(data)
    validate_tom(clean)
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, tom_id)
        before = {key: getattr(row, key) for key in _values(clean)}
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Die Maßnahme „{row.title}“",
            differences=differences_between(before, _values(clean), TOM_FIELD_LABELS),
        )
        _check_processor(uow.session, row.school_id, clean.processor_id)
        changes = changes_between(before, _values(clean))
        if changes:
            for key, value in _values(clean).items():
                setattr(row, key, value)
            uow.audit(ENTITY, row.id, "update", jsonable(changes), school_id=row.school_id)
        return uow.changes


def delete_tom(ctx: ServiceContext, tom_id: int) -> Changes:
    """Delete a measure; entries that referenced it lose the reference (their released
    versions keep its title in the snapshot)."""
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, tom_id)
        uow.audit(ENTITY, row.id, "delete", {"title": row.title}, school_id=row.school_id)
        linked = list(
            uow.session.scalars(select(ActivityTom.activity_id).where(ActivityTom.tom_id == tom_id))
        )
        for activity_id in linked:
            before = sorted(
                uow.session.scalars(
                    select(ActivityTom.tom_id).where(ActivityTom.activity_id == activity_id)
                )
            )
            after = [t for t in before if t != tom_id]
            uow.audit(
                "activity",
                activity_id,
                "update",
                {"tom_ids": [before, after]},
                school_id=row.school_id,
            )
        uow.session.delete(row)
        return uow.changes


def add_starter_set(
    ctx: ServiceContext, school_id: int, processor_id: int | None = None
) -> Counted:
    """Add the shipped starter measures that are not there yet; returns how many were added."""
    with ctx.unit_of_work() as uow:
        _check_processor(uow.session, school_id, processor_id)
        present = set(
            uow.session.scalars(
                select(TomMeasure.catalogue_key).where(
                    TomMeasure.school_id == school_id,
                    TomMeasure.processor_id.is_(None)
                    if processor_id is None
                    else TomMeasure.processor_id == processor_id,
                )
            )
        )
        added = 0
        for entry in tom_catalogue():
            if entry["key"] in present:
                continue
            row = TomMeasure(
                school_id=school_id,
                processor_id=processor_id,
                catalogue_key=entry["key"],
                title=entry["title"],
                description=entry["description"],
                protection_goal=entry["protection_goal"],
                control_type=entry["control_type"],
            )
            uow.session.add(row)
            uow.session.flush()
            uow.audit(
                ENTITY, row.id, "create", {"catalogue_key": entry["key"]}, school_id=school_id
            )
            added += 1
        return Counted(added, changes=uow.changes)
