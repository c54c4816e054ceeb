"""Every test gets its own data folder; Qt runs offscreen.

Databases are built once per run and copied (a file copy takes a few milliseconds, a
migration 0.2 s, the demo 3 s):

- ``data_dir``: the test's own data folder, holding a copy of a freshly migrated, empty
  database. A test marked ``@pytest.mark.no_database`` gets the folder without any database
  (first start, a new encrypted file).
- ``ctx``: the app opened on that folder.
- ``demo``: asking for it puts a copy of the demo database (both demo schools, every area
  seeded) into the folder instead; it returns the ``DemoResult``. ``register_demo`` does the
  same with the demo schools and only their register (the records demo step).
  Tests that change the demo change only their copy.
- ``prepared``: the built files, for tests that install a database into a folder of
  their own (``prepared.install("demo", folder)``); ``"demo_encrypted"`` is the demo
  encrypted with ``ENCRYPTED_PASSPHRASE``.

Key derivation is cheap in tests (``DPO_DESK_TEST_CHEAP_KDF``, see ``store/crypto.py``);
``tests/store/test_key_derivation.py`` checks the product's real parameters.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Qt runs offscreen on a school laptop's screen (1024×600, tests/data/laptop_screen.json):
# every window the tests open must fit it (offscreen would otherwise offer 800×800).
os.environ["QT_QPA_PLATFORM"] = (
    f"offscreen:configfile={Path(__file__).resolve().parent / 'data' / 'laptop_screen.json'}"
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen"
    else os.environ["QT_QPA_PLATFORM"]
)
# Test-only: cheap scrypt so that the encryption tests do not spend their time hashing.
# Subprocesses inherit it, so files they make open here and the other way round.
os.environ["DPO_DESK_TEST_CHEAP_KDF"] = "1"

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from dpo_desk.app import open_app
from dpo_desk.core.authorities import with_authority
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.paths import DATA_DIR_ENV, DATABASE_FILENAME
from dpo_desk.services import settings
from dpo_desk.services.context import ServiceContext
from tests.postgres.fixtures import (  # noqa: F401  (fixtures)
    backend,
    parametrize_backends,
    server_db,
    server_templates,
    server_url,
)
from tests.postgres.shared import prepare_run, stop_shared


def _temporary_files_in_memory() -> None:
    """Put the tests' folders (pytest's ``tmp_path``, ``tempfile``) on a RAM disk.

    The app syncs every commit, backup and swap to disk (``PRAGMA synchronous = FULL``,
    ``fsync``): right for a school's data, but on a disk shared with other work each sync
    waits, and those waits were most of the suite's time. On a RAM disk a sync returns at
    once while the code path stays the product's own. Crash tests kill processes, which
    the page cache survives either way. An explicit ``TMPDIR`` is respected; without a
    writable ``/dev/shm`` (not Linux) the usual temporary folder stays.
    """
    memory = Path("/dev/shm")
    if "TMPDIR" in os.environ or not (memory.is_dir() and os.access(memory, os.W_OK)):
        return
    if shutil.disk_usage(memory).free < 4 * 1024**3:
        return
    os.environ["TMPDIR"] = str(memory)  # subprocesses and the xdist workers too
    tempfile.tempdir = None  # gettempdir() looks again


_temporary_files_in_memory()


KINDS = ("empty", "demo", "register", "demo_encrypted")
ENCRYPTED_PASSPHRASE = "Klassenfahrt-2026"
TEST_PERSON = ("Paula Prüfer", "Datenschutzbeauftragte/r")
"""Who is working in the prepared databases."""


def name_test_person(context: ServiceContext) -> None:
    """Say who is working in a fresh local file, as the first start asks (writes are refused
    until then); in server mode the signed-in person is who works, nothing to name."""
    if not context.server_mode:
        settings.set_person(context, TEST_PERSON[0], TEST_PERSON[1])


# Asking for one of these fixtures puts that kind of database into the test's data folder.
KIND_OF_FIXTURE = {"demo": "demo", "register_demo": "register"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "no_database: the test's data folder starts without any database file"
    )
    config.addinivalue_line(
        "markers",
        "both_backends: run with the local file and with a PostgreSQL server database",
    )
    config.addinivalue_line(
        "markers", "server_backend: ctx, data_dir and the command line use a server database"
    )
    config.addinivalue_line(
        "markers",
        "sqlite_only: about the local file itself (backups, keys, locks, the local user name)",
    )
    if not hasattr(config, "workerinput"):  # the run's own process (xdist's controller)
        prepare_run()


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        stop_shared()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_backends(metafunc)


@dataclass
class PreparedDatabases:
    """Database files built once per test run, copied into each test's data folder."""

    root: Path

    def file(self, kind: str) -> Path:
        if kind not in KINDS:
            raise ValueError(kind)
        source = self.root / kind / DATABASE_FILENAME
        if not source.exists():
            self._build(kind)
        return source

    def _build(self, kind: str) -> None:
        folder = self.root / kind
        if kind == "demo_encrypted":
            self.install("demo", folder)
        context = open_app(str(folder), local=True)
        try:
            # Someone has said who is working (the first start that asks has its own tests).
            name_test_person(context)
            if kind == "demo":
                from dpo_desk.services.demo import load_demo

                load_demo(context)
            elif kind == "register":
                from dpo_desk.services.demo import register
                from dpo_desk.services.demo.schools import seed_schools

                register.seed(context, seed_schools(context))
            elif kind == "demo_encrypted":
                from dpo_desk.services.safety.encryption import change_passphrase

                change_passphrase(context, ENCRYPTED_PASSPHRASE)
        finally:
            context.db.close()
        # Closing the last connection checkpoints the WAL: the copy is one complete file.
        assert not (folder / f"{DATABASE_FILENAME}-wal").exists()

    def install(self, kind: str, data_dir: Path) -> Path:
        """Copy the ``kind`` database into ``data_dir`` (replacing what is there)."""
        data_dir.mkdir(parents=True, exist_ok=True)
        target = data_dir / DATABASE_FILENAME
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.file(kind), target)
        return target


