"""The integrity check finds what is really wrong, says it in German, and passes clean data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.check import invariant_problems, quick_check, run_check

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def test_demo_data_passes_all_checks(ctx: ServiceContext, demo) -> None:
    report = run_check(ctx)
    assert report.ok, report.text()
    assert "in Ordnung" in report.text()
    assert quick_check(ctx).ok


def test_dangling_reference_is_reported(ctx: ServiceContext, school_id: int) -> None:
    _sql(
        ctx.db.path,
        "PRAGMA foreign_keys = OFF",
        "INSERT INTO audit_event (occurred_at, actor, school_id, entity_type, action, changes)"
        " VALUES ('2026-11-23 08:00:00', 'x', 999, 'school', 'update', '{}')",
    )
    report = run_check(ctx)
    assert not report.ok
    assert any("audit_event" in p and "school" in p for p in report.problems)
    assert "Sicherung" in report.text()


def test_audit_events_out_of_order_are_reported(ctx: ServiceContext, school_id: int) -> None:
    _sql(
        ctx.db.path,
        "INSERT INTO audit_event (occurred_at, actor, entity_type, action, changes)"
        " VALUES ('2020-01-01 08:00:00', 'x', 'school', 'update', '{}')",
    )
    report = run_check(ctx)
    assert any("älter als der vorhergehende" in p for p in report.problems)


def test_student_in_two_classes_of_one_year_is_reported(ctx: ServiceContext, demo) -> None:
    conn = sqlite3.connect(ctx.db.path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    if "enrolment" not in tables:
        pytest.skip("the roster area is not in this schema yet")
    _sql(
        ctx.db.path,
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE enrolment_copy AS SELECT * FROM enrolment",
        "DROP TABLE enrolment",
        "ALTER TABLE enrolment_copy RENAME TO enrolment",
        "INSERT INTO enrolment (id, student_id, class_id, school_year) SELECT "
        "(SELECT max(id) + 1 FROM enrolment), student_id, class_id, school_year "
        "FROM enrolment LIMIT 1",
    )
    report = run_check(ctx)
    # The copy lost its constraints and indexes: the check names the altered schema first.
    assert any("weicht vom Schema" in p and "enrolment" in p for p in report.problems)
    conn = sqlite3.connect(ctx.db.path)
    try:
        assert any("in mehreren Klassen" in p for p in invariant_problems(conn))
    finally:
        conn.close()


def test_damaged_file_structure_is_reported(ctx: ServiceContext, school_id: int) -> None:
    ctx.db.engine.dispose()
    conn = sqlite3.connect(ctx.db.path)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='school'").fetchone()
    conn.close()
    with ctx.db.path.open("r+b") as handle:  # scribble over the school table's page
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)
    report = run_check(ctx)
    assert not report.ok
    assert any("beschädigt" in p for p in report.problems)


def test_consent_without_its_text_version_is_reported() -> None:
    from dpo_desk.services.safety.check import CheckReport, _consent_versions, _tables

    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE consent_template_version (id INTEGER PRIMARY KEY, template_id INTEGER);
        CREATE TABLE consent_event (
            id INTEGER PRIMARY KEY, template_id INTEGER,
            version_id INTEGER REFERENCES consent_template_version(id));
        INSERT INTO consent_template_version VALUES (1, 10), (2, 20);
        INSERT INTO consent_event VALUES (1, 10, 1);    -- fine
        INSERT INTO consent_event VALUES (2, 10, 2);    -- version of another template
        INSERT INTO consent_event VALUES (3, 10, 99);   -- version does not exist
        INSERT INTO consent_event VALUES (4, 10, NULL); -- no version at all
        """
    )
    report = CheckReport()
    _consent_versions(conn, _tables(conn), report)
    conn.close()
    reported = sorted(int(p.split()[1]) for p in report.problems)
    assert reported == [2, 3, 4]
    assert all("keine vorhandene Textfassung" in p for p in report.problems)
