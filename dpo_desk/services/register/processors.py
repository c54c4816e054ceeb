"""Processors (Auftragsverarbeiter) with their contract (AVV), the Art. 28(3) checklist and
sub-processors; the contract file itself is in ``contracts``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from dpo_desk.core.register.rules import validate_processor
from dpo_desk.core.register.values import (
    CONTRACT_STATUSES,
    PROCESSOR_FIELD_LABELS,
    ProcessorData,
    make_key,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.register.activities import activities_using_processor
from dpo_desk.services.register.contract_file import read_contract, store_contract
from dpo_desk.services.register.mapping import (
    apply_processor,
    clean_processor,
    jsonable,
    processor_data,
)
from dpo_desk.services.versions import (
    RecordGone,
    check_version,
    differences_between,
    mark_saved,
)
from dpo_desk.store.models import Processor, TomMeasure

ENTITY = "processor"


@dataclass(frozen=True)
class ProcessorSummary:
    id: int
    key: str
    name: str
    country: str
    contract_status: str
    contract_date: date | None
    contract_review: date | None
    sub_processors: int
    used_by: tuple[str, ...]

    @property
    def contract_label(self) -> str:
        return CONTRACT_STATUSES.get(self.contract_status, self.contract_status)


@dataclass(frozen=True)
class ProcessorDetail:
    id: int
    school_id: int
    key: str
    data: ProcessorData
    contract_file_name: str
    used_by: tuple[tuple[int, str], ...]
    row_version: int = 1
    changes: Changes = changes_field()


def _load(session: Session, processor_id: int) -> Processor:
    row = session.get(Processor, processor_id)
    if row is None:
        raise RecordGone(
            "Diesen Auftragsverarbeiter gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    return row


def _detail(session: Session, row: Processor) -> ProcessorDetail:
    return ProcessorDetail(
        id=row.id,
        school_id=row.school_id,
        key=row.key,
        data=processor_data(row),
        contract_file_name=row.contract_file_name,
        used_by=tuple(activities_using_processor(session, row.id)),
        row_version=row.row_version,
    )


def list_processors(ctx: ServiceContext, school_id: int) -> list[ProcessorSummary]:
    with ctx.reading() as session:
        rows = session.scalars(
            select(Processor)
            .where(Processor.school_id == school_id)
            .options(selectinload(Processor.sub_processors))
            .order_by(func.lower(Processor.name))
        )
        return [
            ProcessorSummary(
                id=row.id,
                key=row.key,
                name=row.name,
                country=row.country,
                contract_status=row.contract_status,
                contract_date=row.contract_date,
                contract_review=row.contract_review,
                sub_processors=len(row.sub_processors),
                used_by=tuple(name for _, name in activities_using_processor(session, row.id)),
            )
            for row in rows
        ]


def all_processor_details(ctx: ServiceContext, school_id: int) -> list[ProcessorDetail]:
    with ctx.reading() as session:
        rows = session.scalars(
            select(Processor)
            .where(Processor.school_id == school_id)
            .options(selectinload(Processor.sub_processors), selectinload(Processor.checks))
            .order_by(func.lower(Processor.name))
        )
        return [_detail(session, row) for row in rows]


def get_processor(ctx: ServiceContext, processor_id: int) -> ProcessorDetail:
    with ctx.reading() as session:
        return _detail(session, _load(session, processor_id))


def create_processor(
    ctx: ServiceContext, school_id: int, data: ProcessorData, contract: Path | None = None
) -> ProcessorDetail:
    """A new processor; ``contract`` (a file chosen in the form) is stored with it in the
    same transaction."""
    clean = clean_processor(data)
    validate_processor(clean)
    file = read_contract(contract) if contract is not None else None
    with ctx.unit_of_work() as uow:
        taken = set(
            uow.session.scalars(select(Processor.key).where(Processor.school_id == school_id))
        )
        row = Processor(school_id=school_id, key=make_key(clean.name, taken))
        uow.session.add(row)
        apply_processor(row, clean)
        uow.session.flush()
        created = jsonable(clean.as_dict())
        if file is not None:
            store_contract(uow.session, row, file, ctx.clock.now())
            created["contract_file_name"] = file.name
        uow.audit(ENTITY, row.id, "create", created, school_id=school_id)
        return reported(_detail(uow.session, row), uow.changes)


def update_processor(
    ctx: ServiceContext,
    processor_id: int,
    data: ProcessorData,
    expected_version: int | None = None,
    contract: Path | None = None,
) -> ProcessorDetail:
    """Save changes, with ``contract`` (a file chosen in the form) as the new contract file,
    all in one transaction; refused (``StaleEdit``) when the processor changed since
    ``expected_version`` was read."""
    clean = clean_processor(data)
    validate_processor(clean)
    file = read_contract(contract) if contract is not None else None
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, processor_id)
        before = jsonable(processor_data(row).as_dict())
        after = jsonable(clean.as_dict())
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Der Auftragsverarbeiter „{row.name}“",
            differences=differences_between(before, after, PROCESSOR_FIELD_LABELS),
        )
        changes = changes_between(before, after)
        if file is not None:
            changes["contract_file_name"] = [row.contract_file_name, file.name]
            store_contract(uow.session, row, file, ctx.clock.now())
        if changes:
            apply_processor(row, clean)
            mark_saved(row)
            action = "attach" if list(changes) == ["contract_file_name"] else "update"
            uow.audit(ENTITY, row.id, action, changes, school_id=row.school_id)
            uow.session.flush()
        return reported(_detail(uow.session, row), uow.changes)


def delete_processor(ctx: ServiceContext, processor_id: int) -> Changes:
    """Refused while entries of the register still use the processor (they are listed)."""
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, processor_id)
        links = activities_using_processor(uow.session, processor_id)
        if links:
            names = ", ".join(f"„{name}“" for _, name in links)
            raise ValidationError(
                [
                    Problem(
                        "used_by",
                        f"„{row.name}“ kann nicht gelöscht werden: Er wird noch von {names} "
                        "verwendet. Bitte dort zuerst die Verknüpfung lösen.",
                    )
                ]
            )
        measures = uow.session.scalars(select(TomMeasure).where(TomMeasure.processor_id == row.id))
        for measure in measures:
            uow.audit(
                "tom", measure.id, "delete", {"title": measure.title}, school_id=row.school_id
            )
        uow.audit(
            ENTITY, row.id, "delete", {"key": row.key, "name": row.name}, school_id=row.school_id
        )
        uow.session.delete(row)  # its stored contract goes with it (foreign key cascade)
        return uow.changes
