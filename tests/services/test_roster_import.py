from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dpo_desk.core.validation import ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.roster import students as roster
from dpo_desk.services.roster.importing import (
    apply_import,
    prepare_import,
    remembered_mapping,
    summary_lines,
)
from dpo_desk.store.models import AuditEvent, Student

DATA = Path(__file__).resolve().parents[1] / "data" / "roster"
HEAD = "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse;Religion"


def csv_file(tmp_path: Path, *lines: str, name: str = "liste.csv", head: str = HEAD) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def imported(ctx: ServiceContext, school_id: int, path: Path, year: str = "2026/27", **kw):
    preview = prepare_import(ctx, school_id, path, year)
    return preview, apply_import(ctx, preview, **kw)


def students_in_db(ctx: ServiceContext) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count(Student.id))) or 0


FIRST = (
    "1;Yılmaz;Elif;03.04.2014;7b;islam",
    "2;Nowak;Jan;01.02.2013;8a;rk",
    "3;Nguyễn;Văn Đức;12.12.2013;7b;",
)


def test_preview_says_what_will_happen_and_writes_nothing(ctx, school_id, tmp_path) -> None:
    preview = prepare_import(ctx, school_id, csv_file(tmp_path, *FIRST), "2026/27")
    assert (len(preview.new), len(preview.changed), preview.unchanged) == (3, 0, 0)
    assert preview.ignored_columns == ["Religion"]
    assert any(
        "Nicht übernommen (Datensparsamkeit): „Religion“" in s for s in summary_lines(preview)
    )
    assert students_in_db(ctx) == 0


@pytest.mark.both_backends
def test_first_import_creates_students_classes_and_audit(ctx, school_id, tmp_path) -> None:
    _, result = imported(ctx, school_id, csv_file(tmp_path, *FIRST))
    assert result.created == 3
    classes = {c.name: c.student_count for c in roster.list_classes(ctx, school_id)}
    assert classes == {"7b": 2, "8a": 1}
    with ctx.reading() as session:
        actions = session.execute(
            select(AuditEvent.entity_type, func.count()).group_by(AuditEvent.entity_type)
        ).all()
    assert dict(actions)["student"] == 3
    assert dict(actions)["school_class"] == 2
    assert dict(actions)["roster_import"] == 1


def test_cp1252_export_with_extra_columns(ctx, school_id) -> None:
    preview, _ = imported(ctx, school_id, DATA / "schulverwaltung_cp1252.csv")
    assert "Windows-1252" in preview.file_kind
    assert preview.ignored_columns == ["Geschlecht", "Konfession", "Straße"]
    names = [s.last_name for s in roster.list_students(ctx, school_id)]
    assert names == ["Müller", "Schäfer", "Groß, geb. Klein", "Weiß"]


@pytest.mark.both_backends
def test_any_error_rejects_the_whole_file(ctx, school_id, tmp_path) -> None:
    path = csv_file(tmp_path, *FIRST, "4;Kaya;Ali;31.02.2014;7b;")
    preview = prepare_import(ctx, school_id, path, "2026/27")
    with pytest.raises(ValidationError) as caught:
        apply_import(ctx, preview)
    assert caught.value.problems[0].message.startswith("Zeile 5, Spalte „Geburtsdatum“")
    assert students_in_db(ctx) == 0


def test_valid_rows_only_imports_the_rest_and_returns_the_left_out(ctx, school_id, tmp_path):
    path = csv_file(tmp_path, *FIRST, "4;Kaya;Ali;31.02.2014;7b;", "5;;Can;01.01.2014;7b;")
    _, result = imported(ctx, school_id, path, valid_rows_only=True)
    assert result.created == 3
    assert [row.line for row in result.left_out] == [5, 6]
    assert students_in_db(ctx) == 3


@pytest.mark.both_backends
def test_reimport_updates_instead_of_duplicating(ctx, school_id, tmp_path) -> None:
    imported(ctx, school_id, csv_file(tmp_path, *FIRST))
    second = csv_file(
        tmp_path,
        "1;Yılmaz-Kaya;Elif;03.04.2014;7b;",
        "2;Nowak;Jan;01.02.2013;8b;",
        "3;Nguyễn;Văn Đức;12.12.2013;7b;",
        name="neu.csv",
    )
    preview, _ = imported(ctx, school_id, second)
    assert (len(preview.new), len(preview.changed), preview.unchanged) == (0, 2, 1)
    assert preview.changed[0].changes["last_name"] == ["Yılmaz", "Yılmaz-Kaya"]
    assert preview.changed[1].changes["class"] == ["8a", "8b"]
    assert students_in_db(ctx) == 3
    rows = {s.external_id: s for s in roster.list_students(ctx, school_id)}
    assert rows["2"].class_name == "8b"
    with ctx.reading() as session:
        updates = session.scalars(
            select(AuditEvent.changes).where(
                AuditEvent.entity_type == "student", AuditEvent.action == "update"
            )
        ).all()
    assert {"last_name": ["Yılmaz", "Yılmaz-Kaya"], "school_year": "2026/27"} in updates


def test_without_ids_students_match_by_name_and_birth_date(ctx, school_id, tmp_path) -> None:
    head = "Name;Vorname;Geb.-Datum;Klasse"
    imported(ctx, school_id, csv_file(tmp_path, "Weiß;Käthe;01.01.2014;7a", head=head))
    again = csv_file(tmp_path, "weiß;Käthe;1.1.2014;7c", head=head, name="b.csv")
    preview, _ = imported(ctx, school_id, again)
    assert (len(preview.new), len(preview.changed)) == (0, 1)
    assert students_in_db(ctx) == 1


