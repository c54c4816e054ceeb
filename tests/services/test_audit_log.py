"""The change log as the viewer and ``audit list`` read it: who, when, which record by its
present name, the values before and after; filtered in one pass; exported to CSV/XLSX;
the check names a tampered or missing entry."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dpo_desk.core.audit.filtering import NO_SCHOOL, LogFilter, matching
from dpo_desk.services.audit.export import export_log
from dpo_desk.services.audit.log import load_log
from dpo_desk.services.roster import students as roster
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.safety.check import run_check
from dpo_desk.services.settings import USER_NAME, set_person, write

# Names typed in at the local file; on the server the log names the signed-in person
# (tests/postgres/test_access.py).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def logged(ctx, school_id, tmp_path: Path) -> int:
    """A roster imported by "Frau Berg", then one student renamed by "Herr Kaya"."""
    set_person(ctx, "Frau Berg", "Sekretariat")
    path = tmp_path / "liste.csv"
    path.write_text(
        "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse\n"
        "1;Yılmaz;Elif;03.04.2014;7b\n2;Nowak;Jan;01.02.2013;8a\n",
        encoding="utf-8",
    )
    apply_import(ctx, prepare_import(ctx, school_id, path, "2026/27"))
    set_person(ctx, "Herr Kaya", "Schulleitung")
    student = next(s for s in roster.list_students(ctx, school_id) if s.last_name == "Nowak")
    detail = roster.get_student(ctx, student.id)
    edit = roster.StudentEdit(
        last_name="Nowak-Weiß",
        first_names=detail.first_names,
        birth_date=detail.birth_date,
        external_id=detail.external_id,
        class_name=detail.class_name,
    )
    roster.update_student(ctx, student.id, edit, detail.row_version)
    return student.id


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_entries_name_who_the_record_and_old_and_new_values(ctx, logged) -> None:
    rows = load_log(ctx)
    newest = rows[0]
    assert newest.actor == "Herr Kaya (Schulleitung)"
    assert newest.record == "Schüler/in „Nowak-Weiß, Jan“"
    assert newest.school_name == "Testschule am See"
    assert newest.changes["last_name"] == ["Nowak", "Nowak-Weiß"]
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_filter_by_person_text_record_school_and_day(ctx, school_id, logged) -> None:
    rows = load_log(ctx)

    def ids(**wanted) -> list[int]:
        return [rows[i].id for i in matching(rows, LogFilter(**wanted))]

    # his rename, and naming himself (name and function) just before it
    assert ids(actor="Herr Kaya (Schulleitung)") == [r.id for r in rows[:3]]
    # case and accents ignored; the record's present name counts too
    assert ids(text="weiss") == [
        r.id for r in rows if r.entity_id == logged and r.entity_type == "student"
    ]
    assert ids(text="weiss kaya") == [rows[0].id]
    assert ids(text="yilmaz elif") != []
    assert set(ids(record=("student", logged))) == {
        r.id for r in rows if r.entity_type == "student" and r.entity_id == logged
    }
    assert len(ids(school=school_id)) == len([r for r in rows if r.school_id == school_id])
    assert ids(school=NO_SCHOOL) == [r.id for r in rows if r.school_id is None]
    today = rows[0].occurred_at.astimezone().date()
    assert len(ids(since=today, until=today)) == len(rows)
    assert ids(until=date(2000, 1, 1)) == []
    assert len(load_log(ctx, school_id=school_id, since=date(2000, 1, 1))) == len(
        [r for r in rows if r.school_id == school_id]
    )


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_export_has_one_line_per_field_with_before_and_after(ctx, logged, tmp_path) -> None:
    rows = load_log(ctx)[:1]
    written = export_log(rows, tmp_path / "protokoll.csv")
    lines = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert lines[0][-3:] == ["Feld", "Vorher", "Nachher"]
    assert ["Nachname", "Nowak", "Nowak-Weiß"] in [line[-3:] for line in lines]
    book = load_workbook(export_log(rows, tmp_path / "protokoll.xlsx"), read_only=True)
    values = [tuple(r) for r in book.active.iter_rows(values_only=True)]
    assert ("Nachname", "Nowak", "Nowak-Weiß") in [v[-3:] for v in values]
    assert values[1][2] == "Herr Kaya (Schulleitung)"


def test_export_neutralises_formulas(ctx, school_id, tmp_path) -> None:
    write(ctx, USER_NAME, "=HYPERLINK(1)")
    set_person(ctx, "Frau Berg", "Sekretariat")
    rows = load_log(ctx)
    book = load_workbook(export_log(rows, tmp_path / "p.xlsx"))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells


def test_export_refuses_other_file_types(ctx, logged, tmp_path) -> None:
    from dpo_desk.core.validation import ValidationError

    with pytest.raises(ValidationError, match=r"\.csv oder \.xlsx"):
        export_log(load_log(ctx), tmp_path / "protokoll.pdf")


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_check_names_a_changed_and_a_deleted_entry(ctx, logged, data_dir) -> None:
    report = run_check(ctx)
    assert report.ok, report.problems
    assert any("Protokoll-Kette geprüft" in c for c in report.checks)
    database = data_dir / "dpo_desk.sqlite"
    with sqlite3.connect(database) as conn:
        (target,) = conn.execute(
            "SELECT min(id) FROM audit_event WHERE changes LIKE '%Nowak%'"
        ).fetchone()
        conn.execute(
            "UPDATE audit_event SET changes = replace(changes, 'Nowak', 'Novak') WHERE id = ?",
            (target,),
        )
    problems = run_check(ctx).problems
    assert problems == [
        f"Protokolleintrag {target} wurde nachträglich verändert (sein Prüfwert stimmt nicht mehr)."
    ]


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_check_names_the_gap_of_a_deleted_entry(ctx, logged, data_dir) -> None:
    with sqlite3.connect(data_dir / "dpo_desk.sqlite") as conn:
        (last,) = conn.execute("SELECT max(id) FROM audit_event").fetchone()
        conn.execute("DELETE FROM audit_event WHERE id = ?", (last - 1,))
    (problem,) = run_check(ctx).problems
    assert f"zwischen Eintrag {last - 2} und Eintrag {last}" in problem


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_every_entry_of_the_demo_reads_in_german(ctx, demo) -> None:
    """Record kinds, areas, actions and field names of every area (breaches and requests
    too) have German names: nothing in the log shows a column name."""
    from dpo_desk.core.audit.reading import action_label, entity_label, field_label
    from dpo_desk.services.audit.log import area_label, area_of

    conn = sqlite3.connect(ctx.db.path)
    try:
        rows = conn.execute("SELECT DISTINCT entity_type, action, changes FROM audit_event")
        raw: set[str] = set()
        for entity_type, action, changes in rows:
            if entity_label(entity_type) == entity_type:
                raw.add(f"Datensatz {entity_type}")
            if action_label(action) == action:
                raw.add(f"Aktion {action}")
            if area_label(area_of(entity_type)) == area_of(entity_type):
                raw.add(f"Bereich {area_of(entity_type)}")
            values = json.loads(changes) if changes else {}
            for key in values if isinstance(values, dict) else ():
                if field_label(key, entity_type) == key:
                    raw.add(f"Feld {key} ({entity_type})")
    finally:
        conn.close()
    assert sorted(raw) == []
