"""Stored database files of every released schema upgrade to head with their data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from dpo_desk.paths import AppPaths
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.assessments import list_assessments
from dpo_desk.services.roster.students import list_students
from dpo_desk.services.schools import list_schools
from dpo_desk.store import schema
from dpo_desk.store.base import Base
from dpo_desk.store.database import open_database
from dpo_desk.store.migrate import script_revisions

DATA = Path(__file__).resolve().parents[1] / "data"
STORED = sorted(DATA.glob("schema_*.sqlite"))


def test_known_revisions_match_the_migration_scripts() -> None:
    assert list(schema.REVISIONS) == script_revisions()


def test_fresh_database_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "neu.sqlite")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == []


@pytest.mark.parametrize("stored", STORED, ids=[p.stem for p in STORED])
def test_stored_database_upgrades_to_head_with_data(stored: Path, tmp_path: Path) -> None:
    copy = tmp_path / "dpo_desk.sqlite"
    shutil.copy(stored, copy)
    backups = tmp_path / "backups"
    db = open_database(copy, backups)
    try:
        assert db.upgraded_from is not None or stored.stem.endswith(schema.HEAD)
        with sqlite3.connect(copy) as conn:
            (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == schema.HEAD
        ctx = ServiceContext(db=db, paths=AppPaths(tmp_path, backups, tmp_path))
        names = [s.name for s in list_schools(ctx)]
        assert "Altschule Erstschema" in names
        if db.upgraded_from is not None:
            assert db.backup_made is not None and db.backup_made.exists()
            with sqlite3.connect(db.backup_made) as conn:
                (old,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            assert old == db.upgraded_from
    finally:
        db.close()


def test_every_released_schema_is_stored() -> None:
    """Each revision a user may have installed has its database file; the head being built may
    still lack one (the release that ships it adds ``schema_<head>.sqlite``)."""
    stored = {p.stem.removeprefix("schema_") for p in STORED}
    missing = [rev for rev in schema.REVISIONS[:-1] if rev not in stored]
    assert missing == [], f"tests/data/schema_<Revision>.sqlite fehlt für {missing}"


@pytest.mark.parametrize("revision", ["0002_roster", "0004_dsfa"])
def test_students_and_assessments_survive_the_upgrade(revision: str, tmp_path: Path) -> None:
    copy = tmp_path / "dpo_desk.sqlite"
    shutil.copy(DATA / f"schema_{revision}.sqlite", copy)
    db = open_database(copy, tmp_path / "backups")
    try:
        assert db.upgraded_from == revision
        ctx = ServiceContext(db=db, paths=AppPaths(tmp_path, tmp_path / "backups", tmp_path))
        students = [(s.last_name, s.class_name) for s in list_students(ctx, 1)]
        assert students == [("Altmann", "7a"), ("Beispiel", "7a")]
        expected = ["lernplattform"] if revision == "0004_dsfa" else []
        assert [a.activity_key for a in list_assessments(ctx, 1)] == expected
    finally:
        db.close()
