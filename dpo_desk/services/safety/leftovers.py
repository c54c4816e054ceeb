"""Plaintext that must not stay behind, found by scanning the files, not by remembering.

At every start (and before the settings report anything) the temporary files no process
holds any more are securely deleted in the data folder and in every backup folder the app
has used: half-written backups or staging copies of a killed process hold every name. So
are contract files that older versions kept under ``anhaenge/`` once the database holds
them, and the copies made for a viewer. ``scan`` reports what is left: backups in plain
text next to an encrypted database, backups under an earlier passphrase, temporary files
still in use, contract files outside the database.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.folders import known_backup_folders
from dpo_desk.store import crypto
from dpo_desk.store.attachments import sha256
from dpo_desk.store.backup import backup_files
from dpo_desk.store.crypto import SQLITE_HEADER
from dpo_desk.store.private import remove_orphans, secure_delete, temp_files

log = logging.getLogger(__name__)
VIEW_FOLDER = "ansicht"


@dataclass
class Leftovers:
    """What a scan of the data and backup folders found."""

    plain_backups: list[Path] = field(default_factory=list)
    other_key_backups: list[Path] = field(default_factory=list)
    temp_files: list[Path] = field(default_factory=list)
    loose_attachments: list[Path] = field(default_factory=list)

    @property
    def plaintext(self) -> list[Path]:
        """Files that may hold personal data in plain text."""
        return self.plain_backups + self.temp_files + self.loose_attachments


def view_folder(ctx: ServiceContext) -> Path:
    return ctx.paths.data_dir / VIEW_FOLDER


def backup_folders(ctx: ServiceContext) -> list[Path]:
    """Every backup folder the app has used (the current one included)."""
    from dpo_desk.services.safety.backup import backup_folder

    return known_backup_folders(ctx, backup_folder(ctx))


def folders_to_clean(ctx: ServiceContext) -> list[Path]:
    return [ctx.paths.data_dir, *backup_folders(ctx)]


def remove_view_copies(ctx: ServiceContext) -> int:
    """Delete the copies made for a viewer (needs no database: runs while locking)."""
    views = view_folder(ctx)
    if not views.is_dir():
        return 0
    return sum(secure_delete(path) for path in views.iterdir())


def remove_temporary_files(ctx: ServiceContext) -> int:
    """Securely delete orphaned temporary files and viewer copies; returns how many."""
    removed = sum(remove_orphans(folder) for folder in folders_to_clean(ctx))
    removed += remove_view_copies(ctx)
    if removed:
        log.info("removed %d leftover temporary files", removed)
    return removed


def remove_imported_attachments(ctx: ServiceContext) -> int:
    """Delete the contract files of older versions whose content the database now holds."""
    root = ctx.paths.attachments_dir
    if not root.is_dir():
        return 0
    # Here, not at the top: every start runs this module, and the first screen is shown
    # before SQLAlchemy is loaded (see ``store.database``).
    from sqlalchemy import select

    from dpo_desk.store.models import ProcessorContract

    with ctx.reading() as session:
        stored = set(session.scalars(select(ProcessorContract.sha256)))
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink() and sha256(path.read_bytes()) in stored:
                removed += secure_delete(path)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    with contextlib.suppress(OSError):
        if not any(root.iterdir()):
            root.rmdir()
    return removed


def scan(ctx: ServiceContext) -> Leftovers:
    """Look at every file in the data folder and every known backup folder."""
    found = Leftovers()
    key = ctx.db.key
    for folder in folders_to_clean(ctx):
        found.temp_files += temp_files(folder)
        for path, _created, _reason in backup_files(folder):
            kind = backup_kind(path, key.salt if key is not None else None)
            if kind == "plain" and ctx.db.encrypted:
                found.plain_backups.append(path)
            elif kind == "other":
                found.other_key_backups.append(path)
    root = ctx.paths.attachments_dir
    if root.is_dir():
        found.loose_attachments = sorted(p for p in root.rglob("*") if p.is_file())
    return found


def backup_kind(path: Path, salt: bytes | None) -> str:
    """ "plain", "current" (the database's own key), "other" (another key) or "unreadable"."""
    try:
        header = crypto.file_header(path)
        if header == SQLITE_HEADER:
            return "plain"
        if salt is not None and crypto.read_salt(path) == salt:
            return "current"
    except OSError:
        return "unreadable"
    return "other"
