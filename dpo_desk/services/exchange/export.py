"""Writing a school (or chosen parts of it) as an archive (docs/EXPORT_FORMAT.md)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from dpo_desk import __version__
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.atomic import write_atomically
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    PARTS,
    SCHOOL,
    attachment_path,
    instant,
    part_path,
)
from dpo_desk.services.exchange.kinds import kinds_of
from dpo_desk.services.exchange.kinds.base import to_doc
from dpo_desk.store.attachments import sha256
from dpo_desk.store.models import School
from dpo_desk.store.schema import HEAD

SCHOOL_FIELDS = (
    "name",
    "school_number",
    "street",
    "postcode",
    "town",
    "state",
    "phone",
    "email",
    "website",
    "head_name",
    "dpo_name",
    "dpo_organisation",
    "dpo_email",
    "dpo_phone",
    "authority_name",
    "authority_address",
    "authority_email",
    "authority_website",
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    parts: tuple[str, ...]
    records: int
    attachments: int
    added: tuple[str, ...] = ()  # parts added because a chosen part needs them
    changes: Changes = changes_field()


def chosen_parts(parts: Iterable[str] | None) -> tuple[list[str], list[str]]:
    """The parts in writing order, with the ones they need; (parts, added)."""
    wanted = set(PARTS) if parts is None else set(parts)
    unknown = sorted(wanted - set(PARTS))
    if unknown:
        known = ", ".join(PARTS)
        raise ValidationError(
            [Problem("parts", f"Unbekannter Teil „{unknown[0]}“. Möglich sind: {known}.")]
        )
    added = []
    for name in list(wanted):
        for needed in PARTS[name].needs:
            if needed not in wanted:
                wanted.add(needed)
                added.append(needed)
    return [p for p in PARTS if p in wanted], sorted(added)


def school_document(session: Session, school_id: int, files: dict[str, bytes]) -> dict[str, Any]:
    school = session.get(School, school_id)
    if school is None:
        raise LookupError(f"Schule {school_id} gibt es nicht.")
    document = {"format_version": FORMAT_VERSION, **to_doc(school, SCHOOL_FIELDS), "logo": None}
    if school.logo:
        logo = bytes(school.logo)
        digest = sha256(logo)
        files[digest] = logo
        document["logo"] = {
            "file": attachment_path(digest),
            "sha256": digest,
            "size": len(logo),
            "media_type": school.logo_mime or "application/octet-stream",
        }
    return document


def build_documents(
    session: Session, school_id: int, parts: list[str], files: dict[str, bytes]
) -> tuple[dict[str, Any], int]:
    """The JSON documents of the archive by name (without the manifest), and the records."""
    documents: dict[str, Any] = {SCHOOL: school_document(session, school_id, files)}
    count = 0
    for name in parts:
        body: dict[str, Any] = {"format_version": FORMAT_VERSION, "part": name}
        for kind in kinds_of(name):
            records = kind.export(session, school_id, files)
            body[kind.key] = [r.document for r in records]
            count += len(records)
        documents[part_path(name)] = body
    return documents, count


def archive_bytes(
    documents: dict[str, Any], files: dict[str, bytes], school: dict[str, Any], now: Any
) -> bytes:
    encoded = {
        name: json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
        for name, doc in documents.items()
    }
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": instant(now),
        "app_version": __version__,
        "schema_revision": HEAD,
        "school": {"name": school["name"], "school_number": school["school_number"]},
        "parts": [d["part"] for n, d in documents.items() if n != SCHOOL],
        "documents": {n: {"sha256": sha256(b), "size": len(b)} for n, b in encoded.items()},
        "attachments": {
            attachment_path(d): {"sha256": d, "size": len(b)} for d, b in sorted(files.items())
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, data in encoded.items():
            archive.writestr(name, data)
        for digest, data in sorted(files.items()):
            archive.writestr(attachment_path(digest), data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def export_school(
    ctx: ServiceContext,
    school_id: int,
    path: str | os.PathLike[str],
    parts: Iterable[str] | None = None,
) -> ExportResult:
    """Write the school's chosen parts (default: all) to ``path`` (a new zip, atomically);
    the change log notes the export (what left the app, not the file's content)."""
    chosen, added = chosen_parts(parts)
    files: dict[str, bytes] = {}
    with ctx.reading() as session:
        documents, count = build_documents(session, school_id, chosen, files)
    data = archive_bytes(documents, files, documents[SCHOOL], ctx.clock.now())
    target = write_atomically(path, data)
    with ctx.unit_of_work() as uow:
        uow.audit(
            "school",
            school_id,
            "export",
            {"parts": chosen, "records": count, "file": target.name},
            school_id=school_id,
        )
        changes = uow.changes
    return ExportResult(target, tuple(chosen), count, len(files), tuple(added), changes=changes)
