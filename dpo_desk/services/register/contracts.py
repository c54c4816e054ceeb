"""The signed contract (AVV) of a processor, kept inside the database.

Stored in the database it is encrypted with it, part of every backup and restored with it,
and no stored path can point anywhere. To open it the app writes a private copy into the
data folder's ``ansicht`` folder, which is emptied at every start, at locking and at exit.
"""

from __future__ import annotations

from pathlib import Path

from dpo_desk.services.changes import reported
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.contract_file import read_contract, store_contract
from dpo_desk.services.register.processors import ENTITY, ProcessorDetail, _detail, _load
from dpo_desk.store.models import ProcessorContract


def check_contract_file(source: Path) -> Path:
    """The file, if it can be attached (a regular, readable file within the size limit);
    else ValidationError in German. Editors check a chosen file at once and hand it to the
    processor's save (``create_processor``/``update_processor``, ``contract=``), so
    "Abbrechen" leaves the stored contract as it was."""
    read_contract(Path(source))
    return Path(source)


def attach_contract(ctx: ServiceContext, processor_id: int, source: Path) -> ProcessorDetail:
    """Store the file at ``source`` as the processor's contract (replacing an earlier one)."""
    file = read_contract(source)
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, processor_id)
        uow.audit(
            ENTITY,
            row.id,
            "attach",
            {"contract_file_name": [row.contract_file_name, file.name]},
            school_id=row.school_id,
        )
        store_contract(uow.session, row, file, ctx.clock.now())
        uow.session.flush()
        return reported(_detail(uow.session, row), uow.changes)


def has_contract(ctx: ServiceContext, processor_id: int) -> bool:
    with ctx.reading() as session:
        return session.get(ProcessorContract, processor_id) is not None


def contract_content(ctx: ServiceContext, processor_id: int) -> bytes | None:
    with ctx.reading() as session:
        stored = session.get(ProcessorContract, processor_id)
        return bytes(stored.content) if stored is not None else None


def contract_copy(ctx: ServiceContext, processor_id: int) -> Path | None:
    """A private copy of the contract for the system's viewer; None when there is none."""
    from dpo_desk.services.register.attachments import viewer_copy

    with ctx.reading() as session:
        stored = session.get(ProcessorContract, processor_id)
        if stored is None:
            return None
        name, content = stored.file_name, bytes(stored.content)
    return viewer_copy(ctx, str(processor_id), name or "Vertrag", content)
