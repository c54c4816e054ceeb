"""Replacing the live database file safely: after a restore and when the key changes.

The new content is always complete and verified in a separate file first. Only then is the
live file swapped by one atomic rename; every step before it leaves the old file as it was.
The swap needs the database to ourselves, so it refuses (German message) while another
window or a command line call has it open.
"""

from __future__ import annotations

import os
from pathlib import Path

from dpo_desk.store import crypto
from dpo_desk.store.backup import (
    BackupError,
    _fsync_dir,
    _remove_quietly,
    copy_database,
    verify_backup,
)
from dpo_desk.store.crypto import DatabaseKey
from dpo_desk.store.database import Database

IN_USE_MESSAGE = (
    "Die Datenbank ist noch in einem anderen Fenster oder von einem anderen Programm "
    "geöffnet. Bitte dieses schließen und den Vorgang erneut starten. Es wurde nichts "
    "verändert."
)


def _take_exclusive(db: Database) -> None:
    """Fold the WAL into the file and prove nobody else has it open."""
    conn = db.connect_raw()
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except Exception as exc:
            raise BackupError(IN_USE_MESSAGE) from exc
        if str(mode).lower() != "delete":
            raise BackupError(IN_USE_MESSAGE)
    finally:
        conn.close()


def replace_database_file(db: Database, new_file: Path, new_key: DatabaseKey | None) -> None:
    """Swap ``new_file`` (complete, verified) in for the live file; reopen ``db`` with it."""
    db.engine.dispose()
    try:
        _take_exclusive(db)
        with new_file.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(new_file, db.path)
        for leftover in (Path(f"{db.path}-wal"), Path(f"{db.path}-shm")):
            if leftover.exists():
                leftover.unlink()
        _fsync_dir(db.path.parent)
    except BaseException:
        db.reopen(db.key)
        raise
    db.reopen(new_key)


def prepare_copy(
    db: Database,
    source: Path,
    source_key: DatabaseKey | None,
    target_key: DatabaseKey | None,
    purpose: str,
) -> Path:
    """A verified copy of ``source`` with ``target_key`` next to the live file."""
    temp = db.path.with_name(f".{db.path.name}.{purpose}.tmp")
    _remove_quietly(temp)
    try:
        copy_database(source, source_key, temp, target_key)
        verify_backup(temp, target_key)
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def change_key(db: Database, new_passphrase: str | None) -> None:
    """Encrypt, re-key or decrypt the live database; on failure the old file stays as it was."""
    if new_passphrase is not None:
        problem = crypto.passphrase_problem(new_passphrase)
        if problem:
            raise BackupError(problem)
        if not crypto.crypto_available():
            raise BackupError(crypto.UNAVAILABLE_MESSAGE)
    new_key = crypto.new_key(new_passphrase) if new_passphrase else None
    if new_key is None and db.key is None:
        return
    db.engine.dispose()
    try:
        _take_exclusive(db)  # fail early, before the copy, if another window has it open
    finally:
        db.reopen(db.key)
    temp = prepare_copy(db, db.path, db.key, new_key, "neuer-schluessel")
    try:
        replace_database_file(db, temp, new_key)
    finally:
        _remove_quietly(temp)


def rekey_backup(path: Path, old_key: DatabaseKey | None, new_key: DatabaseKey | None) -> None:
    """Re-encrypt one backup file in place (via a verified temporary copy)."""
    temp = path.with_name(f".{path.name}.rekey.tmp")
    _remove_quietly(temp)
    try:
        copy_database(path, old_key, temp, new_key)
        verify_backup(temp, new_key)
        os.replace(temp, path)
        _fsync_dir(path.parent)
    finally:
        _remove_quietly(temp)
