"""Copying from one school to another, and the changes of the origin offered later.

A copy is an import (services/exchange) of the source school's chosen parts, read straight
from the database instead of from a file: the same preview (neu / unverändert / geändert /
Konflikt), the same choices, one transaction, and every copied record linked to its source
school (``record_origin``). Students and consents are never copied: they are the personal
data of one school.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.archive import Archive
from dpo_desk.services.exchange.export import build_documents, chosen_parts
from dpo_desk.services.exchange.format import PARTS, SCHOOL, instant, part_path
from dpo_desk.services.exchange.kinds import all_kinds
from dpo_desk.store.models import RecordOrigin, School

SHARED_PARTS: tuple[str, ...] = (
    "processors",
    "register",
    "consent_templates",
    "dsfa",
    "risk_matrix",
)
"""The parts a school may take from another (never students or consents)."""


def school_as_archive(
    ctx: ServiceContext, school_id: int, parts: Iterable[str] | None = None
) -> Archive:
    """The chosen parts of a school (default: all shared parts) as an archive in memory."""
    wanted = list(parts) if parts is not None else list(SHARED_PARTS)
    personal = [p for p in wanted if p not in SHARED_PARTS]
    if personal:
        raise ValidationError(
            [
                Problem(
                    "parts",
                    f"„{PARTS[personal[0]].label if personal[0] in PARTS else personal[0]}“ "
                    "gehört zu einer Schule und wird nicht in eine andere kopiert.",
                )
            ]
        )
    chosen, _ = chosen_parts(wanted)
    files: dict[str, bytes] = {}
    with ctx.reading() as session:
        documents, _count = build_documents(session, school_id, chosen, files)
    school = documents[SCHOOL]
    manifest = {
        "school": {"name": school["name"], "school_number": school["school_number"]},
        "created_at": instant(ctx.clock.now()),
        "parts": chosen,
    }
    return Archive(
        school["name"],
        manifest,
        school,
        {name: documents[part_path(name)] for name in chosen},
        files,
        origin_school_id=school_id,
    )


@dataclass(frozen=True)
class OfferedUpdate:
    """A record copied from ``source_name`` that was changed there since the copy."""

    source_school_id: int
    source_name: str
    kind_label: str
    identity: str


def offered_updates(ctx: ServiceContext, school_id: int) -> list[OfferedUpdate]:
    """Records of this school copied from another school whose origin changed since (copy
    again from that school to take the change: the preview shows them as "geändert", or
    as "Konflikt" where they were changed here too)."""
    with ctx.reading() as session:
        links = session.execute(
            select(
                RecordOrigin.origin_school_id,
                RecordOrigin.entity_type,
                RecordOrigin.origin_key,
                RecordOrigin.base_digest,
            ).where(
                RecordOrigin.school_id == school_id,
                RecordOrigin.origin_kind == "school",
                RecordOrigin.origin_school_id.is_not(None),
            )
        ).all()
        by_source: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for source, kind, key, base in links:
            by_source[source].append((kind, key, base))
        offered = []
        kinds = {k.kind: k for k in all_kinds()}
        for source, linked in sorted(by_source.items()):
            name = session.get(School, source).name
            current: dict[tuple[str, str], str] = {}
            for kind_name in sorted({kind for kind, _, _ in linked}):
                kind = kinds[kind_name]
                for record in kind.export(session, source, {}):
                    current[(kind_name, record.identity)] = record.digest
            for kind_name, key, base in linked:
                now = current.get((kind_name, key))
                if now is not None and now != base:
                    offered.append(OfferedUpdate(source, name, kinds[kind_name].label, key))
        return offered
