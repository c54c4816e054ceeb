"""0012_accountability: every stored older database gets its change log sealed into the
hash chain (in id order, values untouched), which ``check`` then verifies; new entries
continue the chain."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services.safety.check import run_check
from dpo_desk.services.settings import USER_NAME, write

DATA = Path(__file__).resolve().parents[1] / "data"
STORED = sorted(DATA.glob("schema_*.sqlite"))


@pytest.mark.parametrize("stored", STORED, ids=[p.stem for p in STORED])
def test_old_change_log_is_sealed_and_verifies(stored: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "daten"
    data_dir.mkdir()
    database = data_dir / "dpo_desk.sqlite"
    shutil.copy(stored, database)
    with closing(sqlite3.connect(database)) as conn:
        before = conn.execute("SELECT id, actor, changes FROM audit_event ORDER BY id").fetchall()
    ctx = open_app(str(data_dir))
    try:
        with ctx.acting_as("Nach dem Update"):  # an old file names nobody yet
            write(ctx, USER_NAME, "Nach dem Update")
        report = run_check(ctx)
        assert report.ok, report.problems
        line = next(c for c in report.checks if c.startswith("Protokoll-Kette geprüft"))
        assert f"{len(before) + 1} Einträge" in line
    finally:
        ctx.db.close()
    with closing(sqlite3.connect(database)) as conn:
        after = conn.execute(
            "SELECT id, actor, changes FROM audit_event ORDER BY id LIMIT ?", (len(before),)
        ).fetchall()
        unsealed = conn.execute("SELECT count(*) FROM audit_event WHERE chain_hash = ''")
        assert unsealed.fetchone() == (0,)
    assert after == before
