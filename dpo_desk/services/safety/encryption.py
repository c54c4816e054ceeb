"""Setting, changing and removing the passphrase that encrypts the database and its backups.

The live file is re-keyed through a verified copy and one atomic rename (a failure leaves
the old file usable). Backups that the old key opens are re-encrypted with the new one, so
after setting a passphrase no readable copy of the data remains in the backup folder.
The passphrase itself is never stored: not in the database, the settings or the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Area, Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.backup import backup_folder, create_backup
from dpo_desk.store import crypto
from dpo_desk.store.backup import BackupError, backup_files, open_backup_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EncryptionStatus:
    available: bool
    encrypted: bool

    @property
    def message(self) -> str:
        if self.encrypted:
            return "Die Datenbank und ihre Sicherungen sind verschlüsselt."
        if not self.available:
            return "Verschlüsselung nicht verfügbar (Paket „sqlcipher3“ fehlt)."
        return "Die Datenbank ist nicht verschlüsselt."


@dataclass(frozen=True)
class KeyChangeResult:
    encrypted: bool
    backups_converted: int
    backups_left: int
    changes: Changes = changes_field()


def encryption_status(ctx: ServiceContext) -> EncryptionStatus:
    return EncryptionStatus(available=crypto.crypto_available(), encrypted=ctx.db.encrypted)


def passphrase_matches(ctx: ServiceContext, passphrase: str) -> bool:
    """Whether ``passphrase`` is the current one (used to unlock after idle time)."""
    key = ctx.db.key
    if key is None:
        return True
    return crypto.derive_key(passphrase, key.salt).key == key.key


def change_passphrase(
    ctx: ServiceContext, new_passphrase: str | None, current_passphrase: str | None = None
) -> KeyChangeResult:
    """Set (plain database), change, or remove (``new_passphrase=None``) the passphrase.

    Changing or removing needs the current passphrase. Raises ``ValidationError`` for bad
    input and ``BackupError`` when the safety backup or the re-keying fails; in both cases
    the database is as it was.
    """
    from dpo_desk.store.crypto_rekey import change_key, rekey_backup

    problems = []
    if ctx.db.encrypted and not passphrase_matches(ctx, current_passphrase or ""):
        problems.append(Problem("current_passphrase", "Die bisherige Passphrase ist falsch."))
    if new_passphrase is not None:
        problem = crypto.passphrase_problem(new_passphrase)
        if problem:
            problems.append(Problem("new_passphrase", problem))
        elif not crypto.crypto_available():
            problems.append(Problem("new_passphrase", crypto.UNAVAILABLE_MESSAGE))
    if new_passphrase is None and not ctx.db.encrypted:
        problems.append(Problem("new_passphrase", "Die Datenbank ist nicht verschlüsselt."))
    if problems:
        raise ValidationError(problems)

    old_key = ctx.db.key
    create_backup(ctx, "vor-schluesselwechsel")
    change_key(ctx.db, new_passphrase)
    new_key = ctx.db.key
    converted = left = 0
    for path, _created, _reason in backup_files(backup_folder(ctx)):
        try:
            if open_backup_key(path, old_key) != old_key:
                left += 1
                continue
            rekey_backup(path, old_key, new_key)
            converted += 1
        except BackupError:
            left += 1
    with ctx.unit_of_work() as uow:
        uow.audit(
            "database",
            None,
            "encryption",
            {"encrypted": [old_key is not None, new_key is not None]},
        )
    log.info("database key changed; %d backups converted, %d left", converted, left)
    return KeyChangeResult(
        new_key is not None, converted, left, changes=Changes.of(Area.BACKUP, Area.SETTINGS)
    )
