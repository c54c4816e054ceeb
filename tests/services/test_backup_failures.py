"""A backup that cannot be written says why in German and leaves the data untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup
from dpo_desk.store.backup import BackupError

ROOT = Path(__file__).resolve().parents[2]
# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Really read-only, also for root (who ignores file modes): the immutable attribute."""
    if os.geteuid() == 0:
        if not shutil.which("chattr"):
            pytest.skip("chattr fehlt: als root lässt sich kein Ordner schreibschützen")
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_read_only_backup_folder(ctx: ServiceContext, school_id: int, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backup.set_backup_folder(ctx, str(stick))
    before = ctx.db.path.read_bytes()
    with read_only(stick):
        with pytest.raises(BackupError, match="schreibgeschützt") as caught:
            backup.create_backup(ctx)
        assert str(stick) in str(caught.value)
        assert "Es wurde keine Sicherung angelegt" in str(caught.value)
    assert list(stick.iterdir()) == []
    assert ctx.db.path.read_bytes() == before
    assert "schreibgeschützt" in (backup.backup_status(ctx).failure or "")


def test_choosing_a_read_only_folder_is_rejected(ctx: ServiceContext, tmp_path: Path) -> None:
    from dpo_desk.core.validation import ValidationError

    stick = tmp_path / "stick"
    stick.mkdir()
    with read_only(stick), pytest.raises(ValidationError, match="schreibgeschützt"):
        backup.set_backup_folder(ctx, str(stick))


FULL_DISK = """
import resource, signal, sys
from dpo_desk.app import open_app
from dpo_desk.services.safety.backup import create_backup
from dpo_desk.store.backup import BackupError
ctx = open_app(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))  # the disk is full
try:
    create_backup(ctx)
except BackupError as exc:
    print(exc)
    sys.exit(7)
"""


def test_disk_full_during_backup(ctx: ServiceContext, data_dir: Path, demo) -> None:
    assert ctx.db.path.stat().st_size > 128 * 1024
    before = ctx.db.path.read_bytes()
    ctx.db.close()
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 7, proc.stderr
    assert "voll" in proc.stdout and "Daten sind unverändert" in proc.stdout
    assert list(ctx.paths.backup_dir.iterdir()) == []  # no half-written file left
    assert ctx.db.path.read_bytes() == before


def test_half_written_backup_of_a_killed_process_is_cleaned_up_later(
    ctx: ServiceContext, school_id: int
) -> None:
    """A temporary file nobody holds is an orphan, however young: it may hold every name.
    One that another writer holds (as every writer does) stays."""
    from dpo_desk.store.private import held_temp

    folder = ctx.paths.backup_dir
    orphan = folder / ".dpo_desk_2026-01-01_080000_manuell.sqlite.tmp"
    orphan.write_bytes(b"Klartext " * 512)
    in_use = folder / ".dpo_desk_2026-01-02_080000_manuell.sqlite.tmp"
    with held_temp(in_use):
        backup.create_backup(ctx)
        assert not orphan.exists()
        assert in_use.exists()  # another window is writing this backup right now
    assert not in_use.exists()
    assert len(backup.list_backups(ctx)) == 1
