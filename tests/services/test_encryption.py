"""Encryption at rest: without the passphrase neither the database nor a backup reveals a name."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from dpo_desk.app import open_app
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup
from dpo_desk.services.safety.encryption import change_passphrase, encryption_status
from dpo_desk.services.schools import list_schools
from dpo_desk.store.database import DatabaseInUse, PassphraseRequired, WrongPassphrase

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only

pytest.importorskip("sqlcipher3")

PASS = "Lindenblüte-2026"


def _names(ctx: ServiceContext) -> list[bytes]:
    """Plain-text names from the demo data that must not be readable in any file."""
    names = [s.name for s in list_schools(ctx)]
    with ctx.reading() as session:
        has_students = session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='student'")
        ).first()
        if has_students:
            names += [
                row[0] for row in session.execute(text("SELECT last_name FROM student LIMIT 20"))
            ]
    return [n.encode("utf-8") for n in names]


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".log"]


def _encrypted_demo(data_dir: Path, prepared) -> tuple[ServiceContext, list[bytes]]:
    prepared.install("demo", data_dir)
    ctx = open_app(str(data_dir))
    names = _names(ctx)
    backup.create_backup(ctx, "unverschluesselt")
    change_passphrase(ctx, PASS)
    return ctx, names


def test_no_demo_name_in_the_bytes_of_the_database_or_any_backup(data_dir: Path, prepared) -> None:
    ctx, names = _encrypted_demo(data_dir, prepared)
    backup.create_backup(ctx)
    ctx.db.close()
    files = _files(data_dir)
    assert any(p.parent == ctx.paths.backup_dir for p in files)
    assert b"Grundschule am Lindenhof" in names
    for path in files:
        content = path.read_bytes()
        assert not content.startswith(b"SQLite format 3"), path.name
        for name in names:
            assert name not in content, f"{name!r} lesbar in {path.name}"
    assert encryption_status(open_app(str(data_dir), PASS)).encrypted


def test_encrypted_database_needs_the_right_passphrase(data_dir: Path, prepared) -> None:
    ctx, _ = _encrypted_demo(data_dir, prepared)
    ctx.db.close()
    before = ctx.paths.database.read_bytes()
    with pytest.raises(PassphraseRequired, match="verschlüsselt"):
        open_app(str(data_dir))
    with pytest.raises(WrongPassphrase, match="Passphrase ist falsch"):
        open_app(str(data_dir), "falsche-passphrase")
    assert ctx.paths.database.read_bytes() == before
    reopened = open_app(str(data_dir), PASS)
    assert len(list_schools(reopened)) == 2
    reopened.db.close()


def test_encrypted_backup_round_trip(data_dir: Path, prepared) -> None:
    ctx, _ = _encrypted_demo(data_dir, prepared)
    saved = backup.create_backup(ctx)
    assert saved.encrypted
    with ctx.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM school WHERE name LIKE 'Grundschule%'"))
    assert len(list_schools(ctx)) == 1
    backup.restore_backup(ctx, saved.path)
    assert len(list_schools(ctx)) == 2
    ctx.db.close()
    assert len(list_schools(open_app(str(data_dir), PASS))) == 2


def test_change_and_remove_passphrase_convert_the_backups(data_dir: Path, prepared) -> None:
    ctx, _ = _encrypted_demo(data_dir, prepared)
    with pytest.raises(ValidationError, match="bisherige Passphrase ist falsch"):
        change_passphrase(ctx, "ganz-neu-2027", "geraten")
    result = change_passphrase(ctx, "ganz-neu-2027", PASS)
    assert result.encrypted and result.backups_left == 0
    ctx.db.close()
    with pytest.raises(WrongPassphrase):
        open_app(str(data_dir), PASS)
    ctx = open_app(str(data_dir), "ganz-neu-2027")
    for entry in backup.list_backups(ctx):
        assert entry.problem is None and entry.info and entry.info.encrypted

    change_passphrase(ctx, None, "ganz-neu-2027")
    ctx.db.close()
    assert ctx.paths.database.read_bytes().startswith(b"SQLite format 3")
    ctx = open_app(str(data_dir))
    assert len(list_schools(ctx)) == 2
    assert all(not e.info.encrypted for e in backup.list_backups(ctx) if e.info)
    ctx.db.close()


def test_short_passphrase_is_rejected_and_nothing_changes(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="mindestens 8 Zeichen"):
        change_passphrase(ctx, "kurz")
    assert not ctx.db.encrypted
    assert ctx.paths.database.read_bytes().startswith(b"SQLite format 3")


def test_rekey_while_another_program_has_the_file_open_leaves_it_usable(
    data_dir: Path, prepared
) -> None:
    ctx, _ = _encrypted_demo(data_dir, prepared)
    other = ctx.db.connect_raw()
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM school").fetchone()
    try:
        with pytest.raises(DatabaseInUse, match="anderen Fenster"):
            change_passphrase(ctx, "noch-eine-neue", PASS)
    finally:
        other.rollback()
        other.close()
    assert len(list_schools(ctx)) == 2
    ctx.db.close()
    assert len(list_schools(open_app(str(data_dir), PASS))) == 2
    assert not list(data_dir.glob(".*.tmp"))


def test_plain_backup_restored_into_encrypted_database_stays_encrypted(
    data_dir: Path, prepared
) -> None:
    prepared.install("demo", data_dir)
    ctx = open_app(str(data_dir))
    plain = backup.create_backup(ctx)
    elsewhere = data_dir.parent / "alte_kopie.sqlite"
    shutil.copy(plain.path, elsewhere)
    change_passphrase(ctx, PASS)
    # the backup in the folder was converted ...
    assert backup.verify_backup_file(ctx, plain.path).encrypted
    ctx.db.close()
    # ... and a plain copy kept elsewhere restores into the encrypted database
    conn = sqlite3.connect(elsewhere)
    assert conn.execute("SELECT count(*) FROM school").fetchone()[0] == 2
    conn.close()
    ctx = open_app(str(data_dir), PASS)
    backup.restore_backup(ctx, elsewhere)
    assert len(list_schools(ctx)) == 2
    ctx.db.close()
    assert not ctx.paths.database.read_bytes().startswith(b"SQLite format 3")
