"""Opening the one SQLite file: pragmas, schema check, migrations.

``open_database`` is the single way in. It refuses files that are not SQLite, that belong
to another program, or that a newer dpo_desk made, and leaves them untouched. An older
schema is backed up (SQLite online backup) and then upgraded with Alembic, which is only
imported when an upgrade is really needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from dpo_desk.store import schema

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class DatabaseError(Exception):
    """The database cannot be used as it is; the message is German and names the file."""


@dataclass
class Database:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    read_factory: sessionmaker[Session]
    upgraded_from: str | None = None
    backup_made: Path | None = None
    _closed: bool = field(default=False, repr=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back entirely."""
        session = self.session_factory()
        try:
            with session.begin():
                yield session
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


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def check_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(
            f"Die Datenbank „{path}“ kann nicht gelesen werden: {exc.strerror}."
        ) from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"Die Datei „{path}“ ist keine dpo_desk-Datenbank (keine SQLite-Datei oder "
            "beschädigt). Sie wurde nicht verändert. Bitte eine Sicherung wiederherstellen "
            "oder einen anderen Datenordner wählen."
        )


def read_revision(path: Path) -> tuple[str | None, bool]:
    """The Alembic revision stored in the file, and whether the file holds any tables."""
    if not path.exists() or path.stat().st_size == 0:
        return None, False
    uri = f"file:{path}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
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
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"Die Datenbank „{path}“ ist beschädigt oder keine dpo_desk-Datenbank ({exc}). "
            "Sie wurde nicht verändert. Bitte eine Sicherung wiederherstellen."
        ) from exc


def backup_file(source: Path, backup_dir: Path, reason: str) -> Path:
    """A consistent copy through SQLite's online backup API, named by date and reason."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = backup_dir / f"dpo_desk_{stamp}_{reason}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = backup_dir / f"dpo_desk_{stamp}_{reason}_{counter}.sqlite"
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _upgrade(engine: Engine, target: str = "head") -> None:
    from dpo_desk.store.migrate import upgrade

    upgrade(engine, target)


def open_database(path: Path, backup_dir: Path | None = None) -> Database:
    """Open (and create or upgrade) the database at ``path``.

    Raises DatabaseError for foreign, corrupt or newer files, which stay untouched.
    """
    check_file(path)
    revision, has_tables = read_revision(path)
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
        backup_made = backup_file(path, backup_dir, f"vor-update-{revision}")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
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
    )
