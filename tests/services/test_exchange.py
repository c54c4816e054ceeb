"""Export and import (services/exchange): a school moves to an empty installation and comes
out the same; a re-import changes nothing; a record changed on both sides is a conflict the
user decides; a school changed after the preview gets a fresh preview and nothing written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dpo_desk.app import open_app
from dpo_desk.core.register.values import TomData
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.exchange.apply import PreviewOutdated, apply_import
from dpo_desk.services.exchange.archive import read_archive
from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.exchange.format import PART_FOLDER, PARTS, SCHOOL
from dpo_desk.services.exchange.preview import CONFLICT, IDENTICAL, NEW, preview_import
from dpo_desk.services.register.toms import list_toms, update_tom
from dpo_desk.services.roster.students import list_students


def _documents(path: Path) -> dict[str, Any]:
    """The school and part documents of an archive (the manifest holds times and digests)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: json.loads(archive.read(name))
            for name in archive.namelist()
            if name == SCHOOL or name.startswith(PART_FOLDER)
        }


def _large(demo) -> int:
    return next(s.id for s in demo.schools if s.size == "large")


@pytest.fixture
def other(tmp_path: Path, prepared) -> Any:
    """A second, empty installation (another laptop)."""
    folder = tmp_path / "anderer_laptop"
    prepared.install("empty", folder)
    context = open_app(str(folder))
    yield context
    context.db.close()


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_a_school_moves_to_an_empty_installation_unchanged(
    ctx: ServiceContext, demo, other: ServiceContext, tmp_path: Path
) -> None:
    school_id = _large(demo)
    first = export_school(ctx, school_id, tmp_path / "schule.zip")
    assert first.parts == tuple(PARTS)
    assert first.records > 1000

    archive = read_archive(first.path)
    preview = preview_import(other, archive, None)
    assert preview.school_id is None
    assert {r.status for r in preview.records} == {NEW}
    result = apply_import(other, archive, preview)
    assert result.created == len(preview.records)

    again = export_school(other, result.school_id, tmp_path / "zurueck.zip")
    assert _documents(again.path) == _documents(first.path)
    assert len(list_students(other, result.school_id)) == len(list_students(ctx, school_id))


def test_importing_the_same_archive_again_changes_nothing(
    ctx: ServiceContext, demo, tmp_path: Path
) -> None:
    school_id = _large(demo)
    path = export_school(ctx, school_id, tmp_path / "schule.zip").path
    archive = read_archive(path)
    preview = preview_import(ctx, archive, school_id)
    assert {r.status for r in preview.records} == {IDENTICAL}
    result = apply_import(ctx, archive, preview)
    assert (result.created, result.replaced, result.copied) == (0, 0, 0)
    assert _documents(export_school(ctx, school_id, tmp_path / "b.zip").path) == _documents(path)


def _changed_tom(ctx: ServiceContext, school_id: int, description: str) -> str:
    """Change the description of the school's first measure here; its title (its identity in
    the archive) stays."""
    tom = next(t for t in list_toms(ctx, school_id, None))
    data = TomData(tom.title, description, tom.protection_goal, tom.control_type, None)
    update_tom(ctx, tom.id, data)
    return tom.title


def _descriptions(ctx: ServiceContext, school_id: int, title: str) -> list[str]:
    return sorted(t.description for t in list_toms(ctx, school_id, None) if title in t.title)


@pytest.mark.parametrize("choice", ["keep", "replace", "both"])
def test_a_record_changed_here_is_a_conflict_decided_by_the_user(
    ctx: ServiceContext, demo, tmp_path: Path, choice: str
) -> None:
    school_id = _large(demo)
    path = export_school(ctx, school_id, tmp_path / "schule.zip", ["processors"]).path
    original = next(t for t in list_toms(ctx, school_id, None)).description
    title = _changed_tom(ctx, school_id, "Hier geändert")
    archive = read_archive(path)
    preview = preview_import(ctx, archive, school_id)
    conflicts = preview.conflicts()
    assert [r.label for r in conflicts] == [f"TOM „{title}“"]
    assert conflicts[0].status == CONFLICT

    apply_import(ctx, archive, preview, {conflicts[0].key: choice})

    expected = {
        "keep": ["Hier geändert"],
        "replace": [original],
        "both": sorted(["Hier geändert", original]),
    }
    assert _descriptions(ctx, school_id, title) == expected[choice]


def test_a_school_changed_after_the_preview_gets_a_fresh_preview(
    ctx: ServiceContext, demo, tmp_path: Path
) -> None:
    school_id = _large(demo)
    path = export_school(ctx, school_id, tmp_path / "schule.zip", ["processors"]).path
    archive = read_archive(path)
    preview = preview_import(ctx, archive, school_id)
    assert not preview.conflicts()
    title = _changed_tom(ctx, school_id, "Nach der Vorschau geändert")

    with pytest.raises(PreviewOutdated) as refused:
        apply_import(ctx, archive, preview, {})
    assert [r.label for r in refused.value.preview.conflicts()] == [f"TOM „{title}“"]
    assert _descriptions(ctx, school_id, title) == ["Nach der Vorschau geändert"]
