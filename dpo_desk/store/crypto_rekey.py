"""Replacing the live database file safely: after a restore and when the key changes.

The new content is always complete and verified in a separate, held temporary file first.
Only then is the live file swapped by one atomic rename; every step before it leaves the
old file as it was. The caller holds the database exclusively (``Database.exclusive``).

A key change writes a small journal (``schluesselwechsel.json``: whether the target is
encrypted and the new key's salt, never a key or passphrase) before it starts and removes
it when every backup has been converted. A process killed in between leaves the journal,
and the next opening finishes the work (``services.safety.encryption.resume_key_change``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from dpo_desk.store.backup import copy_database, inspect_backup
from dpo_desk.store.crypto import DatabaseKey
from dpo_desk.store.database import Database
from dpo_desk.store.private import held_temp, temp_name, write_private
from dpo_desk.store.swap import replace_file, swap_in

JOURNAL_FILENAME = "schluesselwechsel.json"


@dataclass(frozen=True)
class KeyChangeJournal:
    """A key change that has begun and not yet converted every backup."""

    target_encrypted: bool
    new_salt: str
    started: float


def journal_path(database: Path) -> Path:
    return database.parent / JOURNAL_FILENAME


def read_journal(database: Path) -> KeyChangeJournal | None:
    try:
        data = json.loads(journal_path(database).read_text(encoding="utf-8"))
        return KeyChangeJournal(
            bool(data["target_encrypted"]), str(data["new_salt"]), float(data["started"])
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Unreadable: treat it as a change to finish, so the scan runs and reports.
        return KeyChangeJournal(True, "", 0.0)


def write_journal(database: Path, journal: KeyChangeJournal) -> None:
    data = {
        "target_encrypted": journal.target_encrypted,
        "new_salt": journal.new_salt,
        "started": journal.started,
    }
    write_private(journal_path(database), json.dumps(data).encode("utf-8"))


def clear_journal(database: Path) -> None:
    journal_path(database).unlink(missing_ok=True)


def swap_database(
    db: Database, new_file: Path, new_key: DatabaseKey | None, *, wipe_old: bool = False
) -> None:
    """Swap ``new_file`` (complete, verified) in for the live file; reopen ``db`` with it."""
    db.engine.dispose()
    try:
        swap_in(db.path, new_file, db.key, wipe_old=wipe_old)
    except BaseException:
        db.reopen(db.key)
        raise
    db.reopen(new_key)
    db.untrusted = []


def change_key(db: Database, new_key: DatabaseKey | None) -> None:
    """Encrypt, re-key or decrypt the live database; on failure the old file stays as it was.

    Writes the journal first; the caller converts the backups and then clears it.
    """
    if new_key is None and db.key is None:
        return
    write_journal(
        db.path,
        KeyChangeJournal(new_key is not None, new_key.salt.hex() if new_key else "", time.time()),
    )
    temp = temp_name(db.path, "neuer-schluessel")
    try:
        with held_temp(temp):
            copy_database(db.path, db.key, temp, new_key)
            inspect_backup(temp, new_key, distrust=False)  # opens with the key, integrity
            # A plaintext file replaced by an encrypted one is overwritten, not just unlinked.
            swap_database(db, temp, new_key, wipe_old=db.key is None)
    except BaseException:
        if db.key is not new_key:  # not swapped: nothing to finish later
            clear_journal(db.path)
        raise


def rekey_backup(path: Path, old_key: DatabaseKey | None, new_key: DatabaseKey | None) -> None:
    """Re-encrypt one backup file in place (via a verified, held temporary copy)."""
    temp = temp_name(path, "rekey")
    with held_temp(temp):
        copy_database(path, old_key, temp, new_key)
        inspect_backup(temp, new_key, distrust=False)  # opens with the key, integrity
        replace_file(path, temp, wipe_old=old_key is None)
