"""One process at a time for the steps that replace the file: a real second process and a
real open window hold the database open, and restore, re-key and passphrase change are
refused in German with the data unchanged."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services.safety import backup
from dpo_desk.services.safety.encryption import change_passphrase
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.store import process_lock
from dpo_desk.store.errors import DatabaseInUse
from tests.conftest import sample_profile
from tests.store.worker_process import start_worker

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only


def _holder(data_dir: Path) -> subprocess.Popen[str]:
    """Another program with the database open, until its stdin closes."""
    return start_worker(data_dir, "hold")


def _release(proc: subprocess.Popen[str]) -> None:
    proc.communicate(input="", timeout=60)


def test_restore_and_passphrase_change_are_refused_while_another_process_has_it_open(
    data_dir: Path,
) -> None:
    ctx = open_app(str(data_dir))
    create_school(ctx, sample_profile())
    saved = backup.create_backup(ctx)
    create_school(ctx, sample_profile(name="Zweite Schule", school_number="222"))
    ctx.db.engine.dispose()  # the pool's connections closed: everything is in the file
    before = ctx.db.path.read_bytes()
    holder = _holder(data_dir)
    try:
        with pytest.raises(DatabaseInUse, match="anderen Fenster oder von einem anderen"):
            backup.restore_backup(ctx, saved.path)
        if _has_cipher():
            with pytest.raises(DatabaseInUse, match="Es wurde nichts verändert"):
                change_passphrase(ctx, "Neue-Passphrase-1")
        assert len(list_schools(ctx)) == 2
    finally:
        _release(holder)
    assert not any(p.name.endswith(".tmp") for p in data_dir.iterdir())
    ctx.db.engine.dispose()
    assert ctx.db.path.read_bytes() == before
    backup.restore_backup(ctx, saved.path)  # alone again: allowed
    assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
    ctx.db.close()


def _has_cipher() -> bool:
    from dpo_desk.store.crypto import crypto_available

    return crypto_available()


def test_a_second_opening_in_the_same_process_counts_as_another_window(data_dir: Path) -> None:
    first = open_app(str(data_dir))
    second = open_app(str(data_dir))
    saved = backup.create_backup(first)
    with pytest.raises(DatabaseInUse):
        backup.restore_backup(first, saved.path)
    second.db.close()
    backup.restore_backup(first, saved.path)
    first.db.close()


def test_opening_waits_for_a_restore_and_then_refuses_in_german(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process_lock, "SHARED_WAIT_S", 0.2)
    ctx = open_app(str(data_dir))
    with ctx.db.exclusive(), pytest.raises(DatabaseInUse, match="wiederhergestellt"):
        open_app(str(data_dir))
    open_app(str(data_dir)).db.close()  # the exclusive step is over
    ctx.db.close()
