"""Opening the one SQLite file: pragmas, encryption key, schema check, migrations.

``open_database`` is the single way in. It refuses files that are not SQLite, that belong
to another program, or that a newer dpo_desk made, and leaves them untouched. A file
encrypted with SQLCipher needs its passphrase (``PassphraseRequired``, ``WrongPassphrase``).
An older schema is backed up (SQLite online backup, verified) and then upgraded with
Alembic, which is only imported when an upgrade is really needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from dpo_desk.store import crypto, schema
from dpo_desk.store.crypto import SQLITE_HEADER, DatabaseKey

BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """The database cannot be used as it is; the message is German and names the file."""


class PassphraseRequired(DatabaseError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not decrypt the file (or the file is damaged)."""


class EncryptionUnavailable(DatabaseError):
    """The file is encrypted but SQLCipher (``sqlcipher3``) is not installed."""


class DatabaseBusy(DatabaseError):
    """Another window or program held the write lock longer than the busy timeout."""


BUSY_MESSAGE = (
    "Die Datenbank ist gerade von einem anderen Fenster oder Programm belegt. Die Änderung "
    "wurde nicht gespeichert. Bitte in einigen Sekunden erneut versuchen."
)


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


@dataclass
class Database:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    read_factory: sessionmaker[Session]
    upgraded_from: str | None = None
    backup_made: Path | None = None
    key: DatabaseKey | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def connect_raw(self, *, readonly: bool = False) -> Any:
        """A DB-API connection to this file with the right key (for backup and checks)."""
        return crypto.connect(
            self.path, self.key, readonly=readonly, timeout=BUSY_TIMEOUT_MS / 1000
        )

    def reopen(self, key: DatabaseKey | None) -> None:
        """Point at the (replaced) file again, with ``key``; old connections are gone."""
        self.engine.dispose()
        self.key = key
        self.engine = make_engine(self.path, key)
        self.session_factory.configure(bind=self.engine)
        self.read_factory.configure(bind=self.engine.execution_options(sqlite_begin="DEFERRED"))
        self._closed = False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back entirely."""
        session = self.session_factory()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            if _is_busy(exc):
                raise DatabaseBusy(BUSY_MESSAGE) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        session = self.read_factory()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()
            self._closed = True


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # The file holds the proof of consents: a confirmed write must survive a power cut.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _begin(conn: Any) -> None:
    # Writers take the lock at BEGIN, so two writers queue (busy_timeout) instead of
    # failing later with "database is locked" on an upgrade from read to write.
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path, key: DatabaseKey | None = None) -> Engine:
    """An engine for ``path``; with ``key`` every connection is SQLCipher, keyed first."""

    def creator() -> Any:
        return crypto.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite+pysqlite://", poolclass=NullPool, creator=creator)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def check_file(path: Path) -> None:
    """Refuse anything that is neither SQLite nor encrypted before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        header = crypto.file_header(path)
        encrypted = header != SQLITE_HEADER and crypto.looks_encrypted(path)
    except OSError as exc:
        raise DatabaseError(
            f"Die Datenbank „{path}“ kann nicht gelesen werden: {exc.strerror}."
        ) from exc
    if header != SQLITE_HEADER and not encrypted:
        raise DatabaseError(
            f"Die Datei „{path}“ ist keine dpo_desk-Datenbank (keine SQLite-Datei oder "
            "beschädigt). Sie wurde nicht verändert. Bitte eine Sicherung wiederherstellen "
            "oder einen anderen Datenordner wählen."
        )


