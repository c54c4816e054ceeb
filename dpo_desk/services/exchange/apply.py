"""Writing an archive into a school, as the user chose per record: all of it in one
transaction, or nothing. A school changed since the preview gets a fresh preview
(``PreviewOutdated``) and nothing is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, tuple_

from dpo_desk.core.schools import SchoolProfile, validate_school
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Area, Changes, changes_field
from dpo_desk.services.context import ServiceContext, UnitOfWork
from dpo_desk.services.exchange.archive import Archive
from dpo_desk.services.exchange.export import SCHOOL_FIELDS
from dpo_desk.services.exchange.kinds.base import BOTH, KEEP, REPLACE, Targets, Writing
from dpo_desk.services.exchange.preview import (
    IDENTICAL,
    NEW,
    PROFILE,
    ImportPreview,
    PlannedRecord,
    archive_kinds,
    archive_records,
    plan,
)
from dpo_desk.services.schools import _check_unique
from dpo_desk.store.models import RecordOrigin, School


class PreviewOutdated(Exception):
    """The school changed since the preview; ``preview`` is the fresh one. Nothing written."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(
            "Die Schule wurde seit der Vorschau geändert. Die Vorschau wurde neu erstellt; "
            "bitte prüfen und erneut importieren. Es wurde nichts importiert."
        )
        self.preview = preview


@dataclass(frozen=True)
class ImportResult:
    school_id: int
    created: int
    replaced: int
    copied: int
    kept: int
    warnings: tuple[str, ...] = ()
    changes: Changes = changes_field()

    def lines(self) -> list[str]:
        lines = [
            f"Importiert: {self.created} neu, {self.replaced} ersetzt, {self.copied} als "
            f"Kopie, {self.kept} behalten oder unverändert."
        ]
        return lines + [f"Hinweis: {w}" for w in self.warnings]


def _action(record: PlannedRecord, choices: Mapping[str, str]) -> str:
    if record.status == NEW:
        return "create"
    if record.status == IDENTICAL:
        return KEEP
    chosen = choices.get(record.key, record.default)
    if chosen not in record.choices:
        raise ValidationError(
            [Problem(record.key, f"{record.label}: „{chosen}“ ist hier nicht möglich.")]
        )
    return chosen


def _new_school(uow: UnitOfWork, archive: Archive) -> int:
    profile = validate_school(SchoolProfile(**{k: archive.school[k] for k in SCHOOL_FIELDS}))
    try:
        _check_unique(uow.session, profile, None)
    except ValidationError:
        raise ValidationError(
            [
                Problem(
                    "school",
                    f"Eine Schule „{profile.name}“ gibt es schon. Bitte in diese Schule "
                    "importieren (Ziel wählen) statt eine neue anzulegen.",
                )
            ]
        ) from None
    school = School(**profile.as_dict())
    uow.session.add(school)
    uow.session.flush()
    uow.audit("school", school.id, "import", profile.as_dict(), school_id=school.id)
    return school.id


def _profile(uow: UnitOfWork, archive: Archive, school_id: int, files: dict[str, bytes]) -> None:
    school = uow.session.get(School, school_id)
    values = {k: archive.school[k] for k in SCHOOL_FIELDS}
    validate_school(SchoolProfile(**values))
    for name, value in values.items():
        setattr(school, name, value)
    uow.audit("school", school_id, "import", {"profile": "aus dem Archiv"}, school_id=school_id)


def _logo(uow: UnitOfWork, archive: Archive, school_id: int) -> None:
    logo = archive.school.get("logo")
    if logo:
        school = uow.session.get(School, school_id)
        school.logo = archive.files[logo["sha256"]]
        school.logo_mime = logo.get("media_type", "")


