"""The server database: migrations, schema checks and every way connecting or saving fails.

Each failure is a German message, nothing is half-written, nothing waits forever."""

from __future__ import annotations

import socket
import threading
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, select, text

from dpo_desk.app import open_app
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.services.users.setup import prepare_server
from dpo_desk.store import schema
from dpo_desk.store.base import Base
from dpo_desk.store.models import School
from dpo_desk.store.server import database as server_database
from dpo_desk.store.server.errors import (
    ConnectionLost,
    PasswordNeeded,
    ServerSchemaError,
    ServerTimeout,
    ServerUnreachable,
    SignInFailed,
    WrongServer,
)
from dpo_desk.store.server.target import parse_url, save_profile
from tests.conftest import name_test_person, sample_profile
from tests.postgres.fixtures import ADMIN_LOGIN


def _owner(server_templates, server_db):  # type: ignore[no-untyped-def]
    return create_engine(server_templates.cluster.url(server_db))


def test_the_migrated_server_schema_matches_the_models(server_templates, server_db) -> None:
    engine = _owner(server_templates, server_db)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
    finally:
        engine.dispose()
    assert diff == []
    assert revision == schema.HEAD


def test_set_up_again_changes_nothing_and_keeps_the_identity(server_templates, server_db) -> None:
    owner = parse_url(server_templates.cluster.url(server_db))
    first = prepare_server(owner)
    again = prepare_server(owner)
    assert first.identity == again.identity and again.upgraded_from is None


def test_an_empty_database_is_set_up_from_the_first_migration(server_templates) -> None:
    name = "leer_von_null"
    server_templates.cluster.create_database(name)
    try:
        owner = parse_url(server_templates.cluster.url(name))
        with pytest.raises(ServerSchemaError, match="noch leer"):
            server_database.open_server_database(owner)
        status = prepare_server(owner)
        assert status.revision == schema.HEAD
    finally:
        server_templates.cluster.drop_database(name)


def test_a_wrong_password_is_a_german_message(server_templates, server_db, tmp_path) -> None:
    url = server_templates.url(server_db, ADMIN_LOGIN, "falsches-passwort")
    with pytest.raises(SignInFailed, match="Benutzername oder Passwort ist falsch"):
        open_app(str(tmp_path), database_url=url)


def test_no_password_at_all_asks_for_one(server_templates, server_db, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "keine"))
    url = server_templates.cluster.url(server_db, ADMIN_LOGIN, "")
    with pytest.raises(PasswordNeeded, match="kein Passwort gespeichert"):
        open_app(str(tmp_path), database_url=url)


def test_an_unreachable_server_answers_within_the_time_out(tmp_path, monkeypatch) -> None:
    """A peer that accepts the connection and then says nothing (a dead server behind a
    live port): connecting gives up after the connect time-out."""
    monkeypatch.setattr(server_database, "CONNECT_TIMEOUT_S", 1)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    port = silent.getsockname()[1]
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()
    try:
        url = f"postgresql://niemand:x@127.0.0.1:{port}/dpo"
        with pytest.raises(ServerUnreachable, match="nicht erreichbar"):
            open_app(str(tmp_path), database_url=url)
    finally:
        for conn in accepted:
            conn.close()
        silent.close()


