"""The handle every service function takes: the open database and who is working."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from dpo_desk.paths import AppPaths
from dpo_desk.store.database import Database
from dpo_desk.store.models import AppSetting, AuditEvent

USER_NAME_KEY = "user_name"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service environments
        return "unbekannt"


@dataclass
class UnitOfWork:
    """One transaction: the session plus the audit events it must append."""

    session: Session
    actor: str

    def audit(
        self,
        entity_type: str,
        entity_id: int | None,
        action: str,
        changes: dict[str, Any] | None = None,
        school_id: int | None = None,
    ) -> None:
        self.session.add(
            AuditEvent(
                actor=self.actor,
                school_id=school_id,
                entity_type=entity_type,
                entity_id=entity_id,
                action=action,
                changes=changes or {},
            )
        )


@dataclass
class ServiceContext:
    db: Database
    paths: AppPaths
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