def is_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` is (most likely) a SQLCipher-encrypted database."""
    try:
        return crypto.file_header(path) != SQLITE_HEADER and crypto.looks_encrypted(path)
    except OSError:
        return False


def key_for(path: Path, passphrase: str | None) -> DatabaseKey | None:
    """The key that opens ``path``; None for a plain file. Raises the passphrase errors.

    A new (missing or empty) file gets a fresh key when a passphrase is given.
    """
    if not path.exists() or path.stat().st_size == 0:
        if not passphrase:
            return None
        if not crypto.crypto_available():
            raise EncryptionUnavailable(crypto.UNAVAILABLE_MESSAGE)
        return crypto.new_key(passphrase)
    check_file(path)
    if not is_encrypted(path):
        return None
    if not crypto.crypto_available():
        raise EncryptionUnavailable(
            f"Die Datenbank „{path}“ ist verschlüsselt, aber die Verschlüsselung ist auf "
            "diesem Rechner nicht verfügbar (Paket „sqlcipher3“ fehlt). Die Datei wurde "
            "nicht verändert."
        )
    if not passphrase:
        raise PassphraseRequired(
            f"Die Datenbank „{path}“ ist verschlüsselt. Bitte die Passphrase eingeben."
        )
    key = crypto.derive_key(passphrase, crypto.read_salt(path))
    if not crypto.key_opens(path, key):
        raise WrongPassphrase(
            "Die Passphrase ist falsch (oder die Datei ist beschädigt). "
            "Die Datenbank wurde nicht verändert."
        )
    return key


def read_revision(path: Path, key: DatabaseKey | None = None) -> tuple[str | None, bool]:
    """The Alembic revision stored in the file, and whether the file holds any tables."""
    if not path.exists() or path.stat().st_size == 0:
        return None, False
    try:
        conn = crypto.connect(path, key, readonly=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables:
                return None, bool(tables)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return (row[0] if row else None), True
        finally:
            conn.close()
    except Exception as exc:  # sqlite3 or sqlcipher3 DatabaseError
        if not _is_db_error(exc):
            raise
        raise DatabaseError(
            f"Die Datenbank „{path}“ ist beschädigt oder keine dpo_desk-Datenbank ({exc}). "
            "Sie wurde nicht verändert. Bitte eine Sicherung wiederherstellen."
        ) from exc


def _is_db_error(exc: BaseException) -> bool:
    module = crypto.cipher_module()
    kinds: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)
    if module is not None:
        kinds += (module.DatabaseError,)
    return isinstance(exc, kinds)


def backup_file(
    source: Path, backup_dir: Path, reason: str, key: DatabaseKey | None = None
) -> Path:
    """A consistent, verified copy through SQLite's online backup API, named by date and
    reason; encrypted with ``key`` when the source is. Raises ``BackupError`` (German)."""
    from dpo_desk.store.backup import write_backup

    return write_backup(source, backup_dir, reason, key).path


def _upgrade(engine: Engine, target: str = "head") -> None:
    from dpo_desk.store.migrate import upgrade

    upgrade(engine, target)


def open_database(
    path: Path, backup_dir: Path | None = None, passphrase: str | None = None
) -> Database:
    """Open (and create or upgrade) the database at ``path``.

    Raises DatabaseError for foreign, corrupt or newer files, which stay untouched, and its
    subclasses ``PassphraseRequired`` / ``WrongPassphrase`` for encrypted files.
    """
    check_file(path)
    key = key_for(path, passphrase)
    revision, has_tables = read_revision(path, key)
    if revision is None and has_tables:
        raise DatabaseError(
            f"Die Datei „{path}“ enthält eine fremde Datenbank (nicht von dpo_desk). "
            "Sie wurde nicht verändert. Bitte einen anderen Datenordner wählen."
        )
    if revision is not None and revision not in schema.REVISIONS:
        raise DatabaseError(
            f"Die Datenbank „{path}“ stammt aus einer neueren Version von dpo_desk "
            f"(Schema „{revision}“). Bitte die neueste Version des Programms installieren. "
            "Die Datei wurde nicht verändert."
        )
    backup_made = None
    if revision is not None and revision != schema.HEAD and backup_dir is not None:
        backup_made = backup_file(path, backup_dir, f"vor-update-{revision}", key)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path, key)
    if revision != schema.HEAD:
        _upgrade(engine)
    return Database(
        path=path,
        engine=engine,
        session_factory=sessionmaker(engine, expire_on_commit=False),
        read_factory=sessionmaker(
            engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        ),
        upgraded_from=revision if revision != schema.HEAD else None,
        backup_made=backup_made,
        key=key,
    )
