"""The signed contract (AVV) of a processor, kept inside the database.

Stored in the database it is encrypted with it, part of every backup and restored with it,
and no stored path can point anywhere. To open it the app writes a private copy into the
data folder's ``ansicht`` folder, which is emptied at every start, at locking and at exit.
"""

from __future__ import annotations

from pathlib import Path

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.importers.outside import OutsideFileError, read_regular_file
from dpo_desk.services.changes import reported
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.processors import ENTITY, ProcessorDetail, _detail, _load
from dpo_desk.store.attachments import MAX_ATTACHMENT_BYTES, sha256
from dpo_desk.store.models import ProcessorContract


def _read_contract(source: Path) -> bytes:
    try:
        return read_regular_file(source, MAX_ATTACHMENT_BYTES, "Die Vertragsdatei")
    except OutsideFileError as exc:
        raise ValidationError([Problem("contract_file", str(exc))]) from None


def check_contract_file(source: Path) -> Path:
    """The file, if it can be attached (a regular, readable file within the size limit);
    else ValidationError in German. Editors check a chosen file at once and attach it when
    the user saves (so "Abbrechen" leaves the stored contract as it was)."""
    _read_contract(Path(source))
    return Path(source)


def attach_contract(ctx: ServiceContext, processor_id: int, source: Path) -> ProcessorDetail:
    """Store the file at ``source`` as the processor's contract (replacing an earlier one)."""
    source = Path(source)
    content = _read_contract(source)
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, processor_id)
        stored = uow.session.get(ProcessorContract, processor_id)
        if stored is None:
            stored = ProcessorContract(processor_id=row.id, school_id=row.school_id)
            uow.session.add(stored)
        stored.file_name = source.name[:300]
        stored.size = len(content)
        stored.sha256 = sha256(content)
        stored.content = content
        stored.added_at = ctx.clock.now()
        uow.audit(
            ENTITY,
            row.id,
            "attach",
            {"contract_file_name": [row.contract_file_name, source.name]},
            school_id=row.school_id,
        )
        row.contract_file_name = source.name[:300]
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
