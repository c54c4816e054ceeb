"""Private by default: the app's folders 0700 and its files 0600 on Linux and macOS."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services import settings
from dpo_desk.services.safety import backup
from dpo_desk.services.schools import create_school
from tests.conftest import TEST_PERSON, sample_profile

pytestmark = [
    pytest.mark.no_database,
    pytest.mark.sqlite_only,  # the local file only
    pytest.mark.skipif(os.name != "posix", reason="Windows: owner-only ACL (README)"),
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_the_app_makes_is_owner_only(data_dir: Path) -> None:
    ctx = open_app(str(data_dir))
    settings.set_person(ctx, *TEST_PERSON)
    create_school(ctx, sample_profile())
    backup.create_backup(ctx)
    ctx.db.close()
    for folder in (data_dir, data_dir / "backups", data_dir / "logs"):
        assert _mode(folder) == 0o700, folder
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"dpo_desk.sqlite", "dpo_desk.sqlite.lock"}
    assert any(p.parent.name == "backups" for p in files)
    assert {str(p): oct(_mode(p)) for p in files if _mode(p) & 0o077} == {}


def test_files_of_an_older_version_are_made_private(data_dir: Path, prepared) -> None:
    prepared.install("empty", data_dir)
    data_dir.chmod(0o755)
    (data_dir / "dpo_desk.sqlite").chmod(0o644)
    (data_dir / "backups").mkdir(mode=0o755)
    old = data_dir / "backups" / "dpo_desk_2026-01-01_080000_manuell.sqlite"
    old.write_bytes((data_dir / "dpo_desk.sqlite").read_bytes())
    old.chmod(0o644)
    open_app(str(data_dir)).db.close()
    assert _mode(data_dir) == 0o700 and _mode(data_dir / "backups") == 0o700
    assert _mode(data_dir / "dpo_desk.sqlite") == 0o600 and _mode(old) == 0o600


def test_a_chosen_backup_folder_keeps_its_rights_but_the_backups_are_private(
    data_dir: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "netzlaufwerk"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    ctx = open_app(str(data_dir))
    settings.set_person(ctx, *TEST_PERSON)
    backup.set_backup_folder(ctx, str(shared))
    made = backup.create_backup(ctx)
    ctx.db.close()
    assert _mode(shared) == 0o755  # the user's folder is the user's business
    assert _mode(made.path) == 0o600


def test_log_files_are_private_from_the_start(tmp_path: Path) -> None:
    import logging

    from dpo_desk.app import PrivateLogFile

    handler = PrivateLogFile(tmp_path / "dpo_desk.log", maxBytes=200, backupCount=2)
    record = logging.LogRecord("dpo_desk", logging.INFO, __file__, 1, "x" * 150, None, None)
    for _ in range(4):  # rotates: every new file is private too
        handler.emit(record)
    handler.close()
    logs = sorted(tmp_path.glob("dpo_desk.log*"))
    assert len(logs) == 3 and all(_mode(p) == 0o600 for p in logs)
