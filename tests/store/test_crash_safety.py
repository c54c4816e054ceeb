"""Pulling the plug mid-import: SIGKILL at random points never leaves half a transaction.

A real subprocess imports batches of rows (one service transaction each, with its audit
event) and is killed with SIGKILL at a random moment, many times over the same file. After
each kill the database must open, pass SQLite's integrity check and our own check, hold
every batch it confirmed, and hold each batch entirely or not at all.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services import settings as app_settings
from dpo_desk.services.safety.check import run_check
from dpo_desk.store.models import School
from tests.conftest import TEST_PERSON
from tests.store.burst_worker import batch_size

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
KILLS = 12


def _start(data_dir: Path, run: str, *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "DPO_DESK_PASSPHRASE"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.burst_worker", str(data_dir), run, *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _kill_at_random(proc: subprocess.Popen[str], rng: random.Random, least: int = 0) -> list[int]:
    """SIGKILL after a random number (``least``…4) of confirmed steps.

    The worker goes straight on with the next step, so the kill lands at a random point of
    it, without the test depending on how fast (or busy) the machine is.
    """
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "bereit", proc.stderr.read() if proc.stderr else ""
    confirmed = []
    for _ in range(rng.randint(least, 4)):
        line = proc.stdout.readline()
        assert line.startswith("ok "), line + (proc.stderr.read() if proc.stderr else "")
        confirmed.append(int(line.split()[1]))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    return confirmed + [int(line.split()[1]) for line in out.splitlines() if line.startswith("ok ")]


def _batches(conn: sqlite3.Connection, run: str) -> dict[int, tuple[int, int, int]]:
    """Per batch number: (school rows, setting rows, audit events)."""
    found: dict[int, list[int]] = {}
    for (name,) in conn.execute("SELECT name FROM school WHERE name LIKE ?", (f"{run}-%",)):
        found.setdefault(int(name.rsplit("-", 1)[1]), [0, 0, 0])[0] += 1
    for number, rows in conn.execute(
        "SELECT CAST(substr(key, length(?) + 2) AS INTEGER) AS n, count(*) FROM app_setting "
        "WHERE key LIKE ? GROUP BY n",
        (run, f"{run}-%"),
    ):
        found.setdefault(number, [0, 0, 0])[1] = rows
    for (number,) in conn.execute(
        "SELECT entity_id FROM audit_event WHERE entity_type = 'burst' "
        "AND json_extract(changes, '$.run') = ?",
        (run,),
    ):
        found.setdefault(number, [0, 0, 0])[2] += 1
    return {n: (a, b, c) for n, (a, b, c) in found.items()}


def _assert_all_or_nothing(data_dir: Path, run: str, confirmed: list[int]) -> int:
    ctx = open_app(str(data_dir))  # opens: nothing left locked or half-written
    try:
        report = run_check(ctx)
        assert report.ok, report.text()
        conn = ctx.db.connect_raw(readonly=True)
        try:
            batches = _batches(conn, run)
        finally:
            conn.close()
    finally:
        ctx.db.close()
    for number, (schools, settings, audits) in batches.items():
        assert (schools, settings, audits) == (1, batch_size(number), 1), (
            f"Stapel {number} nur teilweise gespeichert: {schools}/{settings}/{audits}"
        )
    assert set(confirmed) <= set(batches), "bestätigte Stapel fehlen"
    assert sorted(batches) == list(range(len(batches))), "Lücke in den Stapeln"
    return len(batches)


def test_sigkill_during_import_never_leaves_half_a_transaction(data_dir: Path) -> None:
    open_app(str(data_dir)).db.close()
    rng = random.Random(8)
    saved = 0
    for kill in range(KILLS):
        run = f"lauf{kill}"
        confirmed = _kill_at_random(_start(data_dir, run, "burst"), rng, least=1)
        saved += _assert_all_or_nothing(data_dir, run, confirmed)
    assert saved > KILLS  # the bursts did real work between the kills


@pytest.mark.no_database
def test_sigkill_on_an_encrypted_database(data_dir: Path) -> None:
    pytest.importorskip("sqlcipher3")
    created = open_app(str(data_dir), "Stromausfall-2026")
    app_settings.set_person(created, *TEST_PERSON)
    created.db.close()
    rng = random.Random(9)
    for kill in range(4):
        run = f"geheim{kill}"
        proc = _start(data_dir, run, "burst", "Stromausfall-2026")
        confirmed = _kill_at_random(proc, rng)
        ctx = open_app(str(data_dir), "Stromausfall-2026")
        try:
            assert run_check(ctx).ok
            conn = ctx.db.connect_raw(readonly=True)
            batches = _batches(conn, run)
            conn.close()
        finally:
            ctx.db.close()
        assert set(confirmed) <= set(batches)
        assert all(v == (1, batch_size(n), 1) for n, v in batches.items())


def test_sigkill_during_backup_and_restore_leaves_usable_files(data_dir: Path) -> None:
    from dpo_desk.services.safety.backup import list_backups
    from dpo_desk.store.backup import verify_backup

    open_app(str(data_dir)).db.close()
    rng = random.Random(10)
    for _kill in range(5):
        _kill_at_random(_start(data_dir, "sicherung", "backup"), rng)
        ctx = open_app(str(data_dir))
        try:
            assert run_check(ctx).ok
            entries = list_backups(ctx)
            assert entries and all(e.problem is None for e in entries)
            for entry in entries:  # every backup under its final name is whole
                verify_backup(entry.path, None)
        finally:
            ctx.db.close()


@pytest.mark.no_database
# Every change re-keys every backup made so far, so the steps grow longer (0.3 s to 1.5 s
# here, four times that on a loaded machine): the run-wide 120 s would cut it off.
@pytest.mark.timeout(600)
def test_sigkill_while_changing_the_passphrase_leaves_one_usable_database(
    data_dir: Path,
) -> None:
    pytest.importorskip("sqlcipher3")
    from dpo_desk.services.schools import list_schools
    from dpo_desk.store.database import WrongPassphrase

    first, second = "Erste-Passphrase", "Zweite-Passphrase"
    ctx = open_app(str(data_dir), first)
    app_settings.set_person(ctx, *TEST_PERSON)
    with ctx.unit_of_work() as uow:
        uow.session.add(School(name="Bleibt da", state="NW"))
    ctx.db.close()
    rng = random.Random(11)
    current = first
    for _kill in range(4):
        other = second if current == first else first
        _kill_at_random(_start(data_dir, "schluessel", "rekey", current, other), rng)
        for candidate in (first, second):
            try:
                ctx = open_app(str(data_dir), candidate)
            except WrongPassphrase:
                continue
            break
        else:
            pytest.fail("Die Datenbank öffnet mit keiner der beiden Passphrasen.")
        try:
            assert run_check(ctx).ok
            assert [s.name for s in list_schools(ctx)] == ["Bleibt da"]
        finally:
            ctx.db.close()
        current = candidate
