"""People for server tests: each a real PostgreSQL login with a role, signed in as the
app signs in (``open_app`` with their URL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dpo_desk.app import open_app
from dpo_desk.core.access import Role
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.users import accounts
from tests.postgres.fixtures import ServerTemplates

PASSWORD = "Schule-Passwort-1"


def login_for(name: str, database: str) -> str:
    """Logins are the cluster's, databases the test's: one login per test database."""
    return f"{name}_{database}".lower()[:63]


def add_person(
    admin: ServiceContext,
    database: str,
    name: str,
    roles: dict[int, Role],
    display_name: str = "",
) -> str:
    login = login_for(name, database)
    accounts.add_user(admin, login, display_name or name.title(), PASSWORD)
    for school_id, role in roles.items():
        accounts.grant(admin, login, school_id, role)
    return login


@contextmanager
def signed_in(
    templates: ServerTemplates, database: str, login: str, folder: Path
) -> Iterator[ServiceContext]:
    ctx = open_app(str(folder), database_url=templates.url(database, login, PASSWORD))
    try:
        yield ctx
    finally:
        ctx.db.close()
