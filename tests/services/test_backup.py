"""Backups a DPO can trust: verified, listed with contents, rotated, restored unchanged."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from dpo_desk.core.validation import ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.store import schema
from dpo_desk.store.backup import BackupError, backup_name
from tests.conftest import sample_profile

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_backup_is_verified_and_listed_with_what_it_holds(
    ctx: ServiceContext, school_id: int
) -> None:
    info = backup.create_backup(ctx)
    assert info.path.parent == ctx.paths.backup_dir
    assert info.revision == schema.HEAD
    assert info.counts["schools"] == 1
    entries = backup.list_backups(ctx)
    assert [e.path for e in entries] == [info.path]
    assert entries[0].info is not None and entries[0].info.counts["schools"] == 1
    assert entries[0].size > 0 and entries[0].problem is None
    assert not list(ctx.paths.backup_dir.glob(".*tmp"))


def test_restore_round_trip_gives_identical_data(ctx: ServiceContext, school_id: int) -> None:
    before = _dump(ctx.db.path)
    saved = backup.create_backup(ctx)
    create_school(ctx, sample_profile(name="Neue Schule", school_number="654321"))
    assert len(list_schools(ctx)) == 2

    result = backup.restore_backup(ctx, saved.path)

    assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
    after = [line for line in _dump(ctx.db.path) if "audit_event" not in line]
    assert after == [line for line in before if "audit_event" not in line]
    # the state before the restore was kept and still holds the second school
    safety = backup.verify_backup_file(ctx, result.safety_backup.path)
    assert safety.counts["schools"] == 2
    # the app keeps working on the restored file
    create_school(ctx, sample_profile(name="Nach der Wiederherstellung", school_number="111"))
    assert len(list_schools(ctx)) == 2


def test_truncated_and_foreign_backups_are_refused_and_data_untouched(
    ctx: ServiceContext, school_id: int, tmp_path: Path
) -> None:
    good = backup.create_backup(ctx).path
    truncated = tmp_path / "abgeschnitten.sqlite"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2 + 100])
    letter = tmp_path / "brief.sqlite"
    letter.write_text("Sehr geehrte Damen und Herren,\n" * 200)
    foreign = tmp_path / "fremd.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE rezepte (name TEXT)")
    conn.close()
    before = _dump(ctx.db.path)
    with pytest.raises(BackupError, match=r"unvollständig|beschädigt"):
        backup.restore_backup(ctx, truncated)
    with pytest.raises(BackupError, match="keine dpo_desk-Sicherung"):
        backup.restore_backup(ctx, letter)
    with pytest.raises(BackupError, match="keine dpo_desk-Sicherung"):
        backup.restore_backup(ctx, foreign)
    with pytest.raises(BackupError, match="nicht gefunden"):
        backup.restore_backup(ctx, tmp_path / "gibtsnicht.sqlite")
    assert _dump(ctx.db.path) == before
    assert len(backup.list_backups(ctx)) == 1  # no safety backup for a refused restore


def test_backup_from_a_newer_version_is_refused(ctx: ServiceContext, school_id: int) -> None:
    path = backup.create_backup(ctx).path
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999_zukunft'")
    conn.close()
    with pytest.raises(BackupError, match="neueren Version"):
        backup.restore_backup(ctx, path)
    assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
    listed = backup.list_backups(ctx)[0]
    assert listed.problem and "neueren Version" in listed.problem


def test_missing_backup_folder_raises_german_error_and_is_reported(
    ctx: ServiceContext, school_id: int, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    backup.set_backup_folder(ctx, str(stick))
    stick.rmdir()  # the stick was pulled
    with pytest.raises(BackupError, match="nicht vorhanden"):
        backup.create_backup(ctx)
    status = backup.backup_status(ctx)
    assert status.failure and "nicht vorhanden" in status.failure
    stick.mkdir()
    backup.create_backup(ctx)
    assert backup.backup_status(ctx).failure is None


def test_choosing_a_folder_that_does_not_exist_is_rejected(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="nicht vorhanden"):
        backup.set_backup_folder(ctx, str(tmp_path / "fehlt"))
    assert backup.backup_folder(ctx) == ctx.paths.backup_dir


def test_automatic_backup_once_a_day_and_rotation_applied(
    ctx: ServiceContext, school_id: int
) -> None:
    folder = ctx.paths.backup_dir
    now = datetime.now()
    old = [now - timedelta(days=d) for d in range(1, 40)]
    template = backup.create_backup(ctx, "vorlage").path
    for stamp in old:
        (folder / backup_name(stamp, "taeglich")).write_bytes(template.read_bytes())
    template.unlink()
    backup.set_rotation_policy(ctx, 5, 2)

    made = backup.auto_backup_if_due(ctx)
    assert made is not None
    assert backup.auto_backup_if_due(ctx) is None  # second start the same day

    remaining = backup.list_backups(ctx)
    days = {e.created.date() for e in remaining}
    assert len(remaining) <= 1 + 5 + 2
    assert now.date() in days
    assert (now - timedelta(days=1)).date() in days
    assert (now - timedelta(days=39)).date() not in days


def test_rotation_numbers_are_validated(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="täglichen"):
        backup.set_rotation_policy(ctx, 0, 12)
    assert backup.rotation_policy(ctx).daily == 14


def test_backup_before_large_import_leaves_a_verified_file(
    ctx: ServiceContext, school_id: int
) -> None:
    info = backup.backup_before_large_import(ctx)
    assert info.reason == "vor-import"
    assert backup.verify_backup_file(ctx, info.path).counts["schools"] == 1
