"""Opening an encrypted database: safety pragmas, clear refusals, verified pre-update backup."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from dpo_desk.store import crypto, schema
from dpo_desk.store.backup import copy_database, inspect_backup
from dpo_desk.store.database import (
    DatabaseError,
    PassphraseRequired,
    WrongPassphrase,
    open_database,
)

pytest.importorskip("sqlcipher3")

PASS = "Elternabend-2026"
DATA = Path(__file__).resolve().parents[1] / "data"


def test_encrypted_database_keeps_wal_foreign_keys_secure_delete_full_sync(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "neu.sqlite", passphrase=PASS)
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
    assert not (tmp_path / "neu.sqlite").read_bytes().startswith(b"SQLite format 3")
    assert "verborgen" in repr(db.key) and db.key.key.hex() not in repr(db)


def test_plain_sqlite_cannot_read_it_and_no_passphrase_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "dpo_desk.sqlite"
    open_database(path, passphrase=PASS).close()
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(PassphraseRequired, match="Bitte die Passphrase eingeben"):
        open_database(path)
    with pytest.raises(WrongPassphrase, match="nicht verändert"):
        open_database(path, passphrase="Elternabend-2025")
    assert path.read_bytes() == before
    assert issubclass(WrongPassphrase, DatabaseError)


def test_current_encrypted_database_opens_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "dpo_desk.sqlite"
    open_database(path, passphrase=PASS).close()
    code = (
        "import sys; from pathlib import Path; from dpo_desk.store.database import open_database;"
        f"open_database(Path({str(path)!r}), passphrase={PASS!r}).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_old_encrypted_schema_is_backed_up_encrypted_and_verified_before_upgrade(
    tmp_path: Path,
) -> None:
    stored = DATA / "schema_0001_foundation.sqlite"
    plain = tmp_path / "alt.sqlite"
    shutil.copy(stored, plain)
    path = tmp_path / "dpo_desk.sqlite"
    key = crypto.new_key(PASS)
    copy_database(plain, None, path, key)
    backups = tmp_path / "backups"
    db = open_database(path, backups, passphrase=PASS)
    try:
        assert db.upgraded_from == "0001_foundation"
        assert db.backup_made is not None
        info = inspect_backup(db.backup_made, db.key)
        assert info.encrypted and info.revision == "0001_foundation"
        assert info.counts["schools"] >= 1
        with db.read_session() as session:
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == schema.HEAD
    finally:
        db.close()
