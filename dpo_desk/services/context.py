"""The handle every service function takes: the open database, who is working, the clock.

A write is one ``unit_of_work``: one transaction, an audit event per changed entity, and
the ``Changes`` it made (collected from those audit events), which the service returns.
Each audit event is first checked against the person's rights (``ctx.access``): in
server mode a refused write raises ``AccessDenied`` inside the transaction, so nothing of
it stays. ``ctx.actor`` is the one name the audit trail and the records carry: the
signed-in person in server mode, else the local user's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dpo_desk.core.access import Right
from dpo_desk.core.audit.chain import GENESIS, EventContent, event_hash, new_salt, normalised
from dpo_desk.core.audit.chain import values_digest as digest_of
from dpo_desk.core.people import actor_label
from dpo_desk.paths import AppPaths
from dpo_desk.services.changes import AREA_OF_ENTITY, Area, Changes
from dpo_desk.services.clock import Clock, SystemClock
from dpo_desk.services.errors import UnknownUser
from dpo_desk.services.users.access import LOCAL_ACCESS, Access, SignedIn
from dpo_desk.store.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from dpo_desk.store.server.database import ServerDatabase

# SQLAlchemy and the models are imported on first use, not here: the first screen of the
# GUI is shown before them (see ``store.database``).

USER_NAME_KEY = "user_name"
USER_FUNCTION_KEY = "user_function"


# PostgreSQL: writers queue on this lock before reading the head of the chain (SQLite
# needs none: BEGIN IMMEDIATE already lets one writer in at a time).
CHAIN_LOCK_ID = 1_606_012


def chain_head(session: Session) -> str:
    """The hash of the newest audit event (inside the writing transaction)."""
    from sqlalchemy import select, text

    from dpo_desk.store.models import AuditEvent

    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": CHAIN_LOCK_ID})
    head = session.scalar(select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1))
    return head or GENESIS


@dataclass
class UnitOfWork:
    """One transaction: the session, the audit events it must append, and what it changed.

    The events are collected and written in one multi-row insert when the work is done,
    just before the commit (``write_audit``): an import of 2,000 students appends 2,000
    events, and one ORM object per event cost more than the students themselves. They
    commit or roll back with the rest of the transaction, in the order they were made, and
    are sealed into the hash chain (``core.audit.chain``) in that order as they are written."""

    session: Session
    actor: str
    access: Access = LOCAL_ACCESS
    _acting_for: Right | None = field(default=None, repr=False)
    _areas: set[Area] = field(default_factory=set, repr=False)
    _records: set[tuple[str, int]] = field(default_factory=set, repr=False)
    _schools: set[int | None] = field(default_factory=set, repr=False)
    _events: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def audit(
        self,
        entity_type: str,
        entity_id: int | None,
        action: str,
        changes: dict[str, Any] | None = None,
        school_id: int | None = None,
    ) -> None:
        if self._acting_for is not None:
            self.access.require(self._acting_for, school_id)
        else:
            self.access.check_write(entity_type, action, school_id)
        self._events.append(
            {
                "actor": self.actor,
                "school_id": school_id,
                "entity_type": entity_type,
                "entity_id": entity_id,
                "action": action,
                "changes": normalised(changes or {}),
            }
        )
        self.touch(AREA_OF_ENTITY[entity_type], school_id, entity_type, entity_id)

    @contextmanager
    def acting_for(self, right: Right) -> Iterator[None]:
        """The audits inside belong to a step that needs ``right`` (a sign-off notes its
        result in the register entry: the head may sign off without editing the register)."""
        previous, self._acting_for = self._acting_for, right
        try:
            yield
        finally:
            self._acting_for = previous

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

    def write_audit(self) -> None:
        """Insert the events collected so far (called before the commit)."""
        if self._events:
            events, self._events = self._events, []
            from dpo_desk.store.bulk import insert_rows
            from dpo_desk.store.models import AuditEvent

            now = datetime.now(UTC)  # the events of one transaction take effect together
            head = chain_head(self.session)
            for event in events:
                salt = new_salt()
                content = EventContent(
                    now,
                    event["actor"],
                    event["school_id"],
                    event["entity_type"],
                    event["entity_id"],
                    event["action"],
                    digest_of(salt, event["changes"]),
                )
                sealed = event_hash(head, content)
                event.update(occurred_at=now, prev_hash=head, chain_hash=sealed, salt=salt)
                head = sealed
            insert_rows(self.session, AuditEvent.__table__, events)


@dataclass
class ServiceContext:
    db: Database | ServerDatabase
    paths: AppPaths
    clock: Clock = field(default_factory=SystemClock)
    access: Access = LOCAL_ACCESS
    _actor: str | None = field(default=None, repr=False)
    _acting_as: list[str] = field(default_factory=list, repr=False)

    @property
    def server_mode(self) -> bool:
        return self.db.kind == "server"

    @property
    def actor(self) -> str:
        """Who is working: the signed-in person (server mode); else "Name (Funktion)" as
        the settings say.

        Never the operating-system login: a printed register says who released it. Without
        a stored name every write is refused (``UnknownUser``) and the window asks.
        """
        if self._acting_as:
            return self._acting_as[-1]
        if isinstance(self.access, SignedIn):
            return self.access.actor
        if self._actor is None:
            # Through the driver: the first screen asks this before SQLAlchemy is loaded.
            rows = self.db.read_rows(
                "SELECT key, value FROM app_setting WHERE key IN (?, ?)",
                (USER_NAME_KEY, USER_FUNCTION_KEY),
            )
            stored = {key: value or "" for key, value in rows}
            name = stored.get(USER_NAME_KEY, "")
            if not name.strip():
                raise UnknownUser()
            self._actor = actor_label(name, stored.get(USER_FUNCTION_KEY, ""))
        return self._actor

    def knows_actor(self) -> bool:
        try:
            self.actor  # noqa: B018 - reading it is the check
        except UnknownUser:
            return False
        return True

    def forget_actor(self) -> None:
        self._actor = None

    def may(self, right: Right, school_id: int | None = None) -> bool:
        """Whether the person working has ``right`` (in ``school_id``): for the UI."""
        return self.access.may(right, school_id)

    def require(self, right: Right, school_id: int | None = None, what: str = "") -> None:
        """Refuse (``AccessDenied``, German) unless the person has ``right``."""
        self.access.require(right, school_id, what)

    @contextmanager
    def acting_as(self, actor: str) -> Iterator[None]:
        """Write as ``actor`` for a moment: the person who names themselves, the demo data,
        or the person restoring a backup (whose name the restored file may not hold)."""
        self._acting_as.append(actor)
        try:
            yield
        finally:
            self._acting_as.pop()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        from sqlalchemy.orm.exc import StaleDataError

        from dpo_desk.services.errors import AccessDenied, StaleEdit
        from dpo_desk.services.users.guard import guard
        from dpo_desk.store.server.errors import ServerRefused

        actor = self.actor
        try:
            with self.db.session() as session:
                guard(session, self.access)
                uow = UnitOfWork(session=session, actor=actor, access=self.access)
                yield uow
                uow.write_audit()
        except ServerRefused as exc:
            # The server's own policies refused a write the services let through: the same
            # answer for the person, from the second line of defence.
            raise AccessDenied(str(exc)) from exc
        except StaleDataError:
            # Two saves of one record at once (server mode): the later UPDATE found the
            # version counter already moved and changed nothing; the whole save is undone.
            raise StaleEdit("Der Eintrag", "", None, []) from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        from dpo_desk.services.users.guard import limit_reading

        with self.db.read_session() as session:
            limit_reading(session, self.access)
            yield session


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Only what differs, as ``{field: [old, new]}``."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
