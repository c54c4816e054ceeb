"""Everything a school owns travels in the archive (format version 3): breaches, requests,
files attached to entries, processors and measures, a DSFA's views and action plan, the
consent print log. A demo school goes to an empty installation and comes back the same;
an archive of format version 2 is still read and leaves the newer records alone."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.apply import apply_import
from dpo_desk.services.exchange.archive import read_archive
from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.exchange.preview import IDENTICAL, NEW, preview_import
from dpo_desk.services.register import activities, attachments, processors, toms
from dpo_desk.services.roster.writing import remember_mapping_in
from dpo_desk.store.models import (
    Breach,
    BreachActivity,
    ConsentPrint,
    DsfaAction,
    DsfaStakeholderView,
    RegisterAttachment,
    RosterMapping,
    SubjectRequest,
)
from tests.services.test_exchange import _documents, _large, other  # noqa: F401

COUNTED = (
    Breach,
    BreachActivity,
    SubjectRequest,
    RegisterAttachment,
    DsfaAction,
    DsfaStakeholderView,
    ConsentPrint,
)


def _counts(ctx: ServiceContext, school_id: int) -> dict[str, int]:
    with ctx.reading() as session:
        return {
            model.__tablename__: session.scalar(
                select(func.count()).select_from(model).where(model.school_id == school_id)
            )
            for model in (*COUNTED, RosterMapping)
        }


def _attach_files(ctx: ServiceContext, school_id: int, folder: Path) -> dict[str, bytes]:
    """A file on a register entry, a processor and a school measure."""
    folder.mkdir(exist_ok=True)
    owners = {
        "activity": activities.find_activity(ctx, school_id, "homepage").id,
        "processor": processors.list_processors(ctx, school_id)[0].id,
        "tom": toms.list_toms(ctx, school_id, None)[0].id,
    }
    contents = {}
    for kind, owner in owners.items():
        name = f"{kind}-nachweis.pdf"
        contents[name] = f"%PDF-1.4 Nachweis zu {kind}".encode()
        (folder / name).write_bytes(contents[name])
        attachments.attach_file(ctx, kind, owner, folder / name, f"Nachweis {kind}")
    return contents


def _stored_files(ctx: ServiceContext, school_id: int) -> dict[str, bytes]:
    with ctx.reading() as session:
        rows = session.scalars(
            select(RegisterAttachment).where(RegisterAttachment.school_id == school_id)
        )
        return {row.file_name: bytes(row.content) for row in rows}


def test_everything_a_school_owns_moves_to_an_empty_installation_and_back(
    ctx: ServiceContext,
    demo,
    other: ServiceContext,  # noqa: F811
    tmp_path: Path,
) -> None:
    school_id = _large(demo)
    files = _attach_files(ctx, school_id, tmp_path / "dateien")
    with ctx.unit_of_work() as uow:  # the roster import remembers its mapping so
        remember_mapping_in(uow, school_id, {"Familienname": "last_name"})
    before = _counts(ctx, school_id)
    assert all(before.values()), before  # the demo has some of each

    first = export_school(ctx, school_id, tmp_path / "schule.zip")
    assert {"breaches", "requests"} <= set(first.parts)
    archive = read_archive(first.path)
    preview = preview_import(other, archive, None)
    assert {r.status for r in preview.records} == {NEW}
    result = apply_import(other, archive, preview)

    assert _counts(other, result.school_id) == before
    assert _stored_files(other, result.school_id) == files
    again = export_school(other, result.school_id, tmp_path / "zurueck.zip")
    assert _documents(again.path) == _documents(first.path)

    # Back into the first school: everything is recognised as the same.
    back = read_archive(again.path)
    assert {r.status for r in preview_import(ctx, back, school_id).records} == {IDENTICAL}


def _as_version_2(path: Path) -> Path:
    """The archive as version 2 wrote it: no breaches and requests, no attached files, no
    views, action plan or print log, none of the later consent fields."""
    later = {
        "attachments",
        "views",
        "actions",
        "prints",
        "change_kind",
        "renew_consents",
        "head_signature",
        "legacy_print",
        "precedence",
        "version_basis",
        "mappings",
    }

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in later}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    with zipfile.ZipFile(path) as old:
        members = {n: old.read(n) for n in old.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    for part in ("breaches", "requests"):
        members.pop(f"parts/{part}.json")
        manifest["documents"].pop(f"parts/{part}.json")
        manifest["parts"].remove(part)
    for name in list(members):
        if name.startswith("attachments/"):
            members.pop(name)
            manifest["attachments"].pop(name)
        elif name.endswith(".json"):
            document = strip(json.loads(members[name]))
            document["format_version"] = 2
            members[name] = json.dumps(document).encode()
    import hashlib

    for name, data in members.items():
        manifest["documents"][name] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
    manifest["format_version"] = 2
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as new:
        new.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            new.writestr(name, data)
    target = path.with_name("version2.zip")
    target.write_bytes(buffer.getvalue())
    return target


def test_a_version_2_archive_is_read_and_leaves_the_newer_records_alone(
    ctx: ServiceContext, demo, tmp_path: Path
) -> None:
    school_id = _large(demo)
    files = _attach_files(ctx, school_id, tmp_path / "dateien")
    with ctx.unit_of_work() as uow:
        remember_mapping_in(uow, school_id, {"Familienname": "last_name"})
    before = _counts(ctx, school_id)
    old = _as_version_2(export_school(ctx, school_id, tmp_path / "schule.zip").path)

    archive = read_archive(old)
    preview = preview_import(ctx, archive, school_id)
    assert {r.status for r in preview.records} == {IDENTICAL}
    apply_import(ctx, archive, preview)

    assert _counts(ctx, school_id) == before
    assert _stored_files(ctx, school_id) == files


def test_a_breach_changed_here_is_a_conflict_and_keep_both_numbers_the_copy(
    ctx: ServiceContext, demo, tmp_path: Path
) -> None:
    from dataclasses import replace

    from dpo_desk.services.breaches.records import find_breach, list_breaches, update_breach

    school_id = _large(demo)
    path = export_school(ctx, school_id, tmp_path / "pannen.zip", ["breaches"]).path
    mine = find_breach(ctx, school_id, "2026-01")
    update_breach(ctx, mine.id, replace(mine.data, title="Hier umbenannt"), mine.row_version)

    archive = read_archive(path)
    preview = preview_import(ctx, archive, school_id)
    [conflict] = preview.conflicts()
    assert conflict.label.startswith("Datenpanne 2026-01")
    result = apply_import(ctx, archive, preview, {conflict.key: "both"})

    assert result.copied == 1
    titles = {b.reference: b.title for b in list_breaches(ctx, school_id)}
    assert titles["2026-01"] == "Hier umbenannt"
    copy = max(titles)  # the next free number of the year
    assert copy not in ("2026-01", "2026-02") and titles[copy] == find_title(path, "2026-01")


def find_title(path: Path, reference: str) -> str:
    with zipfile.ZipFile(path) as archive:
        part = json.loads(archive.read("parts/breaches.json"))
    return next(b["title"] for b in part["breaches"] if b["reference"] == reference)