def _remember_origins(
    uow: UnitOfWork, school_id: int, written: list[tuple[str, int, str, str]], archive, now
) -> None:
    """Link every written record to the archive (or the school it was copied from) with its
    content then."""
    label, source, items = archive.label, archive.origin_school_id, archive.origin_items or {}
    origin_kind = "library" if archive.origin_items is not None else "school"
    if source is None and archive.origin_items is None:
        origin_kind = "archive"
    if not written:
        return
    keys = [(kind, ident) for kind, ident, _, _ in written]
    known = uow.session.scalar(
        select(RecordOrigin.id).where(RecordOrigin.school_id == school_id).limit(1)
    )
    for start in range(0, len(keys) if known is not None else 0, 500):
        chunk = keys[start : start + 500]
        uow.session.execute(
            delete(RecordOrigin).where(
                RecordOrigin.school_id == school_id,
                tuple_(RecordOrigin.entity_type, RecordOrigin.entity_id).in_(chunk),
            )
        )
    uow.session.execute(
        insert(RecordOrigin),
        [
            {
                "school_id": school_id,
                "entity_type": kind,
                "entity_id": ident,
                "entity_key": identity[:200],
                "origin_kind": origin_kind,
                "origin_school_id": source,
                "origin_item_id": items.get((kind, identity)),
                "origin_key": identity[:200],
                "origin_label": label[:300],
                "base_digest": base,
                "copied_at": now,
                "copied_by": uow.actor,
            }
            for kind, ident, identity, base in written
        ],
    )


def apply_import(
    ctx: ServiceContext,
    archive: Archive,
    preview: ImportPreview,
    choices: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import ``archive`` as ``preview`` showed it, with ``choices`` ({record key: keep |
    replace | both}) for changed and conflicting records."""
    choices = choices or {}
    counts = {"create": 0, REPLACE: 0, BOTH: 0, KEEP: 0}
    with ctx.unit_of_work() as uow:
        now = ctx.clock.now()
        if preview.school_id is None:
            if not archive.from_file:
                raise ValidationError([Problem("school", "Bitte eine Schule als Ziel wählen.")])
            school_id = _new_school(uow, archive)
            fresh = plan(uow.session, archive, None, preview.archive)
        else:
            school_id = preview.school_id
            fresh = plan(uow.session, archive, school_id, preview.archive)
            if fresh.state != preview.state:
                raise PreviewOutdated(fresh)
        planned = {r.key: r for r in fresh.records}
        profile = planned.get(f"{PROFILE}:profile")
        if profile is not None and _action(profile, choices) == REPLACE:
            _profile(uow, archive, school_id, archive.files)
            _logo(uow, archive, school_id)
        elif preview.school_id is None:
            _logo(uow, archive, school_id)
        writing = Writing(uow, school_id, Targets(), archive.files, now)
        written: list[tuple[str, int, str, str]] = []
        for kind in archive_kinds(archive):
            fresh_records = []
            for record in archive_records(archive, kind):
                item = planned[f"{record.kind}:{record.identity}"]
                action = _action(item, choices)
                counts[action] += 1
                if action == "create":
                    fresh_records.append(record)
                    continue
                if action == KEEP:
                    if item.target_id is not None:
                        kind.link(writing, record, item.target_id)
                        if item.status == IDENTICAL:  # now as imported: linked to its origin
                            written.append(
                                (kind.kind, item.target_id, record.identity, record.digest)
                            )
                    continue
                existing = item.target_id if action == REPLACE else None
                new_id = kind.write(writing, record, existing, action == BOTH)
                if new_id:
                    kind.link(writing, record, new_id)
                    written.append((kind.kind, new_id, record.identity, record.digest))
            for record, new_id in zip(
                fresh_records, kind.create_many(writing, fresh_records), strict=True
            ):
                if new_id:
                    kind.link(writing, record, new_id)
                    written.append((kind.kind, new_id, record.identity, record.digest))
        _remember_origins(uow, school_id, written, archive, now)
        uow.audit(
            "school",
            school_id,
            "import",
            {
                "archive": archive.name,
                "created": counts["create"],
                "replaced": counts[REPLACE],
                "copied": counts[BOTH],
                "kept": counts[KEEP],
            },
            school_id=school_id,
        )
        uow.touch(Area.SCHOOLS, school_id)
        changes = uow.changes
    return ImportResult(
        school_id,
        counts["create"],
        counts[REPLACE],
        counts[BOTH],
        counts[KEEP],
        tuple(writing.warnings),
        changes=changes,
    )
