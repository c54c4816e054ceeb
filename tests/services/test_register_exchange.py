"""The details of issue 18 travel in the export archive (format version 2 and later) and
come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpo_desk.services.exchange.apply import apply_import
from dpo_desk.services.exchange.archive import read_archive
from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.exchange.format import FORMAT_VERSION
from dpo_desk.services.exchange.preview import preview_import
from dpo_desk.services.register import activities, processors
from dpo_desk.services.register.archive import archive_activity
from tests.services.test_exchange import _documents, _large, other  # noqa: F401


@pytest.mark.sqlite_only  # two installations: on the server both are one database
def test_contract_details_and_an_archived_entry_move_to_another_installation(
    ctx,
    demo,
    other,  # noqa: F811
    tmp_path: Path,
) -> None:
    school_id = _large(demo)
    homepage = activities.find_activity(ctx, school_id, "homepage")
    archive_activity(ctx, homepage.id, "Neue Homepage beim Schulträger")
    path = export_school(ctx, school_id, tmp_path / "schule.zip").path
    documents = _documents(path)
    assert documents["parts/processors.json"]["format_version"] == FORMAT_VERSION
    archive = read_archive(path)
    result = apply_import(other, archive, preview_import(other, archive, None))
    moved = {p.name: p for p in processors.list_processors(other, result.school_id)}
    original = {p.name: p for p in processors.list_processors(ctx, school_id)}
    for name, summary in original.items():
        assert (
            processors.get_processor(other, moved[name].id).data
            == processors.get_processor(ctx, summary.id).data
        ), name
    copy = activities.find_activity(other, result.school_id, "homepage")
    assert copy.archive_reason == "Neue Homepage beim Schulträger"
    assert copy.archived_on == activities.get_activity(ctx, homepage.id).archived_on
