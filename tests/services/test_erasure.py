"""Person löschen: master data, classes, consent entries and proof go in one transaction;
the change log keeps its entries with blanked values ("gelöscht am … von …") and a chain
that still verifies; no copy of the names is left in the database file, its WAL or the log
folder; the plan names the backups still holding the person and when they rotate out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dpo_desk.core.consent.values import SignerRole
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.audit.log import load_log
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.erasure.leavers import due_leavers, erase_due_leavers
from dpo_desk.services.erasure.service import erase_student, erasure_plan
from dpo_desk.services.errors import RecordGone, StaleEdit
from dpo_desk.services.roster import students as roster
from dpo_desk.services.safety.backup import create_backup
from dpo_desk.services.safety.check import run_check
from dpo_desk.services.settings import set_person
from dpo_desk.store.models import AuditEvent, ConsentEvent, Enrolment, Student
from tests.services.consent_support import TODAY, fill_school

KEY = "videokonferenzen"
LAST, FIRST, GUARDIAN = "Tschernowitz-Ærø", "Jörg-Quirin", "Waltraud Tschernowitz-Ærø"
NAMES = (LAST, FIRST, GUARDIAN, "Tschernowitz")


def spellings(name: str) -> list[bytes]:
    return [name.encode("utf-8"), json.dumps(name)[1:-1].encode("ascii")]


def traces_in(folder: Path) -> list[str]:
    """Every file of the data folder (database, WAL, logs; not the backups) naming them."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or "backups" in path.parts:
            continue
        data = path.read_bytes()
        found += [f"{path.name}: {n}" for n in NAMES for s in spellings(n) if s in data]
    return found


@pytest.fixture
def person(ctx, school_id, tmp_path: Path) -> dict[str, int]:
    ids = fill_school(
        ctx, school_id, tmp_path, extra=[f"77;{LAST};{FIRST};09.09.2013;7b;{GUARDIAN}"]
    )
    if not ctx.server_mode:  # on the server the signed-in person works
        set_person(ctx, "Frau Berg", "Sekretariat")
    target = next(s.id for s in roster.list_students(ctx, school_id) if s.last_name == LAST)
    entry = FormEntry(
        target,
        {"audio": True, "video": False},
        TODAY,
        TODAY,
        frozenset({SignerRole.GUARDIANS}),
        note=f"abgegeben von {GUARDIAN}",
    )
    record_form(ctx, school_id, KEY, entry, on=TODAY)
    detail = roster.get_student(ctx, target)
    edit = roster.StudentEdit(LAST, FIRST, detail.birth_date, "77", GUARDIAN, "", "10a")
    roster.update_student(ctx, target, edit, detail.row_version)
    return ids | {"target": target}


def sibling_school(ctx, school_id, tmp_path) -> dict[str, int]:
    ids = fill_school(
        ctx,
        school_id,
        tmp_path,
        extra=[f"77;{LAST};{FIRST};09.09.2013;7b;{GUARDIAN}", f"78;{LAST};Mia;01.01.2015;5a;"],
    )
    target = next(s.id for s in roster.list_students(ctx, school_id) if s.first_names == FIRST)
    return ids | {"target": target}


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_the_plan_names_what_goes_and_the_backups_holding_the_person(ctx, person) -> None:
    create_backup(ctx, "manuell")
    plan = erasure_plan(ctx, person["target"])
    text = "\n".join(plan.lines())
    assert f"{FIRST} {LAST}, geboren 09.09.2013" in text
    assert "Stammdaten (Name, Geburtsdatum" in text
    assert "Einwilligungs-Einträge (Erklärungen, Widerrufe, Korrekturen) mit Nachweis: 1" in text
    assert "Klassenzuordnungen (je Schuljahr): 1" in text
    assert plan.audit_entries >= 3  # created, updated, the consent entry
    assert "Noch in 1 Sicherung(en) im Sicherungsordner enthalten" in text
    assert "wird voraussichtlich am" in text


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_erasure_leaves_no_copy_in_database_wal_or_logs(ctx, person, data_dir) -> None:
    from dpo_desk.app import setup_logging

    setup_logging(ctx.paths)
    assert traces_in(data_dir)  # before: the names are there
    result = erase_student(ctx, person["target"], reason="Antrag A-2027-004")
    assert result.traces.clean, result.traces.leftovers
    assert result.erased == 1 and result.rows == 3  # student, enrolment, consent entry
    assert traces_in(data_dir) == []
    wal = data_dir / "dpo_desk.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    with ctx.reading() as session:
        assert session.get(Student, person["target"]) is None
        for model in (ConsentEvent, Enrolment):
            count = select(func.count()).select_from(model)
            assert session.scalar(count.where(model.student_id == person["target"])) == 0
    # The other students and their data stay.
    assert len(roster.list_students(ctx, roster_school(ctx, person))) == 6