def test_missing_students_are_offered_as_leavers_never_deleted(ctx, school_id, tmp_path):
    imported(ctx, school_id, csv_file(tmp_path, *FIRST))
    preview = prepare_import(ctx, school_id, csv_file(tmp_path, *FIRST[:2], name="b.csv"))
    assert [lv.name for lv in preview.leavers] == ["Nguyễn, Văn Đức"]
    apply_import(ctx, preview)  # no leaving date given: nothing changes for the leaver
    assert len(roster.list_students(ctx, school_id)) == 3
    preview = prepare_import(ctx, school_id, csv_file(tmp_path, *FIRST[:2], name="c.csv"))
    result = apply_import(ctx, preview, leavers_left_on=date(2026, 12, 18))
    assert result.marked_left == 1
    active = roster.list_students(ctx, school_id)
    everyone = roster.list_students(ctx, school_id, include_left=True)
    assert len(active) == 2 and len(everyone) == 3
    left = next(s for s in everyone if s.status == "left")
    assert left.left_on == date(2026, 12, 18)


@pytest.mark.both_backends
def test_school_year_change_keeps_old_classes_and_marks_leavers(ctx, school_id, tmp_path):
    imported(ctx, school_id, csv_file(tmp_path, *FIRST))
    promoted = csv_file(
        tmp_path,
        "1;Yılmaz;Elif;03.04.2014;8b;",
        "2;Nowak;Jan;01.02.2013;9a;",
        "9;Haddad;Amira;05.05.2016;5c;",
        name="neu.csv",
    )
    preview = prepare_import(ctx, school_id, promoted, "2027/28")
    assert preview.year_change
    assert preview.default_leaving_date == date(2027, 7, 31)
    apply_import(ctx, preview, leavers_left_on=preview.default_leaving_date)
    assert roster.school_years(ctx, school_id) == ["2027/28", "2026/27"]
    assert [c.name for c in roster.list_classes(ctx, school_id)] == ["5c", "8b", "9a"]
    old = {c.name: c.student_count for c in roster.list_classes(ctx, school_id, "2026/27")}
    assert old == {"7b": 1, "8a": 1}  # the leaver no longer counts as active
    elif_ = next(s for s in roster.list_students(ctx, school_id) if s.external_id == "1")
    history = roster.get_student(ctx, elif_.id).history
    assert history == [("2026/27", "7b"), ("2027/28", "8b")]


def test_importing_into_an_older_school_year_is_refused(ctx, school_id, tmp_path) -> None:
    imported(ctx, school_id, csv_file(tmp_path, *FIRST))
    with pytest.raises(ValidationError, match="liegt vor dem aktuellen Schuljahr"):
        prepare_import(ctx, school_id, csv_file(tmp_path, *FIRST, name="b.csv"), "2025/26")


def test_missing_columns_name_what_is_there(ctx, school_id, tmp_path) -> None:
    path = csv_file(tmp_path, "Nowak;Jan;5a", head="Zuname;Vorname;Lerngruppe X")
    with pytest.raises(ValidationError) as caught:
        prepare_import(ctx, school_id, path)
    message = caught.value.problems[0].message
    assert "fehlen Spalten für „Geburtsdatum“, „Klasse“" in message
    assert "„Lerngruppe X“" in message


def test_mapping_is_remembered_per_school(ctx, school_id, tmp_path) -> None:
    head = "Zuname;Vorname;Datum;Gruppe"
    path = csv_file(tmp_path, "Nowak;Jan;01.02.2013;5a", head=head)
    mapping = {"birth_date": "Datum", "class": "Gruppe"}
    preview = prepare_import(ctx, school_id, path, "2026/27", mapping)
    apply_import(ctx, preview)
    assert remembered_mapping(ctx, school_id) == mapping
    again = prepare_import(
        ctx, school_id, csv_file(tmp_path, "Nowak;Jan;01.02.2013;5b", head=head, name="b.csv")
    )
    assert again.changed[0].changes["class"] == ["5a", "5b"]


def test_same_person_under_two_ids_is_caught_before_matching(ctx, school_id, tmp_path) -> None:
    imported(ctx, school_id, csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;8a;"))
    path = csv_file(
        tmp_path, "1;Nowak;Jan;01.02.2013;8a;", "77;Nowak;Jan;01.02.2013;8b;", name="b.csv"
    )
    preview = prepare_import(ctx, school_id, path)
    assert preview.rejected_lines == [2, 3]
    assert "dieselbe Person doppelt" in preview.problems[-1].text
    with pytest.raises(ValidationError):
        apply_import(ctx, preview)
    assert [s.class_name for s in roster.list_students(ctx, school_id)] == ["8a"]


def test_guardians_kept_when_the_new_file_has_no_such_column(ctx, school_id, tmp_path) -> None:
    head = "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse;Erziehungsberechtigter 1"
    imported(ctx, school_id, csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;8a;Ewa Nowak", head=head))
    again = csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;8a;", name="b.csv")
    preview, _ = imported(ctx, school_id, again)
    assert preview.unchanged == 1
    student = roster.list_students(ctx, school_id)[0]
    assert roster.get_student(ctx, student.id).guardian_1 == "Ewa Nowak"


def test_corrected_class_name_leaves_no_empty_class_behind(ctx, school_id, tmp_path) -> None:
    imported(ctx, school_id, csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;8 a;"))
    imported(ctx, school_id, csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;8a;", name="b.csv"))
    assert [c.name for c in roster.list_classes(ctx, school_id)] == ["8a"]
