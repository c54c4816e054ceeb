"""The library: records kept once for all schools of the installation (a DPO serving several
schools), taken over into a school in a step, and later changes offered again.

An item is the record's document of the export format (docs/EXPORT_FORMAT.md) without what
belongs to one school only (a signed contract and its dates, attached files, released
register versions, a measure's state of implementation, notes). Taking items over is an
import (services/exchange) of a ``library_archive``: the same preview (neu / unverändert /
geändert / Konflikt), the same choices, one transaction; each copy is linked to its item
(``record_origin.origin_item_id`` with the item's digest then). When an item changes (it is
added again from a school), ``library_updates`` offers the change to every school holding a
copy: "geändert" where the copy was left alone, "Konflikt" where the school changed it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.archive import Archive
from dpo_desk.services.exchange.format import digest, instant
from dpo_desk.services.exchange.kinds import all_kinds
from dpo_desk.services.exchange.kinds.base import RecordKind
from dpo_desk.services.library import scenarios
from dpo_desk.services.library.links import link_to_item
from dpo_desk.store.models import DsfaScenario, LibraryItem, RecordOrigin, School

_TOM_LOCAL = (
    "status",
    "due_on",
    "evidence_kind",
    "evidence_reference",
    "evidence_valid_until",
    "attachments",
)
LOCAL_FIELDS: dict[str, tuple[str, ...]] = {
    "processor": (
        "contract",
        "contract_status",
        "contract_date",
        "contract_review",
        "contract_end",
        "notes",
        "attachments",
    ),
    "tom": _TOM_LOCAL,
    "consent_template": ("class_names", "retired", "condition_ended_on"),
    "activity": (
        "status",
        "released_version",
        "versions",
        "next_review",
        "contact_person",
        "notes",
        "archived_on",
        "archive_reason",
        "retain_until",
        "attachments",
    ),
}
"""What a library item leaves out of a record: it belongs to the school (taking an item over
leaves these fields of the school's copy as they are)."""

KIND_LABELS = {
    "processor": "Auftragsverarbeiter",
    "tom": "TOM",
    "consent_template": "Einwilligungsvorlage",
    "activity": "VVT-Eintrag",
    scenarios.KIND: "DSFA-Szenario",
}
LIBRARY_KINDS = tuple(KIND_LABELS)


@dataclass(frozen=True)
class LibraryEntry:
    id: int
    kind: str
    key: str
    title: str
    revision: int
    updated_at: datetime
    updated_by: str
    source_school: str
    copies: int  # schools holding a linked copy

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class SchoolRecord:
    """A record of a school that can go into the library."""

    kind: str
    key: str
    title: str
    in_library: bool


@dataclass(frozen=True)
class LibraryChange:
    item_id: int
    created: bool
    changed: bool
    changes: Changes = changes_field()


@dataclass(frozen=True)
class AddedToLibrary:
    items: tuple[LibraryChange, ...]
    changes: Changes = changes_field()


@dataclass(frozen=True)
class LibraryUpdate:
    """An item changed since the school took its copy."""

    item_id: int
    kind_label: str
    title: str
    revision: int
    kind: str = ""


def _kinds() -> dict[str, RecordKind]:
    return {k.kind: k for k in all_kinds() if k.kind in LOCAL_FIELDS}


def _kind_of(kind: str) -> RecordKind:
    found = _kinds().get(kind)
    if found is None:
        known = ", ".join(LIBRARY_KINDS)
        raise ValidationError([Problem("kind", f"Unbekannte Art „{kind}“. Möglich: {known}.")])
    return found


def library_document(kind: str, document: dict[str, Any]) -> dict[str, Any]:
    """The record's document without what belongs to one school."""
    local = LOCAL_FIELDS[kind]
    shared = {k: v for k, v in document.items() if k not in local}
    if kind == "processor":
        shared["toms"] = [
            {k: v for k, v in tom.items() if k not in _TOM_LOCAL} for tom in document["toms"]
        ]
    return shared


def _title(document: dict[str, Any], fallback: str) -> str:
    return str(document.get("name") or document.get("title") or fallback)[:300]


def school_records(ctx: ServiceContext, school_id: int, kind: str) -> list[SchoolRecord]:
    """The school's records of ``kind`` that can be put into the library."""
    with ctx.reading() as session:
        taken = set(session.scalars(select(LibraryItem.key).where(LibraryItem.kind == kind)))
        if kind == scenarios.KIND:
            found = scenarios.school_scenarios(session, school_id)
            return [SchoolRecord(kind, key, key, key in taken) for key in sorted(found)]
        records = _kind_of(kind).export(session, school_id, {})
        return [
            SchoolRecord(kind, r.identity, _title(r.document, r.identity), r.identity in taken)
            for r in records
        ]


def add_to_library(ctx: ServiceContext, school_id: int, kind: str, key: str) -> LibraryChange:
    """Put the school's record (``kind``, natural ``key``) into the library, or renew the
    item of the same key with it (its revision counts up; the schools holding a copy are
    offered the change). The school's record is linked to the item."""
    added = add_all_to_library(ctx, school_id, kind, [key])
    return reported(added.items[0], added.changes)


def add_all_to_library(
    ctx: ServiceContext, school_id: int, kind: str, keys: Iterable[str]
) -> AddedToLibrary:
    """``add_to_library`` for several records of one kind, in one transaction."""
    wanted = list(dict.fromkeys(keys))
    with ctx.unit_of_work() as uow:
        session = uow.session
        if kind == scenarios.KIND:
            found = {
                key: (doc, ident)
                for key, (ident, doc) in scenarios.school_scenarios_with_ids(
                    session, school_id
                ).items()
            }
        else:
            found = {
                r.identity: (library_document(kind, r.document), r.entity_id)
                for r in _kind_of(kind).export(session, school_id, {})
            }
        missing = [key for key in wanted if key not in found]
        if missing:
            raise ValidationError(
                [
                    Problem(
                        "key", f"{KIND_LABELS[kind]} „{missing[0]}“ gibt es in dieser Schule nicht."
                    )
                ]
            )
        results = []
        for key in wanted:
            document, entity_id = found[key]
            item, created, changed = _store(uow, ctx, school_id, kind, key, document)
            if entity_id is not None:
                link_to_item(uow, school_id, kind, entity_id, key, item, ctx.clock.now())
            results.append(LibraryChange(item.id, created, changed))
        return AddedToLibrary(tuple(results), changes=uow.changes)


def _store(uow, ctx: ServiceContext, school_id: int, kind: str, key: str, document):
    """Create or renew the item; (item, created, changed)."""
    session = uow.session
    content = digest(document)
    item = session.scalar(
        select(LibraryItem).where(LibraryItem.kind == kind, LibraryItem.key == key[:200])
    )
    created = item is None
    changed = created or item.digest != content
    if created:
        item = LibraryItem(kind=kind, key=key[:200], revision=1)
        session.add(item)
    elif changed:
        item.revision += 1
    if changed:
        item.title = _title(document, key)
        item.document = document
        item.digest = content
        item.source_school_id = school_id
        item.updated_at = ctx.clock.now()
        item.updated_by = uow.actor
        session.flush()
        uow.audit(
            "library_item",
            item.id,
            "create" if created else "update",
            {"kind": kind, "key": key, "revision": item.revision, "school_id": school_id},
            school_id=None,
        )
    return item, created, changed


def list_library(ctx: ServiceContext, kind: str | None = None) -> list[LibraryEntry]:
    with ctx.reading() as session:
        names = dict(session.execute(select(School.id, School.name)).all())
        copies: dict[int, set[int]] = {}
        for item_id, school in session.execute(
            select(RecordOrigin.origin_item_id, RecordOrigin.school_id).where(
                RecordOrigin.origin_item_id.is_not(None)
            )
        ):
            copies.setdefault(item_id, set()).add(school)
        query = select(LibraryItem).order_by(LibraryItem.kind, LibraryItem.title)
        if kind is not None:
            query = query.where(LibraryItem.kind == kind)
        return [
            LibraryEntry(
                row.id,
                row.kind,
                row.key,
                row.title,
                row.revision,
                row.updated_at,
                row.updated_by,
                names.get(row.source_school_id, ""),
                len(copies.get(row.id, ())),
            )
            for row in session.scalars(query)
        ]


def remove_from_library(ctx: ServiceContext, item_ids: Iterable[int]) -> Changes:
    """Delete the items (one transaction); the schools' copies stay, no longer linked."""
    wanted = list(dict.fromkeys(item_ids))
    with ctx.unit_of_work() as uow:
        rows = uow.session.scalars(select(LibraryItem).where(LibraryItem.id.in_(wanted))).all()
        if len(rows) < len(wanted):
            raise ValidationError(
                [Problem("item", "Diesen Bibliothekseintrag gibt es nicht (mehr).")]
            )
        for item in rows:
            uow.audit(
                "library_item",
                item.id,
                "delete",
                {"kind": item.kind, "key": item.key, "title": item.title},
                school_id=None,
            )
            uow.session.delete(item)
        return uow.changes


def library_archive(ctx: ServiceContext, item_ids: Iterable[int]) -> Archive:
    """The chosen items as an archive in memory, to preview and import into a school (DSFA
    scenarios are taken over in the DSFA editor instead)."""
    wanted = set(item_ids)
    kinds = _kinds()
    parts: dict[str, dict[str, Any]] = {}
    origins: dict[tuple[str, str], int] = {}
    with ctx.reading() as session:
        for row in session.scalars(select(LibraryItem).where(LibraryItem.id.in_(wanted))):
            kind = kinds.get(row.kind)
            if kind is None:
                continue
            parts.setdefault(kind.part, {}).setdefault(kind.key, []).append(row.document)
            origins[(row.kind, row.key)] = row.id
    if not origins:
        raise ValidationError(
            [Problem("items", "Bitte Einträge wählen (DSFA-Szenarien: im DSFA-Editor).")]
        )
    manifest = {
        "school": {"name": "Bibliothek", "school_number": ""},
        "created_at": instant(ctx.clock.now()),
        "parts": list(parts),
    }
    school = {"name": "Bibliothek", "school_number": ""}
    return Archive("Bibliothek", manifest, school, parts, {}, origin_items=origins)


def library_updates(ctx: ServiceContext, school_id: int) -> list[LibraryUpdate]:
    """Items changed since this school took (or gave) its copy, whose copy still exists."""
    with ctx.reading() as session:
        rows = session.execute(
            select(RecordOrigin, LibraryItem)
            .join(LibraryItem, LibraryItem.id == RecordOrigin.origin_item_id)
            .where(RecordOrigin.school_id == school_id)
        ).all()
        if not rows:
            return []
        kinds = _kinds()
        present: dict[str, set[str]] = {}
        offered = []
        for link, item in rows:
            if link.base_digest == item.digest:
                continue
            if item.kind == scenarios.KIND:
                if session.get(DsfaScenario, link.entity_id) is not None:
                    offered.append(
                        LibraryUpdate(
                            item.id, KIND_LABELS[item.kind], item.title, item.revision, item.kind
                        )
                    )
                continue
            if item.kind not in kinds:
                continue
            if item.kind not in present:
                present[item.kind] = {
                    r.identity for r in kinds[item.kind].export(session, school_id, {})
                }
            if link.entity_key in present[item.kind]:
                offered.append(
                    LibraryUpdate(
                        item.id, KIND_LABELS[item.kind], item.title, item.revision, item.kind
                    )
                )
        return offered
