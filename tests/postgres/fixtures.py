"""pytest fixtures for server mode: one throwaway PostgreSQL per test run (shared by the
workers, ``tests.postgres.shared``), template databases built once per run, and a fresh
database per test, cloned from a template (``CREATE DATABASE … TEMPLATE``: no migration
per test).

``backend`` is "sqlite" unless a test is marked ``@pytest.mark.both_backends`` (the
chosen store, service and command-line tests: each area's writes, reads, stale saves and
imports; ``make test``), or ``DPO_DESK_TEST_ALL_BACKENDS=1`` is set and it lies in
tests/services, tests/cli or tests/store (and is not marked ``sqlite_only``:
``make test-all-backends``, every such test). Then it runs twice, and for "postgresql"
the environment variable ``DPO_DESK_DATABASE_URL``
points at the test's own server database, so ``ctx``, the demo fixtures and every
command line call work on the server without a change to the test. The person signed
in there is the administrator ``ADMIN_LOGIN``.

Where no PostgreSQL can be started, the server tests are skipped; on CI (``CI`` set)
that is an error instead, so that CI never passes without them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.postgres.cluster import Cluster, ClusterUnavailable
from tests.postgres.shared import attach, run_lock

ADMIN_LOGIN = "pruef_admin"
ADMIN_PASSWORD = "Pruefung-Admin-2026"
BACKENDS = ("sqlite", "postgresql")
# ``=1``: every store, service and command-line test that opens a database runs on both
# backends (except those marked ``sqlite_only``: about the file itself); without it only
# the ones marked ``both_backends`` (``make test`` on two cores: the whole doubled set
# takes several minutes more, see docs/SERVER.md "Tests").
ALL_BACKENDS_ENV = "DPO_DESK_TEST_ALL_BACKENDS"
BOTH_BACKENDS_FOLDERS = ("services", "cli", "store")
_numbers = itertools.count(1)


@dataclass
class ServerTemplates:
    """The cluster and its template databases (``empty``, ``demo``, ``register``)."""

    cluster: Cluster
    prepared: Any  # tests.conftest.PreparedDatabases
    built: dict[str, str]

    def url(self, database: str, user: str = ADMIN_LOGIN, password: str = ADMIN_PASSWORD) -> str:
        return self.cluster.url(database, user, password)

    def template(self, kind: str) -> str:
        """The template database of ``kind``, built once per run (under the run's lock)."""
        if kind not in self.built:
            with run_lock() as state:
                self.built.update(state.setdefault("built", {}))
                if kind not in self.built:
                    self.built[kind] = self._build(kind)
                state["built"].update(self.built)
        return self.built[kind]

    def _build(self, kind: str) -> str:
        name = f"vorlage_{kind}"
        self.cluster.drop_database(name)  # left half built by a failed attempt
        if kind == "empty":
            from dpo_desk.services.users.setup import create_administrator, prepare_server
            from dpo_desk.store.server.target import parse_url

            self.cluster.create_database(name)
            owner = parse_url(self.cluster.url(name))
            prepare_server(owner)
            create_administrator(owner, ADMIN_LOGIN, "Paula Prüfer", ADMIN_PASSWORD)
            return name
        # The demo kinds: the local demo built once per run (``prepared``), moved over with
        # the copier of ``dpo-desk move`` (also a test of it), much faster than seeding.
        from dpo_desk.app import open_app
        from dpo_desk.services.moving.copy import copy_schools

        self.cluster.create_database(name, self._built_within("empty"))
        folder = self.cluster.root / f"ordner_{kind}"
        self.prepared.install(kind, folder)
        local = open_app(str(folder), local=True)
        server = open_app(str(folder), database_url=self.url(name))
        try:
            copy_schools(local, server)
        finally:
            server.db.close()
            local.db.close()
        return name

    def _built_within(self, kind: str) -> str:
        """A template another template is built from (the lock is already held)."""
        if kind not in self.built:
            self.built[kind] = self._build(kind)
        return self.built[kind]

    def fresh(self, kind: str = "empty") -> str:
        """A new database cloned from the ``kind`` template; its name."""
        template = self.template(kind)
        name = f"t{os.getpid()}_{next(_numbers)}"
        self.cluster.create_database(name, template)
        return name


@pytest.fixture(scope="session")
def server_templates(prepared: Any) -> Iterator[ServerTemplates]:
    """The run's one server (started by the first worker that needs it, see
    ``tests.postgres.shared``; stopped when the run ends)."""
    try:
        with run_lock() as state:
            cluster = attach(state)
            built = dict(state.get("built", {}))
    except ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI braucht PostgreSQL für die Servertests: {exc}")
        pytest.skip(f"kein PostgreSQL startbar: {exc}")
    yield ServerTemplates(cluster, prepared, built)


@pytest.fixture
def server_db(server_templates: ServerTemplates, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh server database for this test (demo data if the test asks for ``demo``)."""
    from tests.conftest import KIND_OF_FIXTURE

    wanted = [KIND_OF_FIXTURE[n] for n in request.fixturenames if n in KIND_OF_FIXTURE]
    name = server_templates.fresh(wanted[0] if wanted else "empty")
    yield name
    server_templates.cluster.drop_database(name)


@pytest.fixture
def server_url(server_templates: ServerTemplates, server_db: str) -> str:
    """The administrator's URL (with password) of this test's server database."""
    return server_templates.url(server_db)


@pytest.fixture
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    kind = getattr(request, "param", "sqlite")
    if kind == "postgresql":
        from dpo_desk.store.server.target import DATABASE_URL_ENV

        monkeypatch.setenv(DATABASE_URL_ENV, request.getfixturevalue("server_url"))
    return kind


def parametrize_backends(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = metafunc.definition.path.parent.name
    everywhere = (
        folder in BOTH_BACKENDS_FOLDERS
        and os.environ.get(ALL_BACKENDS_ENV) == "1"
        and not metafunc.definition.get_closest_marker("sqlite_only")
    )
    if everywhere or metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)
    elif metafunc.definition.get_closest_marker("server_backend"):
        metafunc.parametrize("backend", ["postgresql"], indirect=True)
