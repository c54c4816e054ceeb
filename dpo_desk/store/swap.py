"""Putting a complete, checked file in place of the live database in one atomic rename.

Every caller holds the process lock exclusively (no other window or command of ours has
the file open); ``fold_wal`` additionally proves that no other program does, because
SQLite refuses to leave WAL mode while another connection uses the file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from dpo_desk.store import crypto
from dpo_desk.store.crypto import DatabaseKey
from dpo_desk.store.errors import IN_USE_MESSAGE, DatabaseInUse
from dpo_desk.store.private import secure_delete

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fold_wal(live: Path, key: DatabaseKey | None) -> None:
    """Write the WAL back into the file and switch to a rollback journal; raises
    ``DatabaseInUse`` when another connection (another program) has the file open."""
    if not live.exists() or live.stat().st_size == 0:
        return
    conn = crypto.connect(live, key, timeout=2.0)
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except Exception as exc:
            raise DatabaseInUse(IN_USE_MESSAGE) from exc
        if str(mode).lower() != "delete":
            raise DatabaseInUse(IN_USE_MESSAGE)
    finally:
        conn.close()


def replace_file(target: Path, new_file: Path, *, wipe_old: bool) -> None:
    """Rename ``new_file`` over ``target``. ``wipe_old``: the old content was plaintext, so
    its bytes are overwritten after the rename (through a second name made before it)."""
    with new_file.open("rb+") as handle:
        os.fsync(handle.fileno())
    old_copy = target.with_name(f".{target.name}.alt.tmp")
    if wipe_old and target.exists():
        with contextlib.suppress(FileNotFoundError):
            old_copy.unlink()
        try:
            os.link(target, old_copy)
        except OSError:  # no hard links here (FAT, some network shares)
            wipe_old = False
    os.replace(new_file, target)
    fsync_dir(target.parent)
    if wipe_old:
        secure_delete(old_copy)


def swap_in(live: Path, new_file: Path, live_key: DatabaseKey | None, *, wipe_old: bool) -> None:
    """Replace the live database ``live`` by ``new_file`` (complete and checked)."""
    fold_wal(live, live_key)
    replace_file(live, new_file, wipe_old=wipe_old)
    for suffix in SIDE_SUFFIXES:
        leftover = Path(f"{live}{suffix}")
        if leftover.exists():
            secure_delete(leftover)
    fsync_dir(live.parent)
