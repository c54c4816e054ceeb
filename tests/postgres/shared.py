"""One throwaway PostgreSQL per test run, shared by the pytest-xdist workers.

Starting a cluster (initdb + postgres) and building its template databases takes seconds;
doing it once per worker doubled that on two cores. The first process of a run that needs
the server starts it under a file lock in the run's folder and writes ``cluster.json``
there; the others attach to it. The templates are built under the same lock, once per run.
The process that configured the run (xdist's controller, or pytest itself without
workers) stops the server at the end (``stop_shared``): it is a process of its own
(``start_new_session``), so it outlives the worker that started it.

The run's folder reaches the workers through the environment (``SHARED_DIR_ENV``): xdist
starts them after ``pytest_configure`` of the controller, which sets it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.postgres.cluster import Cluster, ClusterUnavailable, start_cluster

SHARED_DIR_ENV = "DPO_DESK_TEST_PG_RUN"
_STATE = "cluster.json"
STOP_TIMEOUT_S = 20.0


def prepare_run() -> None:
    """In the process that configures the run: a folder for the shared server's state."""
    if not os.environ.get(SHARED_DIR_ENV):
        os.environ[SHARED_DIR_ENV] = tempfile.mkdtemp(prefix="dpo-pg-lauf-")


def _folder() -> Path:
    prepare_run()
    return Path(os.environ[SHARED_DIR_ENV])


@contextlib.contextmanager
def run_lock() -> Iterator[dict[str, Any]]:
    """The run's state (read, changed by the block, written back) under an exclusive lock."""
    folder = _folder()
    with open(folder / "lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            path = folder / _STATE
            state: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
            yield state
            path.write_text(json.dumps(state))
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def attach(state: dict[str, Any]) -> Cluster:
    """The run's server: started now if nobody has yet (``ClusterUnavailable`` if it cannot
    start, remembered so that the other workers do not try again)."""
    if "unavailable" in state:
        raise ClusterUnavailable(state["unavailable"])
    if "port" not in state:
        try:
            cluster = start_cluster()
        except ClusterUnavailable as exc:
            state["unavailable"] = str(exc)
            raise
        assert cluster.process is not None
        state.update(
            root=str(cluster.root),
            port=cluster.port,
            bindir=str(cluster.bindir),
            user=cluster.user,
            pid=cluster.process.pid,
            built={},
        )
        return cluster
    return Cluster(Path(state["root"]), state["port"], Path(state["bindir"]), state["user"])


def stop_shared() -> None:
    """End the run's server (if one was started) and delete its folders."""
    folder = os.environ.get(SHARED_DIR_ENV)
    if not folder or not Path(folder).is_dir():
        return
    path = Path(folder) / _STATE
    state = json.loads(path.read_text()) if path.exists() else {}
    pid = state.get("pid")
    if pid:
        _end(int(pid))
    if state.get("root"):
        shutil.rmtree(state["root"], ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)


def _end(pid: int) -> None:
    """SIGTERM (PostgreSQL's fast shutdown), then wait; SIGKILL after ``STOP_TIMEOUT_S``."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)  # our own child without xdist
            if done:
                return
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