def roster_school(ctx, person) -> int:
    return roster.get_student(ctx, person["Becker"]).school_id


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_change_log_entries_stay_blanked_and_the_chain_verifies(ctx, person) -> None:
    erase_student(ctx, person["target"], reason="Antrag A-2027-004")
    rows = [r for r in load_log(ctx) if r.erased_at is not None]
    assert len(rows) >= 3
    assert all(r.erased_by == "Frau Berg (Sekretariat)" for r in rows)
    assert all(set(r.changes.values()) == {None} for r in rows)
    assert all(r.record.endswith("(gelöscht)") or "Nr." in r.record for r in rows)
    erasure = next(r for r in load_log(ctx) if r.action == "erase" and r.entity_type == "student")
    assert erasure.changes["reason"] == "Antrag A-2027-004"
    assert sorted(erasure.changes["blanked_events"]) == sorted(r.id for r in rows)
    report = run_check(ctx)
    assert report.ok, report.problems
    assert any(f"davon {len(rows)} nach Löschung geleert" in c for c in report.checks)


def test_a_sibling_keeps_the_shared_last_name(ctx, school_id, tmp_path) -> None:
    person = sibling_school(ctx, school_id, tmp_path)
    result = erase_student(ctx, person["target"])
    assert result.traces.clean
    sibling = [s for s in roster.list_students(ctx, school_id) if s.last_name == LAST]
    assert [s.first_names for s in sibling] == ["Mia"]
    with ctx.reading() as session:
        texts = [json.dumps(c) for c in session.scalars(select(AuditEvent.changes))]
    assert any("Mia" in t for t in texts)  # the sibling's entries keep their values


def test_a_stale_or_vanished_student_is_not_erased(ctx, person) -> None:
    plan = erasure_plan(ctx, person["target"])
    roster.mark_left(ctx, person["target"], date(2026, 9, 1))
    with pytest.raises(StaleEdit):
        erase_student(ctx, person["target"], expected_version=plan.row_version)
    erase_student(ctx, person["target"])
    with pytest.raises(RecordGone):
        erase_student(ctx, person["target"])


def test_leavers_whose_retention_ended_are_erased_together(ctx, person, school_id) -> None:
    roster.mark_left(ctx, person["Becker"], date(2020, 3, 1))  # kept until 31.07.2021
    roster.mark_left(ctx, person["Yılmaz"], TODAY)  # still kept
    due = due_leavers(ctx, school_id)
    assert [(d.name, d.kept_until) for d in due] == [("Jonas Becker", date(2021, 7, 31))]
    result = erase_due_leavers(ctx, school_id, due)
    assert result.erased == 1
    assert due_leavers(ctx, school_id) == []
    with pytest.raises(ValidationError, match="Nicht mehr zur Löschung fällig"):
        erase_due_leavers(ctx, school_id, due)
    names = [s.last_name for s in roster.list_students(ctx, school_id, include_left=True)]
    assert "Becker" not in names and "Yılmaz" in names


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_erasing_expired_proof_blanks_the_log_copies_too(ctx, person, school_id) -> None:
    from dpo_desk.services.consent.retention import erase_expired_proof

    roster.mark_left(ctx, person["target"], date(2020, 3, 1))
    assert erase_expired_proof(ctx, school_id).count == 1
    with ctx.reading() as session:
        texts = [json.dumps(c) for c in session.scalars(select(AuditEvent.changes))]
    assert not any("abgegeben von" in t for t in texts)  # the form's note is gone
    assert run_check(ctx).ok
