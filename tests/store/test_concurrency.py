"""Two windows (or a window and a script) writing at once: no lost update, no crash."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.store import database
from dpo_desk.store.database import DatabaseBusy
from dpo_desk.store.models import AppSetting
from tests.conftest import sample_profile

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def test_two_processes_incrementing_one_counter_lose_nothing(data_dir: Path) -> None:
    open_app(str(data_dir)).db.close()
    env = {k: v for k, v in os.environ.items() if k != "DPO_DESK_PASSPHRASE"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.store.burst_worker",
                str(data_dir),
                "zaehler",
                "count",
                "150",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.splitlines()[-1] == "fertig"
    ctx = open_app(str(data_dir))
    try:
        with ctx.reading() as session:
            assert session.get(AppSetting, "zaehler").value == "300"
    finally:
        ctx.db.close()


def test_a_write_blocked_too_long_gets_a_german_message_and_changes_nothing(
    ctx: ServiceContext, school_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    ctx.db.engine.dispose()  # pooled connections keep their wait: open new ones
    other = sqlite3.connect(ctx.db.path, isolation_level=None)  # e.g. a second window
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE school SET town = 'Anderswo'")
    try:
        start = time.monotonic()
        with pytest.raises(DatabaseBusy, match="von einem anderen Fenster oder Programm belegt"):
            create_school(ctx, sample_profile(name="Wartende Schule", school_number="222"))
        assert time.monotonic() - start < 5
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
    create_school(ctx, sample_profile(name="Wartende Schule", school_number="222"))
    assert len(list_schools(ctx)) == 2


def test_a_short_lock_is_waited_out(ctx: ServiceContext, school_id: int) -> None:
    other = sqlite3.connect(ctx.db.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: (other.execute("COMMIT"), other.close()))
    release.start()
    try:
        create_school(ctx, sample_profile(name="Geduldige Schule", school_number="333"))
    finally:
        release.join()
    assert len(list_schools(ctx)) == 2