@pytest.fixture(scope="session")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> PreparedDatabases:
    return PreparedDatabases(tmp_path_factory.mktemp("vorlagen"))


@pytest.fixture
def data_dir(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    prepared: PreparedDatabases,
    backend: str,  # noqa: F811  (the fixture: postgresql sets the server's URL)
) -> Path:
    folder = tmp_path / "daten"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    if request.node.get_closest_marker("no_database") is None:
        wanted = [KIND_OF_FIXTURE[n] for n in request.fixturenames if n in KIND_OF_FIXTURE]
        prepared.install(wanted[0] if wanted else "empty", folder)
    return folder


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[ServiceContext]:
    context = open_app(str(data_dir))
    yield context
    context.db.close()


@pytest.fixture
def demo(ctx: ServiceContext):
    """The demo schools in this test's copy of the demo database."""
    from dpo_desk.services.demo import find_demo

    return find_demo(ctx)


@pytest.fixture
def register_demo(ctx: ServiceContext):
    """The demo schools with only their register, in this test's copy."""
    from dpo_desk.services.demo import find_demo

    return find_demo(ctx)


def sample_profile(**overrides: str) -> SchoolProfile:
    values = dict(
        name="Testschule am See",
        school_number="123456",
        street="Seeweg 1",
        postcode="12345",
        town="Seestadt",
        state="BE",
        email="info@testschule.example",
        head_name="Anna Leiterin",
        dpo_name="Bernd Schutz",
        dpo_email="dsb@testschule.example",
    )
    values.update(overrides)
    return with_authority(SchoolProfile(**values))


@pytest.fixture
def school_id(ctx: ServiceContext) -> int:
    from dpo_desk.services.schools import create_school

    return create_school(ctx, sample_profile()).id
