"""Backup files: consistent copies, verification, listing, and safe replacement of the live file.

A backup is written with SQLite's online backup API (for an encrypted database with the
same key, so the copy is just as unreadable without it) into a temporary file next to its
final name, checked (opens, ``integrity_check``, known schema), flushed to disk, and only
then renamed. A failure leaves no half-written backup and never touches the database.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from dpo_desk.store import crypto, schema
from dpo_desk.store.crypto import SQLITE_HEADER, DatabaseKey
from dpo_desk.store.private import (
    held_temp,
    make_private_dir,
    remove_orphans,
)
from dpo_desk.store.swap import fsync_dir

BACKUP_PREFIX = "dpo_desk_"
BACKUP_SUFFIX = ".sqlite"
_NAME = re.compile(
    r"^dpo_desk_(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})_(?P<reason>[\w\-]+?)(?:_(?P<n>\d+))?\.sqlite$"
)
# What the listing counts; a table that does not exist (yet) is simply left out.
COUNTED_TABLES: dict[str, tuple[str, ...]] = {
    "schools": ("school",),
    "students": ("student",),
    "consents": ("consent_event", "consent", "consent_record"),
    "activities": ("processing_activity",),
}


class BackupError(Exception):
    """A backup could not be written, read or restored; German message naming the file."""


@dataclass(frozen=True)
class BackupInfo:
    """What a verified backup holds."""

    path: Path
    created: datetime
    reason: str
    size: int
    revision: str
    encrypted: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def newer_than_app(self) -> bool:
        return self.revision not in schema.REVISIONS


def backup_name(created: datetime, reason: str) -> str:
    return f"{BACKUP_PREFIX}{created:%Y-%m-%d_%H%M%S}_{reason}{BACKUP_SUFFIX}"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    match = _NAME.match(name)
    if not match:
        return None
    return datetime.strptime(match["stamp"], "%Y-%m-%d_%H%M%S"), match["reason"]


def _os_problem(exc: OSError | Exception, folder: Path) -> str:
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text:
        return f"Der Datenträger mit dem Sicherungsordner „{folder}“ ist voll."
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return f"Der Sicherungsordner „{folder}“ ist schreibgeschützt."
    if "disk i/o error" in text or code == errno.EIO:
        return f"Schreibfehler im Sicherungsordner „{folder}“ (Datenträger voll oder entfernt?)."
    if "unable to open" in text or code == errno.ENOENT:
        return f"In den Sicherungsordner „{folder}“ kann nicht geschrieben werden."
    return f"Die Sicherung in „{folder}“ ist fehlgeschlagen ({exc})."


def copy_database(
    source: Path,
    source_key: DatabaseKey | None,
    target: Path,
    target_key: DatabaseKey | None,
) -> None:
    """Copy ``source`` into the new file ``target``, encrypted with ``target_key``.

    Same key on both sides: SQLite's online backup API (page copy, consistent). Different
    keys (encrypting, decrypting, re-keying): ``sqlcipher_export`` in one read transaction.
    The result is a single self-contained file (rollback journal, no WAL).
    """
    from dpo_desk.store.database import BUSY_TIMEOUT_MS

    timeout = BUSY_TIMEOUT_MS / 1000
    same_key = source_key == target_key
    src = crypto.connect(source, source_key, timeout=timeout, use_cipher=not same_key)
    try:
        if same_key:
            dst = crypto.connect(target, target_key, timeout=timeout)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        else:
            key_sql = f'"{target_key.pragma_value()}"' if target_key else "''"
            src.execute(f"ATTACH DATABASE ? AS export KEY {key_sql}", (str(target),))
            try:
                src.execute("SELECT sqlcipher_export('export')")
                version = src.execute("PRAGMA main.user_version").fetchone()[0]
                src.execute(f"PRAGMA export.user_version = {int(version)}")
            finally:
                src.execute("DETACH DATABASE export")
    finally:
        src.close()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _key_for_file(path: Path, key: DatabaseKey | None, passphrase: str | None) -> DatabaseKey:
    salt = crypto.read_salt(path)
    if key is not None and key.salt == salt:
        return key
    if passphrase:
        return crypto.derive_key(passphrase, salt)
    if key is not None:
        raise BackupError(
            f"Die Sicherung „{path.name}“ ist mit einer anderen Passphrase verschlüsselt "
            "(vermutlich einer früheren). Bitte diese Passphrase angeben."
        )
    raise BackupError(
        f"Die Sicherung „{path.name}“ ist verschlüsselt. Bitte die Passphrase angeben."
    )


def open_backup_key(
    path: Path, key: DatabaseKey | None, passphrase: str | None = None
) -> DatabaseKey | None:
    """The key that opens the backup file (None for a plain one); German ``BackupError``."""
    try:
        info = path.stat()
    except OSError:
        raise BackupError(f"Die Sicherungsdatei „{path}“ wurde nicht gefunden.") from None
    if not stat.S_ISREG(info.st_mode):
        raise BackupError(
            f"„{path.name}“ ist keine gewöhnliche Datei (ein Ordner, ein Gerät oder eine "
            "Pipe) und wird nicht gelesen."
        )
    size = info.st_size
    try:
        header = crypto.file_header(path)
    except OSError as exc:
        raise BackupError(f"Die Sicherungsdatei „{path}“ ist nicht lesbar ({exc}).") from exc
    if header == SQLITE_HEADER:
        if size < 512 or size % 512:
            raise BackupError(
                f"Die Sicherungsdatei „{path.name}“ ist unvollständig (abgeschnitten) und "
                "kann nicht verwendet werden."
            )
        return None
    if not crypto.looks_encrypted(path):
        raise BackupError(
            f"Die Datei „{path.name}“ ist keine dpo_desk-Sicherung (fremde, beschädigte oder "
            "abgeschnittene Datei)."
        )
    if not crypto.crypto_available():
        raise BackupError(
            f"Die Sicherung „{path.name}“ ist verschlüsselt; die Verschlüsselung ist auf "
            "diesem Rechner nicht verfügbar."
        )
    file_key = _key_for_file(path, key, passphrase)
    if not crypto.key_opens(path, file_key):
        raise BackupError(
            f"Die Sicherung „{path.name}“ lässt sich mit dieser Passphrase nicht öffnen "
            "(falsche Passphrase oder beschädigte Datei)."
        )
    return file_key


def table_counts(conn: Any) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    counts: dict[str, int] = {}
    for label, candidates in COUNTED_TABLES.items():
        for table in candidates:
            if table in tables:
                counts[label] = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
                break
    return counts


def inspect_backup(
    path: Path,
    key: DatabaseKey | None,
    passphrase: str | None = None,
    *,
    full_check: bool = True,
    attachments_root: Path | None = None,
    distrust: bool = True,
) -> BackupInfo:
    """Open the backup read-only, check it and say what it holds; German ``BackupError``.

    ``full_check`` with ``distrust``: everything a file from outside must pass
    (``distrust.file_problems``: exact schema of its revision, integrity, foreign keys,
    JSON, stored paths inside ``attachments_root``); without ``distrust`` SQLite's integrity
    check only (a copy just made of the live file); without ``full_check`` only the
    revision and the counts are read.
    """
    from dpo_desk.store.distrust import file_problems, integrity_problems, stored_revision

    file_key = open_backup_key(path, key, passphrase)
    parsed = parse_backup_name(path.name)
    created, reason = parsed or (datetime.fromtimestamp(path.stat().st_mtime), "")
    try:
        conn = crypto.connect(path, file_key, readonly=True)
    except Exception as exc:
        raise BackupError(
            f"Die Sicherung „{path.name}“ lässt sich nicht öffnen ({type(exc).__name__})."
        ) from exc
    try:
        try:
            conn.execute("BEGIN")
            revision, problem = stored_revision(conn)
            if revision is None:
                raise BackupError(f"„{path.name}“ ist keine dpo_desk-Sicherung: {problem}")
            if full_check:
                problems = (
                    file_problems(conn, attachments_root) if distrust else integrity_problems(conn)
                )
                if problems:
                    raise BackupError(
                        f"Die Sicherung „{path.name}“ ist nicht verwendbar: "
                        + " ".join(problems[:3])
                    )
            counts = table_counts(conn)
        except BackupError:
            raise
        except Exception as exc:
            raise BackupError(
                f"Die Sicherung „{path.name}“ ist beschädigt oder unvollständig "
                f"({type(exc).__name__})."
            ) from exc
    finally:
        conn.close()
    return BackupInfo(
        path=path,
        created=created,
        reason=reason,
        size=path.stat().st_size,
        revision=revision,
        encrypted=file_key is not None,
        counts=counts,
    )


def verify_backup(
    path: Path,
    key: DatabaseKey | None,
    passphrase: str | None = None,
    attachments_root: Path | None = None,
) -> BackupInfo:
    """Full check, and refuse a backup a newer dpo_desk made (it cannot be restored here)."""
    info = inspect_backup(path, key, passphrase, attachments_root=attachments_root)
    if info.newer_than_app:
        raise BackupError(
            f"Die Sicherung „{path.name}“ stammt aus einer neueren Version von dpo_desk "
            f"(Schema „{info.revision}“) und kann mit dieser Version nicht verwendet werden."
        )
    return info


def _claim_name(
    folder: Path, created: datetime, reason: str, stack: ExitStack
) -> tuple[Path, Path]:
    """A free final name and its temporary file, created and held here (so two writers
    never share one, and nobody takes it for an orphan). An OSError while creating names
    the cause (read-only, full ...)."""
    counter = 1
    while True:
        label = reason if counter == 1 else f"{reason}_{counter}"
        target = folder / backup_name(created, label)
        temp = folder / f".{target.name}.tmp"
        counter += 1
        if target.exists():
            continue
        try:
            stack.enter_context(held_temp(temp))
        except FileExistsError:
            continue
        except OSError as exc:
            raise BackupError(
                _os_problem(exc, folder) + " Es wurde keine Sicherung angelegt; die Daten sind "
                "unverändert."
            ) from exc
        return target, temp


def write_backup(
    source: Path,
    folder: Path,
    reason: str,
    key: DatabaseKey | None = None,
    *,
    create_folder: bool = True,
    now: datetime | None = None,
) -> BackupInfo:
    """Write a verified backup of ``source`` into ``folder``; raise German ``BackupError``."""
    if create_folder:
        try:
            make_private_dir(folder)
        except OSError as exc:
            raise BackupError(_os_problem(exc, folder)) from exc
    if not folder.is_dir():
        raise BackupError(
            f"Der Sicherungsordner „{folder}“ ist nicht vorhanden (USB-Stick oder "
            "Netzlaufwerk nicht verbunden?). Es wurde keine Sicherung angelegt."
        )
    remove_orphans(folder)  # half-written backups of a killed process: plain names
    created = now or datetime.now()
    with ExitStack() as stack:
        target, temp = _claim_name(folder, created, reason, stack)
        try:
            copy_database(source, key, temp, key)
            info = inspect_backup(temp, key, distrust=False)
            os.replace(temp, target)
            fsync_dir(folder)
        except BackupError:
            raise
        except Exception as exc:
            raise BackupError(
                _os_problem(exc, folder) + " Es wurde keine Sicherung angelegt; die Daten sind "
                "unverändert."
            ) from exc
    return BackupInfo(
        path=target,
        created=created.replace(microsecond=0),
        reason=reason,
        size=target.stat().st_size,
        revision=info.revision,
        encrypted=info.encrypted,
        counts=info.counts,
    )


def backup_files(folder: Path) -> list[tuple[Path, datetime, str]]:
    """The backups in ``folder`` by their names, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = parse_backup_name(path.name)
        if parsed and path.is_file():
            found.append((path, *parsed))
    return sorted(found, key=lambda item: (item[1], item[0].name), reverse=True)


def keep_raw_copy(source: Path, folder: Path, reason: str) -> BackupInfo:
    """Copy a file byte for byte into ``folder`` (a damaged or altered database that is
    about to be replaced: kept for inspection, never checked)."""
    import shutil

    make_private_dir(folder, tighten=False)
    created = datetime.now()
    with ExitStack() as stack:
        target, temp = _claim_name(folder, created, reason, stack)
        try:
            shutil.copyfile(source, temp)
            os.replace(temp, target)
            fsync_dir(folder)
        except OSError as exc:
            raise BackupError(_os_problem(exc, folder)) from exc
    encrypted = crypto.file_header(target) != SQLITE_HEADER
    return BackupInfo(
        target, created.replace(microsecond=0), reason, target.stat().st_size, "", encrypted
    )
