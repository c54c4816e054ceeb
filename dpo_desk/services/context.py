"""The handle every service function takes: the open database, who is working, the clock.

A write is one ``unit_of_work``: one transaction, an audit event per changed entity, and
the ``Changes`` it made (collected from those audit events), which the service returns.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from dpo_desk.core.audit.chain import GENESIS, EventContent, event_hash, new_salt, normalised
from dpo_desk.core.audit.chain import values_digest as digest_of
from dpo_desk.paths import AppPaths
from dpo_desk.services.changes import AREA_OF_ENTITY, Area, Changes
from dpo_desk.services.clock import Clock, SystemClock
from dpo_desk.store.base import utc_now
from dpo_desk.store.database import Database
from dpo_desk.store.models import AppSetting, AuditEvent

USER_NAME_KEY = "user_name"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service environments
        return "unbekannt"


# PostgreSQL: writers queue on this lock before reading the head of the chain (SQLite
# needs none: BEGIN IMMEDIATE already lets one writer in at a time).
CHAIN_LOCK_ID = 1_606_012


def chain_head(session: Session) -> str:
    """The hash of the newest audit event (inside the writing transaction)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": CHAIN_LOCK_ID})
    head = session.scalar(select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1))
    return head or GENESIS


@dataclass
class UnitOfWork:
    """One transaction: the session, the audit events it must append, and what it changed.

    Each event is sealed into the hash chain as it is written (``core.audit.chain``)."""

    session: Session
    actor: str
    _head: str | None = field(default=None, repr=False)
    _areas: set[Area] = field(default_factory=set, repr=False)
    _records: set[tuple[str, int]] = field(default_factory=set, repr=False)
    _schools: set[int | None] = field(default_factory=set, repr=False)

    def audit(
        self,
        entity_type: str,
        entity_id: int | None,
        action: str,
        changes: dict[str, Any] | None = None,
        school_id: int | None = None,
    ) -> None:
        values = normalised(changes or {})
        if self._head is None:
            self._head = chain_head(self.session)
        salt, now = new_salt(), utc_now()
        content = EventContent(
            now, self.actor, school_id, entity_type, entity_id, action, digest_of(salt, values)
        )
        sealed = event_hash(self._head, content)
        self.session.add(
            AuditEvent(
                occurred_at=now,
                actor=self.actor,
                school_id=school_id,
                entity_type=entity_type,
                entity_id=entity_id,
                action=action,
                changes=values,
                prev_hash=self._head,
                chain_hash=sealed,
                salt=salt,
            )
        )
        self._head = sealed
        self.touch(AREA_OF_ENTITY[entity_type], school_id, entity_type, entity_id)

    def audit_many(
        self,
        entity_type: str,
        entries: list[tuple[int | None, str, dict[str, Any]]],
        school_id: int | None = None,
    ) -> None:
        """Many events of one kind at once (bulk imports): ``(entity id, action, changes)``
        each, sealed into the chain in this order and inserted in one statement."""
        if not entries:
            return
        self.session.flush()  # events added before must get their ids (and chain) first
        if self._head is None:
            self._head = chain_head(self.session)
        rows = []
        for entity_id, action, changes in entries:
            values = normalised(changes)
            salt, now = new_salt(), utc_now()
            content = EventContent(
                now, self.actor, school_id, entity_type, entity_id, action, digest_of(salt, values)
            )
            sealed = event_hash(self._head, content)
            rows.append(
                {
                    "occurred_at": now,
                    "actor": self.actor,
                    "school_id": school_id,
                    "entity_type": entity_type,
                    "entity_id": entity_id,
                    "action": action,
                    "changes": values,
                    "prev_hash": self._head,
                    "chain_hash": sealed,
                    "salt": salt,
                }
            )
            self._head = sealed
            self.touch(AREA_OF_ENTITY[entity_type], school_id, entity_type, entity_id)
        self.session.execute(insert(AuditEvent), rows)

    def touch(
        self,
        area: Area,
        school_id: int | None = None,
        entity_type: str | None = None,
        entity_id: int | None = None,
    ) -> None:
        """Note a change that is not (or not only) an audited entity's."""
        self._areas.add(area)
        self._schools.add(school_id)
        if entity_type is not None and entity_id is not None:
            self._records.add((entity_type, entity_id))

    @property
    def changes(self) -> Changes:
        """What this unit of work changed so far (all of it, once the block ends)."""
        school = next(iter(self._schools)) if len(self._schools) == 1 else None
        return Changes(frozenset(self._areas), frozenset(self._records), school)


@dataclass
class ServiceContext:
    db: Database
    paths: AppPaths
    clock: Clock = field(default_factory=SystemClock)
    _actor: str | None = field(default=None, repr=False)

    @property
    def actor(self) -> str:
        """The user name from the settings, else the operating-system login."""
        if self._actor is None:
            with self.db.read_session() as session:
                setting = session.get(AppSetting, USER_NAME_KEY)
                self._actor = setting.value if setting and setting.value else _os_user()
        return self._actor

    def forget_actor(self) -> None:
        self._actor = None

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        actor = self.actor
        with self.db.session() as session:
            yield UnitOfWork(session=session, actor=actor)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.db.read_session() as session:
            yield session


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Only what differs, as ``{field: [old, new]}``."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
