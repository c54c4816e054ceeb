"""Opening the one SQLite file: process lock, key, schema check, staged upgrade, pragmas.

``open_database`` is the single way in. It takes the shared process lock, refuses files
that are not SQLite, belong to another program, a newer dpo_desk made, or whose schema is
not exactly that of their revision, and leaves them untouched. A file encrypted with
SQLCipher needs its passphrase (``PassphraseRequired``, ``WrongPassphrase``,
``PassphrasePaused``). An older file is backed up, then upgraded in a checked staging copy
that replaces it in one rename (``staging.staged_copy``). Alembic is only imported when an
upgrade is really needed.

Opening needs no SQLAlchemy: the checks use the driver, and the engine is made on first use
(``Database.engine``). Importing SQLAlchemy costs more than everything else the first
screen needs, so the GUI shows its first page (read with ``Database.read_rows``) before it.

A ``Database`` can be locked (``forget_key``): the connections close, the key's bytes are
overwritten, and every session refuses (``DatabaseLocked``) until ``unlock``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from dpo_desk.store import crypto, schema
from dpo_desk.store.attempts import PassphraseAttempts
from dpo_desk.store.crypto import DatabaseKey
from dpo_desk.store.errors import (
    BUSY_MESSAGE,
    FULL_MESSAGE,
    HELD_MESSAGE,
    IN_USE_MESSAGE,
    LOCKED_MESSAGE,
    DatabaseBusy,
    DatabaseError,
    DatabaseFull,
    DatabaseInUse,
    DatabaseLocked,
    EncryptionUnavailable,
    PassphrasePaused,
    PassphraseRequired,
    UntrustedDatabase,
    WrongPassphrase,
    is_busy,
    is_db_error,
    is_full,
)
from dpo_desk.store.keys import check_file, is_encrypted, key_for, matching_key
from dpo_desk.store.private import create_private_file, tighten_file
from dpo_desk.store.process_lock import LockUnavailable, ProcessLock
from dpo_desk.store.statement_cache import share_compiled_statements

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "BUSY_MESSAGE",
    "BUSY_TIMEOUT_MS",
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseFull",
    "DatabaseInUse",
    "DatabaseLocked",
    "EncryptionUnavailable",
    "PassphrasePaused",
    "PassphraseRequired",
    "UntrustedDatabase",
    "WrongPassphrase",
    "check_file",
    "is_encrypted",
    "key_for",
    "make_engine",
    "open_database",
    "read_revision",
]

BUSY_TIMEOUT_MS = 5000
Invariants = Callable[[Any], list[str]]


@dataclass
class Database:
    kind: ClassVar[str] = "sqlite"  # ``store.server.database.ServerDatabase``: "server"
    path: Path
    upgraded_from: str | None = None
    backup_made: Path | None = None
    key: DatabaseKey | None = field(default=None, repr=False)
    process_lock: ProcessLock | None = field(default=None, repr=False)
    locked: bool = False
    # Problems of a file opened for rescue (check, restore) although it failed the checks.
    untrusted: list[str] = field(default_factory=list)
    _encrypted: bool = field(default=False, repr=False)
    _closed: bool = field(default=False, repr=False)
    _engine: Engine | None = field(default=None, repr=False)
    _factories: tuple[sessionmaker[Session], sessionmaker[Session]] | None = field(
        default=None, repr=False
    )

    def __post_init__(self) -> None:
        self._encrypted = self.key is not None

    @property
    def encrypted(self) -> bool:
        return self._encrypted

    @property
    def attempts(self) -> PassphraseAttempts:
        return PassphraseAttempts(self.path.parent)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        if self._engine is None:
            self._engine = make_engine(self.path, self.key)
        return self._engine

    @property
    def session_factory(self) -> sessionmaker[Session]:
        return self._session_factories()[0]

    @property
    def read_factory(self) -> sessionmaker[Session]:
        return self._session_factories()[1]

    def _session_factories(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        if self._factories is None:
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            self._factories = (
                sessionmaker(engine, expire_on_commit=False),
                sessionmaker(
                    engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
                ),
            )
        return self._factories

    def read_rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of one plain query (``?`` parameters) through the driver, without
        SQLAlchemy: for the few reads of the first screen (see the module docstring).
        Once the engine exists, a pooled connection serves (no new connection per read)."""
        self._usable()
        if self._engine is not None:
            pooled = self._engine.raw_connection()
            try:
                return list(pooled.driver_connection.execute(sql, tuple(parameters)))
            finally:
                pooled.close()  # back to the pool
        # Not read-only: the last connection to close tidies the WAL away, and before the
        # engine is made, this may be the last one.
        conn = self.connect_raw()
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return list(conn.execute(sql, tuple(parameters)))
        finally:
            conn.close()

    def _usable(self) -> None:
        if self.locked:
            raise DatabaseLocked(LOCKED_MESSAGE)

    def connect_raw(self, *, readonly: bool = False) -> Any:
        """A DB-API connection to this file with the right key (for backup and checks)."""
        self._usable()
        return crypto.connect(
            self.path, self.key, readonly=readonly, timeout=BUSY_TIMEOUT_MS / 1000
        )

    def reopen(self, key: DatabaseKey | None) -> None:
        """Point at the (replaced) file again, with ``key``; old connections are gone.
        (A replaced file passed every check: it is trusted again.)"""
        if self._engine is not None:
            self._engine.dispose()
        self.key = key
        self._encrypted = key is not None
        self._engine = make_engine(self.path, key)
        if self._factories is not None:
            self.session_factory.configure(bind=self._engine)
            self.read_factory.configure(
                bind=self._engine.execution_options(sqlite_begin="DEFERRED")
            )
        self._closed = False

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """This opening alone for the block (restore, re-key); German ``DatabaseInUse``
        when another window or process has the database open."""
        if self.process_lock is None:
            yield
            return
        try:
            with self.process_lock.exclusive():
                yield
        except LockUnavailable:
            raise DatabaseInUse(IN_USE_MESSAGE) from None

    def forget_key(self) -> None:
        """Lock: close the connections, overwrite the key; sessions refuse until unlocked."""
        if self.key is None or self.locked:
            return
        if self._engine is not None:
            self._engine.dispose()
        self.key.wipe()
        self.locked = True

    def unlock(self, passphrase: str) -> None:
        """Derive the key anew and reopen; ``WrongPassphrase`` / ``PassphrasePaused``."""
        if not self.locked:
            return
        key = matching_key(self.path, passphrase, self.attempts)
        self.locked = False
        self.reopen(key)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back entirely."""
        from sqlalchemy.exc import OperationalError

        self._usable()
        session = self.session_factory()
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusy(BUSY_MESSAGE) from exc
            if is_full(exc):
                raise DatabaseFull(FULL_MESSAGE) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        self._usable()
        session = self.read_factory()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        if not self._closed:
            if self._engine is not None:
                self._engine.dispose()
            self._closed = True
        if self.process_lock is not None:
            self.process_lock.release()


CACHE_KIB = 32 * 1024


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # The file holds the proof of consents: a confirmed write must survive a power cut.
    cursor.execute("PRAGMA synchronous = FULL")
    # Up to 32 MB of pages kept between reads (SQLite's default is 2 MB): a district of
    # 20,000 students no longer fits 2 MB, and its status read every page again from the
    # file (a third slower). Pages are only held once read: a small school stays small.
    cursor.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    cursor.close()


def _begin(conn: Any) -> None:
    # Writers take the lock at BEGIN, so two writers queue (busy_timeout) instead of
    # failing later with "database is locked" on an upgrade from read to write.
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path, key: DatabaseKey | None = None) -> Engine:
    """An engine for ``path``; with ``key`` every connection is SQLCipher, keyed first.

    Connections are kept in a small pool instead of being closed after each transaction:
    closing the last connection to a WAL database checkpoints and removes the WAL, which
    made every save pay for opening, pragmas and a checkpoint. The pool is emptied
    (``dispose``) when the file is closed, locked, replaced or re-keyed; SQLite still
    checkpoints the WAL on its own as it grows.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    def creator() -> Any:
        return crypto.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000, shared=True)

    engine = create_engine(
        "sqlite+pysqlite://",
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=8,
        creator=creator,
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return share_compiled_statements(engine)


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
        if not is_db_error(exc):
            raise
        raise DatabaseError(
            f"Die Datenbank „{path}“ ist beschädigt oder keine dpo_desk-Datenbank "
            f"({type(exc).__name__}). Sie wurde nicht verändert. Bitte eine Sicherung "
            "wiederherstellen."
        ) from exc


def backup_file(
    source: Path, backup_dir: Path, reason: str, key: DatabaseKey | None = None
) -> Path:
    """A consistent, verified copy through SQLite's online backup API, named by date and
    reason; encrypted with ``key`` when the source is. Raises ``BackupError`` (German)."""
    from dpo_desk.store.backup import write_backup

    return write_backup(source, backup_dir, reason, key).path


RESCUE_HINT = (
    "Bitte eine Sicherung zurückspielen: dpo-desk backup list, dann dpo-desk backup restore DATEI."
)


def _head_structure_problems(path: Path, key: DatabaseKey | None) -> list[str]:
    from dpo_desk.store.distrust import structure_problems

    conn = crypto.connect(path, key, readonly=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return structure_problems(conn, schema.HEAD)
    finally:
        conn.close()


def _upgrade_staged(
    path: Path,
    key: DatabaseKey | None,
    revision: str,
    backup_dir: Path | None,
    lock: ProcessLock,
    invariants: Invariants | None,
) -> Path | None:
    """Back the file up, upgrade a checked staging copy, swap it in (exclusive lock)."""
    from dpo_desk.store.staging import staged_copy
    from dpo_desk.store.swap import swap_in

    try:
        with lock.exclusive():
            made = None
            if backup_dir is not None:
                made = backup_file(path, backup_dir, f"vor-update-{revision}", key)
            with staged_copy(
                path, path, key, key, "update", invariants=invariants, label=path.name
            ) as staged:
                swap_in(path, staged, key, wipe_old=False)
            return made
    except LockUnavailable:
        raise DatabaseInUse(IN_USE_MESSAGE) from None


def _new_file(path: Path, key: DatabaseKey | None) -> None:
    """Create and migrate a new database in place (nothing to distrust yet)."""
    from dpo_desk.store.migrate import upgrade

    if not path.exists():
        create_private_file(path)
    engine = make_engine(path, key)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _refuse_foreign_or_newer(path: Path, revision: str | None, has_tables: bool) -> None:
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


def open_database(
    path: Path,
    backup_dir: Path | None = None,
    passphrase: str | None = None,
    *,
    invariants: Invariants | None = None,
    rescue: bool = False,
) -> Database:
    """Open (and create or upgrade) the database at ``path``.

    Raises DatabaseError for foreign, corrupt, altered or newer files, which stay untouched,
    ``DatabaseInUse`` while another window holds it for a restore or re-key, and the
    passphrase errors for encrypted files. ``invariants`` checks an upgraded staging copy.
    ``rescue`` opens an altered file all the same, with its problems in ``untrusted``, so
    that ``check`` can report them and a backup can replace it.
    """
    check_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = ProcessLock(path)
    try:
        lock.acquire_shared()
    except LockUnavailable:
        raise DatabaseInUse(HELD_MESSAGE) from None
    try:
        key = key_for(path, passphrase, PassphraseAttempts(path.parent))
        revision, has_tables = read_revision(path, key)
        _refuse_foreign_or_newer(path, revision, has_tables)
        backup_made = None
        untrusted: list[str] = []
        if revision is None:
            _new_file(path, key)
        elif revision != schema.HEAD:
            try:
                backup_made = _upgrade_staged(path, key, revision, backup_dir, lock, invariants)
            except UntrustedDatabase as exc:
                if not rescue:
                    raise
                untrusted = [str(exc)]
        else:
            untrusted = _head_structure_problems(path, key)
            if untrusted and not rescue:
                from dpo_desk.store.staging import rejection

                raise rejection(path.name, [*untrusted, RESCUE_HINT])
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            tighten_file(candidate)
    except BaseException:
        lock.release()
        raise
    return Database(
        path=path,
        upgraded_from=revision if revision not in (None, schema.HEAD) else None,
        backup_made=backup_made,
        key=key,
        process_lock=lock,
        untrusted=untrusted,
    )
