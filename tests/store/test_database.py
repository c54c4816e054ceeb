"""Opening the database file: pragmas, refusing files that are not ours, newer versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from dpo_desk.store.database import DatabaseError, open_database


def test_new_database_runs_wal_foreign_keys_and_secure_delete(tmp_path: Path) -> None:
    db = open_database(tmp_path / "neu.sqlite")
    with db.session() as session:
        pragmas = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "secure_delete", "synchronous")
        }
    db.close()
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "secure_delete": 1,
        "synchronous": 2,
    }


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "dpo_desk.sqlite"
    content = b"Dies ist ein Brief, keine Datenbank.\n" * 50
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="keine dpo_desk-Datenbank"):
        open_database(path)
    assert path.read_bytes() == content


def test_a_foreign_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "dpo_desk.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE rezepte (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="fremde Datenbank"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "dpo_desk.sqlite"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999_zukunft'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="neueren Version"):
        open_database(path, tmp_path / "backups")
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_a_current_database_opens_without_importing_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "dpo_desk.sqlite"
    open_database(path).close()
    code = (
        "import sys; from pathlib import Path; from dpo_desk.store.database import open_database;"
        f"open_database(Path({str(path)!r})).close(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
