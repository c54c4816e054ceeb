"""Setting, changing and removing the passphrase that encrypts the database and its backups.

The live file is re-keyed through a verified copy and one atomic rename (a failure leaves
the old file usable). Then every backup in every folder the app has ever used is converted
to the new key; a plaintext backup that cannot be converted is securely deleted, so after
setting a passphrase no readable copy of the data remains. A journal makes a change that
was killed half-way finish at the next opening (``resume_key_change``). Needs the database
to itself: refused (``DatabaseInUse``) while another window or process has it open.
The passphrase itself is never stored: not in the database, the settings or the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dpo_desk.core.people import SYSTEM_ACTOR
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Area, Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import leftovers
from dpo_desk.services.safety.backup import create_backup
from dpo_desk.store import crypto
from dpo_desk.store.backup import BackupError, backup_files
from dpo_desk.store.crypto import DatabaseKey
from dpo_desk.store.errors import DatabaseInUse, WrongPassphrase, is_db_error
from dpo_desk.store.keys import matching_key
from dpo_desk.store.private import secure_delete_with_side_files

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class EncryptionStatus:
    """What the files say, not what the last run believed."""

    available: bool
    encrypted: bool
    found: leftovers.Leftovers = field(default_factory=leftovers.Leftovers)
    unfinished: bool = False

    @property
    def complete(self) -> bool:
        return self.encrypted and not self.found.plaintext and not self.unfinished

    @property
    def message(self) -> str:
        if not self.encrypted:
            if not self.available:
                return "Verschlüsselung nicht verfügbar (Paket „sqlcipher3“ fehlt)."
            return "Die Datenbank ist nicht verschlüsselt."
        parts = ["Die Datenbank ist verschlüsselt."]
        found = self.found
        if self.complete:
            parts.append("Alle Sicherungen sind verschlüsselt; keine Klartext-Dateien gefunden.")
        if found.plain_backups:
            parts.append(f"{len(found.plain_backups)} Sicherung(en) liegen unverschlüsselt vor.")
        if found.temp_files:
            parts.append(
                f"{len(found.temp_files)} Zwischendatei(en) werden gerade von einem anderen "
                "Fenster benutzt."
            )
        if found.loose_attachments:
            parts.append(
                f"{len(found.loose_attachments)} Vertragsdatei(en) liegen unverschlüsselt im "
                "Ordner „anhaenge“."
            )
        if self.unfinished:
            parts.append("Ein Schlüsselwechsel ist noch nicht abgeschlossen.")
        if found.other_key_backups:
            parts.append(
                f"{len(found.other_key_backups)} Sicherung(en) sind mit einer früheren "
                "Passphrase verschlüsselt."
            )
        return " ".join(parts)


@dataclass(frozen=True)
class KeyChangeResult:
    encrypted: bool
    backups_converted: int
    backups_left: int
    backups_deleted: int = 0
    changes: Changes = changes_field()


def encryption_status(ctx: ServiceContext) -> EncryptionStatus:
    """Removes orphaned temporary files first, then scans every file it knows of."""
    from dpo_desk.store.crypto_rekey import read_journal

    leftovers.remove_temporary_files(ctx)
    return EncryptionStatus(
        available=crypto.crypto_available(),
        encrypted=ctx.db.encrypted,
        found=leftovers.scan(ctx),
        unfinished=read_journal(ctx.db.path) is not None,
    )


def passphrase_matches(ctx: ServiceContext, passphrase: str) -> bool:
    """Whether ``passphrase`` is the current one; a wrong one counts as a wrong attempt
    (``PassphrasePaused`` while the pause after wrong ones runs)."""
    if not ctx.db.encrypted:
        return True
    try:
        matching_key(ctx.db.path, passphrase, ctx.db.attempts).wipe()
    except WrongPassphrase as exc:
        if exc.__class__ is not WrongPassphrase:
            raise
        return False
    return True


def _validate(ctx: ServiceContext, new: str | None, current: str | None) -> None:
    problems = []
    if ctx.db.encrypted and not passphrase_matches(ctx, current or ""):
        problems.append(Problem("current_passphrase", "Die bisherige Passphrase ist falsch."))
    if new is not None:
        problem = crypto.passphrase_problem(new)
        if problem:
            problems.append(Problem("new_passphrase", problem))
        elif not crypto.crypto_available():
            problems.append(Problem("new_passphrase", crypto.UNAVAILABLE_MESSAGE))
    if new is None and not ctx.db.encrypted:
        problems.append(Problem("new_passphrase", "Die Datenbank ist nicht verschlüsselt."))
    if problems:
        raise ValidationError(problems)


def change_passphrase(
    ctx: ServiceContext,
    new_passphrase: str | None,
    current_passphrase: str | None = None,
    progress: Progress | None = None,
) -> KeyChangeResult:
    """Set (plain database), change, or remove (``new_passphrase=None``) the passphrase.

    Changing or removing needs the current passphrase. Raises ``ValidationError`` for bad
    input, ``DatabaseInUse`` while another window has the file open, and ``BackupError``
    when the safety backup or the re-keying fails; in each case the database is as it was.
    ``progress`` hears of each finished step ("sicherung", "schluessel", "umgewandelt").
    """
    step = progress or (lambda _step: None)
    from dpo_desk.store.crypto_rekey import change_key, clear_journal

    _validate(ctx, new_passphrase, current_passphrase)
    with ctx.db.exclusive():
        old_key = ctx.db.key
        create_backup(ctx, "vor-schluesselwechsel")
        step("sicherung")
        new_key = crypto.new_key(new_passphrase) if new_passphrase else None
        change_key(ctx.db, new_key)
        step("schluessel")
        result = convert_backups(ctx, old_key, new_key, step)
        leftovers.remove_temporary_files(ctx)
        clear_journal(ctx.db.path)
    with ctx.unit_of_work() as uow:
        uow.audit(
            "database",
            None,
            "encryption",
            {"encrypted": [old_key is not None, new_key is not None]},
        )
    log.info(
        "database key changed; %d backups converted, %d left, %d deleted",
        result.backups_converted,
        result.backups_left,
        result.backups_deleted,
    )
    return replace(result, changes=Changes.of(Area.BACKUP, Area.SETTINGS))


def convert_backups(
    ctx: ServiceContext,
    old_key: DatabaseKey | None,
    new_key: DatabaseKey | None,
    progress: Progress | None = None,
) -> KeyChangeResult:
    """Bring every backup in every known folder from ``old_key`` to ``new_key``.

    With a new key, a plaintext backup that cannot be converted (damaged) is securely
    deleted rather than left readable. Backups under another passphrase stay as they are.
    """
    from dpo_desk.store.crypto_rekey import rekey_backup

    converted = left = deleted = 0
    for folder in leftovers.backup_folders(ctx):
        for path, _created, _reason in backup_files(folder):
            source = _key_of(path, old_key, new_key)
            if source == "done":
                continue
            if source == "other":
                left += 1
                continue
            try:
                rekey_backup(path, source, new_key)
                converted += 1
                if progress is not None:
                    progress("umgewandelt")
            except Exception as exc:  # a damaged file: SQLite's own errors too
                if not isinstance(exc, (BackupError, OSError)) and not is_db_error(exc):
                    raise
                if source is None and new_key is not None:
                    secure_delete_with_side_files(path)
                    deleted += 1
                else:
                    left += 1
    return KeyChangeResult(new_key is not None, converted, left, deleted)


def _key_of(
    path: Path, old_key: DatabaseKey | None, new_key: DatabaseKey | None
) -> DatabaseKey | str | None:
    """The key that opens the backup for conversion; "done" or "other" when none does."""
    kind = leftovers.backup_kind(path, new_key.salt if new_key else None)
    if kind == "current" or (kind == "plain" and new_key is None):
        return "done"
    if kind == "plain":
        return None
    if old_key is not None and leftovers.backup_kind(path, old_key.salt) == "current":
        return old_key
    return "other"


def resume_key_change(ctx: ServiceContext) -> KeyChangeResult | None:
    """Finish a key change a killed process left half-done (the journal says so).

    Backups still in plain text are converted to the database's key; backups under the
    earlier passphrase stay as they are (that key is gone). Skipped while another window
    has the database open; None when there was nothing to finish.
    """
    from dpo_desk.store.crypto_rekey import clear_journal, read_journal

    journal = read_journal(ctx.db.path)
    if journal is None:
        return None
    try:
        with ctx.db.exclusive():
            result = KeyChangeResult(ctx.db.encrypted, 0, 0)
            if ctx.db.encrypted:
                result = convert_backups(ctx, None, ctx.db.key)
            leftovers.remove_temporary_files(ctx)
            clear_journal(ctx.db.path)
    except DatabaseInUse:
        return None
    log.info(
        "finished an interrupted key change; %d backups converted, %d deleted",
        result.backups_converted,
        result.backups_deleted,
    )
    return result


def upgrade_key_derivation(ctx: ServiceContext, passphrase: str) -> KeyChangeResult | None:
    """Re-key a file whose key came from the legacy scrypt (or a cost below today's) to
    Argon2id with the same passphrase; its backups follow. Skipped (None) while another
    window has the database open: the next opening tries again."""
    from dpo_desk.store.crypto_rekey import change_key, clear_journal

    try:
        with ctx.db.exclusive():
            old_key = ctx.db.key
            new_key = crypto.new_key(passphrase)
            change_key(ctx.db, new_key)
            result = convert_backups(ctx, old_key, new_key)
            clear_journal(ctx.db.path)
    except DatabaseInUse:
        return None
    # At opening, perhaps before anybody has said who is working: the app did it.
    with ctx.acting_as(SYSTEM_ACTOR), ctx.unit_of_work() as uow:
        uow.audit("database", None, "key_derivation", {"kdf": ["scrypt", "argon2id"]})
    log.info("key derivation upgraded; %d backups converted", result.backups_converted)
    return result


def encrypt_leftovers(ctx: ServiceContext) -> KeyChangeResult:
    """What a scan found in plain text next to an encrypted database: backups are
    encrypted with the database's key (securely deleted when damaged), orphaned temporary
    files and imported contract files deleted. Needs the database to itself."""
    with ctx.db.exclusive():
        result = convert_backups(ctx, None, ctx.db.key) if ctx.db.encrypted else None
        leftovers.remove_temporary_files(ctx)
        leftovers.remove_imported_attachments(ctx)
    return result or KeyChangeResult(False, 0, 0)