def test_a_closed_port_is_unreachable_at_once(tmp_path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(ServerUnreachable):
        open_app(str(tmp_path), database_url=f"postgresql://a:b@127.0.0.1:{port}/dpo")


@pytest.mark.parametrize(
    ("revision", "expected"),
    [("9999_zukunft", "neueren Version"), (schema.REVISIONS[-2], "älteres Schema")],
)
def test_a_newer_or_older_schema_is_refused_and_left_alone(
    server_templates, server_db, server_url, tmp_path, revision, expected
) -> None:
    server_templates.cluster.execute(
        f"UPDATE alembic_version SET version_num = '{revision}'", server_db
    )
    with pytest.raises(ServerSchemaError, match=expected):
        open_app(str(tmp_path), database_url=server_url)
    owner = create_engine(server_templates.cluster.url(server_db))
    with owner.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == revision
    owner.dispose()


def test_an_altered_schema_is_named(server_templates, server_db, server_url, tmp_path) -> None:
    server_templates.cluster.execute("ALTER TABLE student ADD COLUMN spitzname text", server_db)
    with pytest.raises(ServerSchemaError, match="student: unbekannte Spalten"):
        open_app(str(tmp_path), database_url=server_url)


def test_another_database_under_the_profile_is_refused(
    server_templates, server_db, server_url, tmp_path
) -> None:
    profile = replace(parse_url(server_url), password=None, database_id="eine-andere-datenbank")
    save_profile(tmp_path, profile)
    with pytest.raises(WrongServer, match="andere dpo_desk-Datenbank"):
        open_app(str(tmp_path), database_url=server_url)


def test_the_profile_remembers_the_server_and_the_local_file_stays_untouched(
    server_url, tmp_path
) -> None:
    local = open_app(str(tmp_path), local=True)
    name_test_person(local)
    create_school(local, sample_profile(name="Lokale Schule", school_number="111"))
    local.db.close()
    save_profile(tmp_path, replace(parse_url(server_url), password=None))
    server = open_app(str(tmp_path), password=parse_url(server_url).password)
    try:
        assert server.server_mode
        create_school(server, sample_profile())
        assert [s.name for s in list_schools(server)] == ["Testschule am See"]
    finally:
        server.db.close()
    local = open_app(str(tmp_path), local=True)
    try:
        assert [s.name for s in list_schools(local)] == ["Lokale Schule"]
    finally:
        local.db.close()
    saved = parse_url(server_url)
    assert (tmp_path / "server.json").read_text().count(saved.password or "§") == 0


@pytest.mark.server_backend
def test_a_lost_connection_mid_save_writes_nothing(server_templates, server_db, ctx) -> None:
    """The server ends the session while a save is half done: German message, and the
    half written school is not there."""
    lost = pytest.raises(ConnectionLost, match="Verbindung zum Server ist abgebrochen")
    with lost, ctx.unit_of_work() as uow:
        uow.session.add(School(name="Halbe Schule", state="BE"))
        uow.session.flush()
        pid = uow.session.scalar(text("SELECT pg_backend_pid()"))
        server_templates.cluster.execute(f"SELECT pg_terminate_backend({pid})", server_db)
        uow.session.execute(text("SELECT 1"))
    with ctx.reading() as session:
        assert session.scalar(select(func.count()).select_from(School)) == 0


@pytest.mark.server_backend
def test_a_record_locked_too_long_times_out(server_templates, server_db, ctx, school_id) -> None:
    """Someone holds the school's row (a long save); this save gives up with a German
    message after the lock time-out instead of hanging."""
    blocker = server_templates.cluster.admin(server_db)
    blocker.autocommit = False
    try:
        blocker.execute("SELECT id FROM school WHERE id = %s FOR UPDATE", (school_id,))
        waited = pytest.raises(ServerTimeout, match="nicht gespeichert")
        with waited, ctx.unit_of_work() as uow:
            uow.session.execute(text("SET LOCAL lock_timeout = 300"))
            school = uow.session.get(School, school_id)
            school.town = "Anderswo"
            uow.session.flush()
    finally:
        blocker.rollback()
        blocker.close()


@pytest.mark.server_backend
def test_the_server_keeps_its_own_pool_and_time_outs(ctx) -> None:
    """Not the local file's pool (``store.database.make_engine``): a small pool that
    replaces dropped connections, and every connection with the server's time-outs."""
    from sqlalchemy.pool import QueuePool

    engine = ctx.db.engine
    assert isinstance(engine.pool, QueuePool)
    assert engine.pool.size() == 2 and engine.pool._pre_ping
    with ctx.reading() as session:
        settings = {
            name: session.scalar(text(f"SHOW {name}"))
            for name in ("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout")
        }
    assert settings == {
        "statement_timeout": "30s",
        "lock_timeout": "10s",
        "idle_in_transaction_session_timeout": "2min",
    }
