"""What every record kind of the archive offers, and the shared column conversion.

A kind exports its records as documents with natural keys (``Record``), recognises the
same record in another school (``identity``) and writes a document into a school
(``write``), as a new record, over an existing one, or as a copy beside it. The documents of
the target school are made by the same ``export``, so "identical" means equal documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date
from sqlalchemy.orm import Session

from dpo_desk.services.context import UnitOfWork
from dpo_desk.services.exchange.format import day, digest, instant, parse_day, parse_instant
from dpo_desk.store.base import UtcDateTime

KEEP, REPLACE, BOTH = "keep", "replace", "both"
ALL_CHOICES = (KEEP, REPLACE, BOTH)


@dataclass(frozen=True)
class Record:
    """One record of a kind: its identity within a school, a German label, the document."""

    kind: str
    identity: str
    label: str
    document: dict[str, Any]
    entity_id: int | None = None  # in the database it was read from

    @property
    def digest(self) -> str:
        return digest(self.document)


@dataclass
class Targets:
    """Where archive references land in the target school, filled while writing."""

    ids: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, identity) -> id
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, kind: str, identity: str) -> int | None:
        return self.ids.get((kind, identity))

    def put(self, kind: str, identity: str, entity_id: int) -> None:
        self.ids[(kind, identity)] = entity_id


@dataclass
class Writing:
    """What a kind needs to write: the unit of work, the school, references, attachments."""

    uow: UnitOfWork
    school_id: int
    targets: Targets
    files: dict[str, bytes]
    now: datetime
    warnings: list[str] = field(default_factory=list)

    @property
    def session(self) -> Session:
        return self.uow.session

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


class RecordKind:
    """Base of the record kinds. ``part``: the archive part; ``key``: the list's name in
    the part document; ``entity``: the audit entity type; ``choices`` for a conflict."""

    kind: str = ""
    part: str = ""
    key: str = ""
    entity: str = ""
    label: str = ""
    choices: tuple[str, ...] = ALL_CHOICES

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        raise NotImplementedError

    def identity(self, document: dict[str, Any]) -> str:
        return str(document["key"])

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} „{document.get('name') or document.get('title') or ''}“"

    def record(self, document: dict[str, Any], entity_id: int | None = None) -> Record:
        return Record(
            self.kind, self.identity(document), self.record_label(document), document, entity_id
        )

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        """Write ``record``: over ``existing`` (replace), as a copy beside it (``copy``), or
        new; returns the id of the written row."""
        raise NotImplementedError

    def create_many(self, writing: Writing, records: list[Record]) -> list[int]:
        """Write new records (none exists in the school); kinds with thousands of records
        (students, consent entries) insert them in bulk."""
        return [self.write(writing, record, None, False) for record in records]

    def link(self, writing: Writing, record: Record, entity_id: int) -> None:
        """Note the written row for later references (default: by identity)."""
        writing.targets.put(self.kind, record.identity, entity_id)


def to_doc(row: Any, names: Iterable[str]) -> dict[str, Any]:
    """The named columns of ``row`` as JSON values (dates ISO, instants UTC ``Z``)."""
    result: dict[str, Any] = {}
    for name in names:
        value = getattr(row, name)
        if isinstance(value, datetime):
            value = instant(value)
        elif isinstance(value, date):
            value = day(value)
        elif isinstance(value, list | dict):
            value = _plain(value)
        result[name] = value
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def from_doc(model: type, document: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Column values for ``model`` from ``document`` (the reverse of ``to_doc``). A name the
    document lacks (an archive written before the field existed) keeps the column default."""
    columns = model.__table__.c  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    for name in names:
        if name not in document:
            continue
        value = document[name]
        kind = columns[name].type
        if isinstance(kind, UtcDateTime):
            value = parse_instant(value)
        elif isinstance(kind, Date):
            value = parse_day(value)
        values[name] = value
    return values


def free_key(taken: set[str], key: str, limit: int = 60) -> str:
    """``key`` or, when it is taken, ``key-2``, ``key-3`` … (for "keep both")."""
    if key not in taken:
        return key
    number = 2
    while True:
        candidate = f"{key[: limit - 4]}-{number}"
        if candidate not in taken:
            return candidate
        number += 1
