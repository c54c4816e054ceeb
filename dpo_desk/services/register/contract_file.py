"""Reading and storing the contract file (AVV) of a processor: the part shared by
``contracts.attach_contract`` and the processor saves, which store a file chosen in the form
in the same transaction as the form's fields (so "Abbrechen" leaves nothing behind)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.importers.outside import OutsideFileError, read_regular_file
from dpo_desk.store.attachments import MAX_ATTACHMENT_BYTES, sha256
from dpo_desk.store.models import Processor, ProcessorContract


@dataclass(frozen=True)
class ContractFile:
    """A contract file read from outside and checked, ready to be stored."""

    name: str
    content: bytes


def read_contract(source: Path) -> ContractFile:
    """The checked file (regular, readable, within the size limit); else ValidationError
    naming the field "contract_file" in German. Nothing is written."""
    source = Path(source)
    try:
        content = read_regular_file(source, MAX_ATTACHMENT_BYTES, "Die Vertragsdatei")
    except OutsideFileError as exc:
        raise ValidationError([Problem("contract_file", str(exc))]) from None
    return ContractFile(source.name[:300], content)


def store_contract(session: Session, row: Processor, file: ContractFile, now: datetime) -> None:
    """Keep ``file`` as the contract of ``row`` (replacing an earlier one); the caller
    audits the change of ``contract_file_name`` within its unit of work."""
    stored = session.get(ProcessorContract, row.id)
    if stored is None:
        stored = ProcessorContract(processor_id=row.id, school_id=row.school_id)
        session.add(stored)
    stored.file_name = file.name
    stored.size = len(file.content)
    stored.sha256 = sha256(file.content)
    stored.content = file.content
    stored.added_at = now
    row.contract_file_name = file.name
