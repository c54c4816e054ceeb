"""The settings' encryption status comes from scanning the files: a plain backup put back
into a folder, a half-written temporary file or a contract outside the database is
reported, and "Klartext-Reste verschlüsseln" deals with them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services.safety import backup
from dpo_desk.services.safety.encryption import (
    change_passphrase,
    encrypt_leftovers,
    encryption_status,
)
from dpo_desk.services.schools import create_school
from dpo_desk.store.private import held_temp
from tests.conftest import sample_profile

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only

pytest.importorskip("sqlcipher3")
PASS = "Status-aus-Dateien"


def test_status_scans_the_files_and_leftovers_are_encrypted(data_dir: Path, tmp_path) -> None:
    ctx = open_app(str(data_dir))
    create_school(ctx, sample_profile())
    plain = backup.create_backup(ctx)
    kept = tmp_path / plain.path.name
    shutil.copy(plain.path, kept)  # a copy on a USB stick
    change_passphrase(ctx, PASS)
    status = encryption_status(ctx)
    assert status.complete, status.message
    assert "Alle Sicherungen sind verschlüsselt" in status.message

    back = ctx.paths.backup_dir / "dpo_desk_2020-01-01_080000_manuell.sqlite"
    shutil.copy(kept, back)  # ... copied back into the folder
    broken = ctx.paths.backup_dir / "dpo_desk_2020-01-02_080000_manuell.sqlite"
    broken.write_bytes(kept.read_bytes()[:4096])  # and a damaged one
    with held_temp(ctx.paths.backup_dir / ".dpo_desk_2020-01-03_080000_manuell.sqlite.tmp"):
        status = encryption_status(ctx)
        assert not status.complete
        assert len(status.found.plain_backups) == 2
        assert "2 Sicherung(en) liegen unverschlüsselt vor" in status.message
        assert "1 Zwischendatei(en) werden gerade von einem anderen Fenster" in status.message
    result = encrypt_leftovers(ctx)
    assert (result.backups_converted, result.backups_deleted) == (1, 1)
    assert not broken.exists()
    assert backup.verify_backup_file(ctx, back).encrypted
    assert encryption_status(ctx).complete
    ctx.db.close()
