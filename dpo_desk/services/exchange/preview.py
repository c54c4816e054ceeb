"""Comparing an archive with the school it would go into, record by record.

Each record is ``new`` (not in the school), ``identical``, ``changed`` (different, and the
school's copy is as it was imported or copied last time: the archive is simply newer) or
``conflict`` (different, and the school's copy was changed since, or was never imported):
then the user chooses keep, replace or keep both. The preview carries a ``state`` digest of
the school's records; an import into a school changed since gets a fresh preview instead.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.archive import Archive
from dpo_desk.services.exchange.export import SCHOOL_FIELDS
from dpo_desk.services.exchange.format import digest
from dpo_desk.services.exchange.kinds import all_kinds
from dpo_desk.services.exchange.kinds.base import BOTH, KEEP, REPLACE, Record, RecordKind, to_doc
from dpo_desk.store.models import RecordOrigin, School

NEW, IDENTICAL, CHANGED, CONFLICT = "new", "identical", "changed", "conflict"
STATUS_LABELS = {
    NEW: "neu",
    IDENTICAL: "unverändert",
    CHANGED: "geändert",
    CONFLICT: "Konflikt",
}
CHOICE_LABELS = {KEEP: "behalten", REPLACE: "ersetzen", BOTH: "beide behalten"}
PROFILE = "school_profile"


@dataclass(frozen=True)
class PlannedRecord:
    kind: str
    kind_label: str
    identity: str
    label: str
    status: str
    choices: tuple[str, ...]
    target_id: int | None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.identity}"

    @property
    def default(self) -> str:
        """What happens without a choice: new and changed records come in, conflicts keep
        the school's version, identical ones stay."""
        if self.status == CHANGED:
            return REPLACE
        return KEEP


@dataclass(frozen=True)
class ImportPreview:
    archive: str
    school_id: int | None  # None: a new school is made
    school_name: str
    records: tuple[PlannedRecord, ...]
    state: str
    parts: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        found = Counter(r.status for r in self.records)
        return {status: found.get(status, 0) for status in STATUS_LABELS}

    def conflicts(self) -> list[PlannedRecord]:
        return [r for r in self.records if r.status == CONFLICT]

    def lines(self) -> list[str]:
        target = (
            f"in die Schule „{self.school_name}“"
            if self.school_id is not None
            else f"als neue Schule „{self.school_name}“"
        )
        counts = self.counts()
        lines = [
            f"Import {target} aus {self.archive}:",
            "  " + ", ".join(f"{n} {STATUS_LABELS[s]}" for s, n in counts.items()),
        ]
        lines += [
            f"  {STATUS_LABELS[r.status]}: {r.label}"
            for r in self.records
            if r.status in (CHANGED, CONFLICT)
        ]
        return lines


def archive_records(archive: Archive, kind: RecordKind) -> Iterator[Record]:
    for document in archive.parts.get(kind.part, {}).get(kind.key, []):
        yield kind.record(document)


def archive_kinds(archive: Archive) -> list[RecordKind]:
    return [k for k in all_kinds() if k.part in archive.parts]


def _origins(session: Session, school_id: int) -> dict[tuple[str, int], str]:
    rows = session.execute(
        select(RecordOrigin.entity_type, RecordOrigin.entity_id, RecordOrigin.base_digest).where(
            RecordOrigin.school_id == school_id
        )
    )
    return {(kind, ident): base for kind, ident, base in rows}


def comparable_digest(target: Record, archived: dict[str, Any]) -> str:
    """The school's record's digest over the fields the archive's document has: an archive
    of an older format version lacks later fields (and lists), which are then not compared
    (an import leaves them as they are)."""
    restricted = _restricted(target.document, archived)
    return target.digest if restricted is target.document else digest(restricted)


def _restricted(mine: Any, theirs: Any) -> Any:
    """``mine`` without the object keys ``theirs`` lacks, at every level (``mine`` itself
    when nothing is left out)."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        result = {k: _restricted(v, theirs[k]) for k, v in mine.items() if k in theirs}
        same = len(result) == len(mine) and all(result[k] is mine[k] for k in mine)
        return mine if same else result
    if isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs):
        items = [_restricted(a, b) for a, b in zip(mine, theirs, strict=True)]
        return mine if all(a is b for a, b in zip(items, mine, strict=True)) else items
    return mine


def _status(record: Record, target: Record | None, origins: dict[tuple[str, int], str]) -> str:
    if target is None:
        return NEW
    mine = comparable_digest(target, record.document)
    if mine == record.digest:
        return IDENTICAL
    base = origins.get((record.kind, target.entity_id or 0))
    return CHANGED if base in (target.digest, mine) else CONFLICT


def profile_document(school: School) -> dict[str, Any]:
    return to_doc(school, SCHOOL_FIELDS)


def plan(session: Session, archive: Archive, school_id: int | None, label: str) -> ImportPreview:
    """The preview, read inside ``session`` (also the writing one, to compare states)."""
    records: list[PlannedRecord] = []
    state = hashlib.sha256()
    school_name = archive.school["name"]
    origins: dict[tuple[str, int], str] = {}
    if school_id is not None:
        school = session.get(School, school_id)
        if school is None:
            raise LookupError(f"Schule {school_id} gibt es nicht.")
        school_name = school.name
        mine = profile_document(school)
        state.update(digest(mine).encode())
        if archive.from_file:  # a copy from a school or the library keeps this profile
            theirs = {k: archive.school[k] for k in SCHOOL_FIELDS}
            status = IDENTICAL if mine == theirs else CONFLICT
            records.append(
                PlannedRecord(
                    PROFILE,
                    "Schule",
                    "profile",
                    "Schulprofil (Anschrift, DSB …)",
                    status,
                    (KEEP, REPLACE),
                    school_id,
                )
            )
        origins = _origins(session, school_id)
    for kind in archive_kinds(archive):
        targets: dict[str, Record] = {}
        if school_id is not None:
            targets = {r.identity: r for r in kind.export(session, school_id, {})}
            for identity in sorted(targets):
                state.update(f"{kind.kind}|{identity}|{targets[identity].digest}".encode())
        for record in archive_records(archive, kind):
            target = targets.get(record.identity)
            status = _status(record, target, origins) if school_id is not None else NEW
            records.append(
                PlannedRecord(
                    kind.kind,
                    kind.label,
                    record.identity,
                    record.label,
                    status,
                    kind.choices,
                    target.entity_id if target else None,
                )
            )
    return ImportPreview(
        label, school_id, school_name, tuple(records), state.hexdigest(), tuple(archive.parts)
    )


def preview_import(ctx: ServiceContext, archive: Archive, school_id: int | None) -> ImportPreview:
    """What importing ``archive`` into the school (None: as a new school) would do."""
    with ctx.reading() as session:
        return plan(session, archive, school_id, archive.label)
