"""Setting up and upgrading a server database (``dpo-desk server init|upgrade``).

Runs as the database owner: the migrations (the same Alembic scripts as the local file),
then the server's line of defence (``store/server/security.py``) made from the roles and
rights of ``core.access``, so that the services and the server can never disagree about
who writes which table.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text

from dpo_desk.core.access import Role
from dpo_desk.services.users.rights import table_roles
from dpo_desk.store import schema
from dpo_desk.store.server.database import IDENTITY_KEY, make_server_engine, probe
from dpo_desk.store.server.errors import ServerSchemaError
from dpo_desk.store.server.security import apply_security, is_owner
from dpo_desk.store.server.target import ServerTarget


@dataclass(frozen=True)
class ServerStatus:
    revision: str | None
    identity: str
    upgraded_from: str | None = None


def _require_owner(engine: Engine, target: ServerTarget) -> None:
    with engine.connect() as conn:
        if not is_owner(conn):
            raise ServerSchemaError(
                f"Die Anmeldung „{target.user}“ ist nicht Eigentümer der Datenbank "
                f"{target.label}. Einrichten und Aktualisieren darf nur das technische "
                "Eigentümerkonto (siehe docs/SERVER.md). Es wurde nichts verändert."
            )


def prepare_server(target: ServerTarget) -> ServerStatus:
    """Create or upgrade the schema on the server and (re)apply roles, grants and
    policies; give the database its identity. Refuses a newer schema."""
    from dpo_desk.store.migrate import upgrade

    engine = make_server_engine(target, pool_size=1)
    try:
        revision, _identity = probe(engine, target)
        if revision is not None and revision not in schema.REVISIONS:
            raise ServerSchemaError(
                f"Die Datenbank {target.label} hat ein neueres Schema („{revision}“) als "
                "diese Version von dpo_desk. Bitte die neueste Version installieren. "
                "Es wurde nichts verändert."
            )
        _require_owner(engine, target)
        if revision != schema.HEAD:
            upgrade(engine)
        with engine.begin() as conn:
            apply_security(conn, table_roles(), [Role.DPO.value])
            identity = conn.scalar(
                text("SELECT value FROM app_setting WHERE key = :k"), {"k": IDENTITY_KEY}
            )
            if not identity:
                identity = str(uuid.uuid4())
                conn.execute(
                    text("INSERT INTO app_setting (key, value) VALUES (:k, :v)"),
                    {"k": IDENTITY_KEY, "v": identity},
                )
        return ServerStatus(schema.HEAD, identity, revision if revision != schema.HEAD else None)
    finally:
        engine.dispose()


def create_administrator(
    target: ServerTarget, login: str, display_name: str, password: str | None
) -> bool:
    """The first person (as the owner, at set-up): an administrator who then adds the
    others in the app. An existing server login is linked; a new one needs ``password``.
    Returns False when the account existed already (nothing changed)."""
    from dpo_desk.services.users.accounts import LOGIN_RE
    from dpo_desk.store.server.security import READER, WRITER

    login = login.strip().lower()
    if not LOGIN_RE.match(login):
        raise ServerSchemaError(f"Der Anmeldename „{login}“ ist ungültig.")
    engine = make_server_engine(target, pool_size=1)
    try:
        with engine.begin() as conn:
            if conn.scalar(text("SELECT 1 FROM app_user WHERE login = :l"), {"l": login}):
                return False
            exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login})
            if not exists:
                if not password:
                    raise ServerSchemaError(
                        f"Die Anmeldung „{login}“ gibt es auf dem Server noch nicht: bitte "
                        "ein Passwort angeben."
                    )
                secret = conn.scalar(text("SELECT quote_literal(:p)"), {"p": password})
                conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN PASSWORD {secret}')
            conn.exec_driver_sql(f'GRANT "{READER}", "{WRITER}" TO "{login}"')
            user_id = conn.scalar(
                text(
                    "INSERT INTO app_user (login, display_name, function, administrator, "
                    "active, created_at, updated_at, row_version) VALUES (:l, :n, '', true, "
                    "true, now() at time zone 'utc', now() at time zone 'utc', 1) RETURNING id"
                ),
                {"l": login, "n": display_name.strip() or login},
            )
            _seal_first_user(conn, f"Einrichtung ({target.user})", user_id, login)
        return True
    finally:
        engine.dispose()


def _seal_first_user(conn: Any, actor: str, user_id: int, login: str) -> None:
    """The audit event of the first administrator, sealed into the change log's hash chain
    like every other (``UnitOfWork.write_audit``)."""
    from datetime import UTC, datetime

    from dpo_desk.core.audit.chain import GENESIS, EventContent, event_hash, new_salt, normalised
    from dpo_desk.core.audit.chain import values_digest as digest_of
    from dpo_desk.services.context import CHAIN_LOCK_ID

    conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": CHAIN_LOCK_ID})
    head = conn.scalar(text("SELECT chain_hash FROM audit_event ORDER BY id DESC LIMIT 1"))
    head = head or GENESIS
    now = datetime.now(UTC)
    changes = normalised({"login": login, "administrator": True})
    salt = new_salt()
    content = EventContent(now, actor, None, "user", user_id, "create", digest_of(salt, changes))
    conn.execute(
        text(
            "INSERT INTO audit_event (occurred_at, actor, school_id, entity_type, entity_id, "
            "action, changes, prev_hash, chain_hash, salt) VALUES (:t, :a, NULL, 'user', :i, "
            "'create', CAST(:c AS json), :p, :h, :s)"
        ),
        {
            "t": now.replace(tzinfo=None),
            "a": actor,
            "i": user_id,
            "c": json.dumps(changes),
            "p": head,
            "h": event_hash(head, content),
            "s": salt,
        },
    )
