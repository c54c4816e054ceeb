"""Backups as the user sees them: folder, rotation, automatic and manual backups, restore.

Every backup is verified after writing and the rotation runs only after a good one. A
failure raises ``BackupError`` with a German message and is remembered, so the status bar
and the overview can show it (``backup_status``) instead of it being swallowed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dpo_desk.core.rotation import RotationPolicy, backups_to_delete
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services import settings
from dpo_desk.services.changes import Area, Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import leftovers
from dpo_desk.services.safety.folders import remember_backup_folder
from dpo_desk.store.backup import (
    BackupError,
    BackupInfo,
    backup_files,
    inspect_backup,
    open_backup_key,
    verify_backup,
    write_backup,
)
from dpo_desk.store.private import secure_delete

log = logging.getLogger(__name__)


_failures: dict[Path, str] = {}


@dataclass(frozen=True)
class BackupEntry:
    """One file in the backup folder: what it holds, or why it cannot be read."""

    path: Path
    created: datetime
    reason: str
    size: int
    info: BackupInfo | None
    problem: str | None


@dataclass(frozen=True)
class BackupStatus:
    folder: Path
    last_backup: datetime | None
    failure: str | None


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: BackupInfo
    changes: Changes = changes_field()


def backup_folder(ctx: ServiceContext) -> Path:
    chosen = settings.read(ctx, settings.BACKUP_DIR)
    return Path(chosen) if chosen else ctx.paths.backup_dir


def set_backup_folder(ctx: ServiceContext, folder: str) -> Path:
    """Choose the backup folder (empty: the default folder). It must exist and be writable."""
    text = folder.strip()
    if not text:
        settings.write(ctx, settings.BACKUP_DIR, "")
        return ctx.paths.backup_dir
    path = Path(text).expanduser().resolve()
    problem = _folder_problem(path)
    if problem:
        raise ValidationError([Problem(settings.BACKUP_DIR.key, problem)])
    settings.write(ctx, settings.BACKUP_DIR, str(path))
    remember_backup_folder(ctx, path)
    return path


def _folder_problem(path: Path) -> str | None:
    if not path.is_dir():
        return f"Sicherungsordner: „{path}“ ist nicht vorhanden oder kein Ordner."
    probe = path / ".dpo_desk_schreibtest"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return f"Sicherungsordner: „{path}“ ist schreibgeschützt. Bitte einen anderen wählen."
    return None


def rotation_policy(ctx: ServiceContext) -> RotationPolicy:
    return RotationPolicy(
        settings.read(ctx, settings.BACKUP_KEEP_DAILY),
        settings.read(ctx, settings.BACKUP_KEEP_MONTHLY),
    )


def set_rotation_policy(ctx: ServiceContext, daily: int, monthly: int) -> RotationPolicy:
    policy = RotationPolicy(daily, monthly)
    problems = policy.problems()
    if problems:
        raise ValidationError([Problem("rotation", p) for p in problems])
    settings.write_all(
        ctx, {settings.BACKUP_KEEP_DAILY: daily, settings.BACKUP_KEEP_MONTHLY: monthly}
    )
    return policy


def create_backup(
    ctx: ServiceContext, reason: str = "manuell", *, apply_rotation: bool = True
) -> BackupInfo:
    """Write and verify a backup, then apply the rotation. Raises German ``BackupError``
    (``NotInServerMode`` in server mode: there the server's own backups count)."""
    if ctx.server_mode:
        from dpo_desk.store.server.errors import NOT_IN_SERVER_MODE, NotInServerMode

        raise NotInServerMode(NOT_IN_SERVER_MODE.format(what="Sicherungen von dpo_desk"))
    folder = backup_folder(ctx)
    try:
        info = write_backup(
            ctx.db.path,
            folder,
            reason,
            ctx.db.key,
            create_folder=folder == ctx.paths.backup_dir,
        )
    except BackupError as exc:
        _failures[ctx.paths.data_dir] = str(exc)
        log.warning("backup (%s) failed", reason)
        raise
    _failures.pop(ctx.paths.data_dir, None)
    remember_backup_folder(ctx, folder)
    log.info("backup (%s) written, %d bytes", reason, info.size)
    if apply_rotation:
        rotate(ctx)
    return info


def rotate(ctx: ServiceContext, today: date | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted."""
    files = backup_files(backup_folder(ctx))
    by_stamp: dict[datetime, list[Path]] = {}
    for path, created, _reason in files:
        by_stamp.setdefault(created, []).append(path)
    doomed = backups_to_delete(by_stamp, rotation_policy(ctx), today or ctx.clock.today())
    deleted = []
    for stamp in doomed:
        for path in by_stamp[stamp]:
            # A plaintext backup is overwritten before it goes (it holds every name).
            if leftovers.backup_kind(path, None) == "plain":
                gone = secure_delete(path)
            else:
                try:
                    path.unlink()
                    gone = True
                except OSError:
                    gone = False
            if gone:
                deleted.append(path)
            else:
                log.warning("rotation could not delete an old backup")
    return deleted


def list_backups(ctx: ServiceContext) -> list[BackupEntry]:
    """Every backup in the folder, newest first, with its contents (no full check)."""
    entries = []
    for path, created, reason in backup_files(backup_folder(ctx)):
        try:
            info: BackupInfo | None = inspect_backup(path, ctx.db.key, full_check=False)
            problem = None
            if info.newer_than_app:
                problem = "aus einer neueren Version von dpo_desk"
        except BackupError as exc:
            info, problem = None, str(exc)
        entries.append(BackupEntry(path, created, reason, path.stat().st_size, info, problem))
    return entries


def verify_backup_file(
    ctx: ServiceContext, path: Path, passphrase: str | None = None
) -> BackupInfo:
    """Full check of one backup file (exact schema, integrity, foreign keys, JSON, stored
    paths); German ``BackupError``."""
    return verify_backup(Path(path), ctx.db.key, passphrase, ctx.paths.attachments_dir)


def backup_status(ctx: ServiceContext) -> BackupStatus:
    folder = backup_folder(ctx)
    files = backup_files(folder)
    return BackupStatus(
        folder=folder,
        last_backup=files[0][1] if files else None,
        failure=_failures.get(ctx.paths.data_dir),
    )


def auto_backup_if_due(ctx: ServiceContext, now: datetime | None = None) -> BackupInfo | None:
    """The automatic backup at the first start of a day; None when today's exists (and
    always in server mode)."""
    if ctx.server_mode:
        return None
    today = (now or ctx.clock.now()).astimezone().date()
    if any(created.date() == today for _, created, _ in backup_files(backup_folder(ctx))):
        return None
    return create_backup(ctx, "taeglich")


def backup_before_large_import(ctx: ServiceContext) -> BackupInfo | None:
    """Call before an import that writes many rows; raises ``BackupError`` if it fails,
    and the import should then not start. Nothing in server mode (the server's backups;
    the import is one transaction there too)."""
    if ctx.server_mode:
        return None
    return create_backup(ctx, "vor-import")


def _safety_backup(ctx: ServiceContext) -> BackupInfo:
    """The current state, kept before a restore replaces it. A file opened for rescue
    (it failed the checks) is kept as it is, byte for byte, under a telling name."""
    if not ctx.db.untrusted:
        # No rotation now: it must not delete the very backup that is being restored.
        return create_backup(ctx, "vor-wiederherstellung", apply_rotation=False)
    from dpo_desk.store.backup import keep_raw_copy

    return keep_raw_copy(ctx.db.path, backup_folder(ctx), "vor-wiederherstellung-beschaedigt")


def restore_backup(ctx: ServiceContext, path: Path, passphrase: str | None = None) -> RestoreResult:
    """Replace the current data with the backup at ``path``.

    Needs the database to itself (``DatabaseInUse`` while another window or process has it
    open). The backup is copied into a staging file next to the live one and distrusted
    there (exact schema of its revision, integrity, foreign keys, JSON, stored paths), then
    upgraded and checked with the app's invariants (``UntrustedDatabase`` otherwise); only
    then is the current state backed up and the staging file swapped in by one rename.
    Any failure leaves the current data as it was.
    """
    from dpo_desk.services.safety.check import invariant_problems
    from dpo_desk.store.crypto_rekey import swap_database
    from dpo_desk.store.staging import staged_copy

    path = Path(path)
    actor = ctx.actor  # who restores (the restored file may name nobody)
    with ctx.db.exclusive():
        restored = verify_backup_file(ctx, path, passphrase)
        source_key = open_backup_key(path, ctx.db.key, passphrase)
        with staged_copy(
            ctx.db.path,
            path,
            source_key,
            ctx.db.key,
            "wiederherstellung",
            invariants=invariant_problems,
        ) as staged:
            safety = _safety_backup(ctx)
            swap_database(ctx.db, staged, ctx.db.key)
    ctx.forget_actor()
    with ctx.acting_as(actor), ctx.unit_of_work() as uow:
        uow.audit(
            "database",
            None,
            "restore",
            {"backup": path.name, "safety_backup": safety.path.name},
        )
    log.info("restored a backup of schema %s", restored.revision)
    # The whole file was replaced: every page looks again.
    return RestoreResult(restored=restored, safety_backup=safety, changes=Changes.of(*Area))
