"""Moving a school between two local files (the copier of ``dpo-desk move``) keeps both
change logs' hash chains whole: the school's entries are sealed anew at the target, and
removing it at the source leaves its entries there blanked, between the other school's,
with the chain check passing (the server's side: tests/postgres/test_moving_check.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dpo_desk.app import open_app
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.erasure.service import erase_students
from dpo_desk.services.moving.copy import copy_schools, remove_school
from dpo_desk.services.roster import students as roster
from dpo_desk.services.safety.check import run_check
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.store.models import AuditEvent
from tests.conftest import name_test_person, sample_profile
from tests.services.consent_support import fill_school

pytestmark = pytest.mark.sqlite_only  # two local files


def _chain_line(ctx: ServiceContext) -> str:
    report = run_check(ctx)
    assert report.ok, report.text()
    return next(line for line in report.checks if line.startswith("Protokoll-Kette"))


def test_moving_a_school_out_and_removing_it_keeps_both_chains(
    ctx, school_id, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    moved = fill_school(ctx, school_id, tmp_path / "a")
    other = create_school(ctx, sample_profile(name="Bleibt hier", school_number="222")).id
    fill_school(ctx, other, tmp_path / "b")  # entries of both schools interleave
    erase_students(ctx, [moved["Becker"]], reason="Antrag auf Löschung")
    target = open_app(str(tmp_path / "ziel"), local=True)
    try:
        name_test_person(target)
        create_school(target, sample_profile(name="Schon da", school_number="333"))
        report = copy_schools(ctx, target, [school_id])
        assert _chain_line(target).startswith("Protokoll-Kette geprüft")
        arrived = report.schools[0].target_id
        names = {s.last_name for s in roster.list_students(target, arrived)}
        assert names == set(moved) - {"Becker"}
    finally:
        target.db.close()
    remove_school(ctx, school_id)
    line = _chain_line(ctx)
    assert line.startswith("Protokoll-Kette geprüft") and "nach Löschung geleert" in line
    assert [s.name for s in list_schools(ctx)] == ["Bleibt hier"]
    with ctx.reading() as session:
        left = session.scalars(
            select(AuditEvent.changes).where(
                AuditEvent.school_id.is_(None), AuditEvent.erased_at.is_not(None)
            )
        ).all()
    assert left and not any("Zimmermann" in str(changes) for changes in left)
