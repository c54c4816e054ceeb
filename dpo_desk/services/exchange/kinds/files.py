"""Files attached to register entries, processors and measures (``register_attachment``) in
the archive: each owner's document lists them under ``attachments`` (name, description,
size, SHA-256, time added); the bytes travel as ``attachments/<sha256>``.

A document without ``attachments`` (an archive of format version 1 or 2) leaves the files
the school has untouched; a list replaces them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.format import attachment_path, instant, parse_instant
from dpo_desk.services.exchange.kinds.base import Writing
from dpo_desk.store.models import RegisterAttachment

OWNER_COLUMNS = ("activity_id", "processor_id", "tom_id")


def attachments_by_owner(
    session: Session, school_id: int, column: str, files: dict[str, bytes]
) -> dict[int, list[dict[str, Any]]]:
    """Documents of the school's attachments per owner id of ``column``; their bytes go into
    ``files`` (by SHA-256)."""
    owner = getattr(RegisterAttachment, column)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.scalars(
        select(RegisterAttachment)
        .where(RegisterAttachment.school_id == school_id, owner.is_not(None))
        .order_by(RegisterAttachment.id)
    ):
        files.setdefault(row.sha256, bytes(row.content))
        found[getattr(row, column)].append(
            {
                "file_name": row.file_name,
                "description": row.description,
                "size": row.size,
                "sha256": row.sha256,
                "file": attachment_path(row.sha256),
                "added_at": instant(row.added_at),
            }
        )
    return found


def write_attachments(
    writing: Writing, column: str, owner_id: int, documents: list[dict[str, Any]] | None
) -> None:
    """Replace the owner's files by ``documents`` (None: keep them as they are)."""
    if documents is None:
        return
    owner = getattr(RegisterAttachment, column)
    writing.session.execute(delete(RegisterAttachment).where(owner == owner_id))
    for item in documents:
        content = writing.files[item["sha256"]]
        writing.session.add(
            RegisterAttachment(
                school_id=writing.school_id,
                file_name=item["file_name"],
                description=item["description"],
                size=len(content),
                sha256=item["sha256"],
                content=content,
                added_at=parse_instant(item["added_at"]),
                **{column: owner_id},
            )
        )


def attachment_digests(document: dict[str, Any]) -> list[str]:
    """The SHA-256 of every file a record document names (for the archive's reference
    check)."""
    return [item["sha256"] for item in document.get("attachments") or []]
