"""Files kept with a register entry, a processor (annexes, a transfer impact assessment) or a
measure (a certificate, an audit report): inside the database like the contracts, so they
are encrypted with it, in every backup and never a path that could point anywhere.

A file that is not a readable regular file is refused in German before anything is written.
To open one the app writes a private copy into the data folder's ``ansicht`` folder
(emptied at every start, at locking and at exit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.importers.outside import OutsideFileError, read_regular_file
from dpo_desk.services.changes import Changes, Created
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.leftovers import view_folder
from dpo_desk.services.versions import RecordGone
from dpo_desk.store.attachments import MAX_ATTACHMENT_BYTES, sha256
from dpo_desk.store.models import ProcessingActivity, Processor, RegisterAttachment, TomMeasure
from dpo_desk.store.private import make_private_dir, open_private

_UNSAFE = re.compile(r"[^\w.\- ]+")
OWNERS = {
    "activity": (ProcessingActivity, "activity_id", "Eintrag"),
    "processor": (Processor, "processor_id", "Auftragsverarbeiter"),
    "tom": (TomMeasure, "tom_id", "Maßnahme"),
}


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    file_name: str
    description: str
    size: int
    added_at: datetime

    @property
    def size_label(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


def _owner_column(kind: str):
    if kind not in OWNERS:
        raise ValueError(f"unknown owner kind {kind!r}")
    model, column, _label = OWNERS[kind]
    return model, getattr(RegisterAttachment, column), column


def _read(source: Path) -> bytes:
    try:
        return read_regular_file(Path(source), MAX_ATTACHMENT_BYTES, "Die Datei")
    except OutsideFileError as exc:
        raise ValidationError([Problem("attachment", str(exc))]) from None


def check_attachment_file(source: Path) -> Path:
    """The file, if it can be attached (a readable regular file within the size limit);
    else ValidationError in German. Forms check a chosen file at once and store it with
    ``save_attachment_changes`` when the user saves."""
    _read(source)
    return Path(source)


def save_attachment_changes(
    ctx: ServiceContext,
    kind: str,
    owner_id: int,
    added: list[Path],
    removed: list[int],
) -> Changes:
    """What a form's "Speichern" does with the files chosen and removed in it: every added
    file read and checked first, then all stored and removed in one transaction with one
    audit event for the owner (names only)."""
    contents = [(Path(source).name[:300], _read(source)) for source in added]
    model, _column, column_name = _owner_column(kind)
    with ctx.unit_of_work() as uow:
        owner = uow.session.get(model, owner_id)
        if owner is None:
            raise RecordGone(
                f"{OWNERS[kind][2]}: gibt es nicht mehr (inzwischen gelöscht). Nichts gespeichert."
            )
        gone = []
        for attachment_id in removed:
            row = uow.session.get(RegisterAttachment, attachment_id)
            if row is not None and getattr(row, column_name) == owner_id:
                gone.append(row.file_name)
                uow.session.delete(row)
        for name, content in contents:
            uow.session.add(
                RegisterAttachment(
                    school_id=owner.school_id,
                    file_name=name,
                    description="",
                    size=len(content),
                    sha256=sha256(content),
                    content=content,
                    added_at=ctx.clock.now(),
                    **{column_name: owner_id},
                )
            )
        if contents or gone:
            uow.session.flush()
            uow.audit(
                kind,
                owner_id,
                "attachments",
                {"attached": [name for name, _ in contents], "removed": gone},
                school_id=owner.school_id,
            )
        return uow.changes


def attach_file(
    ctx: ServiceContext, kind: str, owner_id: int, source: Path, description: str = ""
) -> Created:
    """Store the file at ``source`` with the entry, processor or measure ``owner_id``."""
    source = Path(source)
    content = _read(source)
    model, _column, column_name = _owner_column(kind)
    description = description.strip()[:300]
    with ctx.unit_of_work() as uow:
        owner = uow.session.get(model, owner_id)
        if owner is None:
            raise RecordGone(
                f"{OWNERS[kind][2]}: gibt es nicht mehr (inzwischen gelöscht). Nichts gespeichert."
            )
        row = RegisterAttachment(
            school_id=owner.school_id,
            file_name=source.name[:300],
            description=description,
            size=len(content),
            sha256=sha256(content),
            content=content,
            added_at=ctx.clock.now(),
            **{column_name: owner_id},
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit(
            kind,
            owner_id,
            "attach",
            {"file_name": row.file_name, "size": row.size, "sha256": row.sha256},
            school_id=owner.school_id,
        )
        return Created(row.id, changes=uow.changes)


def list_attachments(ctx: ServiceContext, kind: str, owner_id: int) -> list[AttachmentInfo]:
    _model, column, _name = _owner_column(kind)
    with ctx.reading() as session:
        rows = session.execute(
            select(
                RegisterAttachment.id,
                RegisterAttachment.file_name,
                RegisterAttachment.description,
                RegisterAttachment.size,
                RegisterAttachment.added_at,
            )
            .where(column == owner_id)
            .order_by(RegisterAttachment.added_at, RegisterAttachment.id)
        )
        return [AttachmentInfo(*row) for row in rows]


def _load(session, attachment_id: int) -> RegisterAttachment:
    row = session.get(RegisterAttachment, attachment_id)
    if row is None:
        raise RecordGone("Diesen Anhang gibt es nicht mehr (inzwischen entfernt).")
    return row


def _owner_of(row: RegisterAttachment) -> tuple[str, int]:
    for kind, (_model, column, _label) in OWNERS.items():
        value = getattr(row, column)
        if value is not None:
            return kind, value
    raise ValueError("attachment without owner")


def remove_attachment(ctx: ServiceContext, attachment_id: int) -> Changes:
    with ctx.unit_of_work() as uow:
        row = _load(uow.session, attachment_id)
        kind, owner_id = _owner_of(row)
        uow.audit(kind, owner_id, "detach", {"file_name": row.file_name}, school_id=row.school_id)
        uow.session.delete(row)
        return uow.changes


def attachment_content(ctx: ServiceContext, attachment_id: int) -> tuple[str, bytes]:
    with ctx.reading() as session:
        row = _load(session, attachment_id)
        return row.file_name, bytes(row.content)


def viewer_copy(ctx: ServiceContext, prefix: str, name: str, content: bytes) -> Path:
    """A private copy of stored bytes for the system's viewer, in the ``ansicht`` folder."""
    folder = view_folder(ctx)
    make_private_dir(folder)
    safe = _UNSAFE.sub("_", Path(name).name).strip(". ") or "Anhang"
    target = folder / f"{prefix}-{safe[-120:]}"
    with open_private(target) as handle:
        handle.write(content)
    return target


def attachment_copy(ctx: ServiceContext, attachment_id: int) -> Path:
    name, content = attachment_content(ctx, attachment_id)
    return viewer_copy(ctx, f"anhang{attachment_id}", name, content)
