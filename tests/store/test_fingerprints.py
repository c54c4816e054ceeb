"""The stored schema fingerprints are what the migrations make, revision by revision; a
new migration without its fingerprint fails here (see docs/DEVELOPING.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dpo_desk.store import schema
from dpo_desk.store.fingerprint import (
    as_json,
    differences,
    expected_fingerprint,
    fingerprint_file,
    migrated_fingerprints,
    read_fingerprint,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def test_every_revision_has_its_stored_fingerprint_and_it_matches(tmp_path: Path) -> None:
    made = migrated_fingerprints(tmp_path)
    assert list(made) == list(schema.REVISIONS)
    for revision, fingerprint in made.items():
        assert fingerprint_file(revision).exists(), (
            f"{revision}: Fingerabdruck fehlt – python -m dpo_desk.store.fingerprint --write"
        )
        assert as_json(fingerprint) == fingerprint_file(revision).read_text(encoding="utf-8"), (
            f"{revision}: Migration und gespeicherter Fingerabdruck weichen ab"
        )


@pytest.mark.parametrize("stored", sorted(DATA.glob("schema_*.sqlite")), ids=lambda p: p.stem)
def test_files_written_by_older_versions_match_their_revision(stored: Path) -> None:
    conn = sqlite3.connect(stored)
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert differences(read_fingerprint(conn), expected_fingerprint(revision)) == []
    finally:
        conn.close()


def test_differences_name_what_was_changed(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE school (id INTEGER PRIMARY KEY, name TEXT)")
    before = read_fingerprint(conn)
    conn.execute("ALTER TABLE school ADD COLUMN notiz TEXT")
    conn.execute("CREATE INDEX ix_name ON school (name)")
    conn.execute("CREATE TRIGGER t AFTER INSERT ON school BEGIN SELECT 1; END")
    found = differences(read_fingerprint(conn), before)
    conn.close()
    assert found == [
        "unbekannte Spalte „school.notiz“",
        "unbekannter Index „ix_name“",
        "unerwarteter Trigger „t“",
    ]
