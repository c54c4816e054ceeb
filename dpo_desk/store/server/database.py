"""Opening a server database: the same interface as the local file (``store.database``).

The local file serialises writers with ``BEGIN IMMEDIATE`` and a lock file; on the server
many people write at once, so a writing transaction runs at READ COMMITTED and relies on
what PostgreSQL guarantees there: version counters in the WHERE clause of every UPDATE
(``Versioned``) refuse a save computed from an older state, consent events are appended,
and a service that checks before it writes locks the row it checks (``SELECT … FOR
UPDATE``, ignored by SQLite). Every connection has time-outs (connect, statement, lock
wait, idle transaction, TCP), so the app never hangs on a dead network; a failure
rolls the whole transaction back and becomes a German ``DatabaseError``.

What only the file has (PRAGMAs, SQLCipher, the lock file, file backups, restore,
re-key, the PRAGMA fingerprint) does not exist here: ``exclusive`` and ``connect_raw``
raise ``NotInServerMode``; TLS, backups and encryption at rest are the server's job.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from dpo_desk.store import schema
from dpo_desk.store.errors import LOCKED_MESSAGE, DatabaseLocked
from dpo_desk.store.server.errors import (
    NOT_IN_SERVER_MODE,
    NotInServerMode,
    ServerSchemaError,
    WrongServer,
    connect_error,
    translate,
)
from dpo_desk.store.server.target import ServerTarget

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 30_000
LOCK_TIMEOUT_MS = 10_000
IDLE_IN_TRANSACTION_MS = 120_000
TCP_USER_TIMEOUT_MS = 15_000
IDENTITY_KEY = "server_database_id"


def connect_args(target: ServerTarget) -> dict[str, Any]:
    """libpq settings of every connection: time-outs so that nothing waits forever."""
    options = " ".join(
        (
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
            f"-c lock_timeout={LOCK_TIMEOUT_MS}",
            f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}",
            "-c timezone=UTC",
        )
    )
    return {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "application_name": "dpo_desk",
        "options": options,
    }


def make_server_engine(target: ServerTarget, *, pool_size: int = 2) -> Engine:
    """An engine for ``target`` (psycopg 3). A small pool: one window, a worker thread or
    two; ``pool_pre_ping`` replaces a connection the network has silently dropped."""
    return create_engine(
        target.url().set(password=target.password),
        connect_args=connect_args(target),
        pool_size=pool_size,
        max_overflow=4,
        pool_timeout=CONNECT_TIMEOUT_S * 2,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def probe(engine: Engine, target: ServerTarget) -> tuple[str | None, str]:
    """Connect once: the schema revision on the server and its database id. German errors
    for every way connecting fails (wrong password, unreachable, TLS)."""
    try:
        with engine.connect() as conn:
            has_table = conn.scalar(text("SELECT to_regclass('alembic_version') IS NOT NULL"))
            if not has_table:
                tables = conn.scalar(
                    text(
                        "SELECT count(*) FROM information_schema.tables "
                        "WHERE table_schema = current_schema()"
                    )
                )
                if tables:
                    raise ServerSchemaError(
                        f"Die Datenbank {target.label} enthält fremde Tabellen (keine "
                        "dpo_desk-Datenbank). Es wurde nichts verändert."
                    )
                return None, ""
            revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
            identity = conn.scalar(
                text("SELECT value FROM app_setting WHERE key = :k"), {"k": IDENTITY_KEY}
            )
            return revision, identity or ""
    except DBAPIError as exc:
        raise connect_error(exc, target.label, CONNECT_TIMEOUT_S) from None


def check_revision(target: ServerTarget, revision: str | None) -> None:
    if revision is None:
        raise ServerSchemaError(
            f"Die Datenbank {target.label} ist noch leer. Bitte zuerst einrichten: "
            "dpo-desk --database-url … server init (siehe docs/SERVER.md)."
        )
    if revision not in schema.REVISIONS:
        raise ServerSchemaError(
            f"Die Datenbank {target.label} wurde mit einer neueren Version von dpo_desk "
            f"eingerichtet (Schema „{revision}“). Bitte die neueste Version installieren. "
            "Es wurde nichts gelesen oder verändert."
        )
    if revision != schema.HEAD:
        raise ServerSchemaError(
            f"Die Datenbank {target.label} hat ein älteres Schema („{revision}“). Die "
            "Schul-IT aktualisiert sie mit: dpo-desk --database-url … server upgrade. "
            "Bis dahin bitte die bisherige Version von dpo_desk benutzen."
        )


@dataclass
class ServerDatabase:
    """A server database behind the same methods as ``store.database.Database``."""

    target: ServerTarget
    engine: Engine
    session_factory: sessionmaker[Session]
    read_factory: sessionmaker[Session]
    identity: str = ""
    locked: bool = False
    untrusted: list[str] = field(default_factory=list)
    kind: ClassVar[str] = "server"
    path: ClassVar[None] = None
    key: ClassVar[None] = None
    upgraded_from: ClassVar[None] = None
    backup_made: ClassVar[None] = None
    process_lock: ClassVar[None] = None
    _closed: bool = field(default=False, repr=False)

    @property
    def encrypted(self) -> bool:
        return False

    @property
    def label(self) -> str:
        return self.target.label

    def _usable(self) -> None:
        if self.locked:
            raise DatabaseLocked(LOCKED_MESSAGE)

    def read_rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """``Database.read_rows`` on the server: the same plain query (``?`` parameters),
        in a read-only transaction as the signed-in person, so the server's row-level
        security limits it to the person's schools."""
        with self.read_session() as session:
            result = session.connection().exec_driver_sql(sql.replace("?", "%s"), tuple(parameters))
            return [tuple(row) for row in result]

    def connect_raw(self, *, readonly: bool = False) -> Any:
        raise NotInServerMode(NOT_IN_SERVER_MODE.format(what="Dieser Schritt"))

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        raise NotInServerMode(
            NOT_IN_SERVER_MODE.format(what="Wiederherstellen und Neu-Verschlüsseln")
        )
        yield  # pragma: no cover

    def forget_key(self) -> None:
        """Lock: close the connections and forget the password until it is entered again."""
        self.engine.dispose()
        self.target = self.target.with_password(None)
        self.locked = True

    def unlock(self, password: str) -> None:
        target = self.target.with_password(password)
        engine = make_server_engine(target)
        try:
            probe(engine, target)
        except BaseException:
            engine.dispose()
            raise
        self.target, self.engine, self.locked = target, engine, False
        self.session_factory.configure(bind=engine)
        self.read_factory.configure(bind=engine.execution_options(postgresql_readonly=True))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction; any failure rolls all of it back (German errors for the
        connection, time-outs and the server's own refusals)."""
        self._usable()
        session = self.session_factory()
        committing = False
        try:
            session.begin()
            yield session
            committing = True
            session.commit()
        except DBAPIError as exc:
            _rollback_quietly(session)
            translated = translate(exc, committing=committing)
            if translated is None:
                raise
            raise translated from exc
        except BaseException:
            _rollback_quietly(session)
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        self._usable()
        session = self.read_factory()
        try:
            yield session
        except DBAPIError as exc:
            translated = translate(exc)
            if translated is None:
                raise
            raise translated from exc
        finally:
            _rollback_quietly(session)
            session.close()

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()
            self._closed = True


def _rollback_quietly(session: Session) -> None:
    # A gone connection: the server has discarded the transaction already.
    with contextlib.suppress(DBAPIError):
        session.rollback()


def open_server_database(target: ServerTarget) -> ServerDatabase:
    """Connect to ``target`` (password set), check it is a current dpo_desk database
    and the one the profile was set up with. Nothing is created or upgraded here."""
    from dpo_desk.store.server.structure import structure_problems

    engine = make_server_engine(target)
    try:
        revision, identity = probe(engine, target)
        check_revision(target, revision)
        if target.database_id and identity and target.database_id != identity:
            raise WrongServer(
                f"Unter {target.label} antwortet eine andere dpo_desk-Datenbank als beim "
                "Einrichten dieses Profils. Damit nichts in die falsche Datenbank gerät, "
                "wurde die Verbindung getrennt. Bitte das Serverprofil prüfen."
            )
        problems = structure_problems(engine)
        if problems:
            raise ServerSchemaError(
                f"Die Datenbank {target.label} weicht vom Schema „{revision}“ ab: "
                + "; ".join(problems[:5])
                + ". Es wurde nichts verändert; bitte die Schul-IT fragen."
            )
    except BaseException:
        engine.dispose()
        raise
    return ServerDatabase(
        target=target,
        engine=engine,
        session_factory=sessionmaker(engine, expire_on_commit=False),
        read_factory=sessionmaker(
            engine.execution_options(postgresql_readonly=True), expire_on_commit=False
        ),
        identity=identity,
    )
