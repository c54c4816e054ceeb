from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from dpo_desk.core.validation import ValidationError
from dpo_desk.services.demo import load_demo
from dpo_desk.services.roster import students as roster
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.store.models import AuditEvent

HEAD = "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse;Erziehungsberechtigte"


@pytest.fixture
def filled(ctx, school_id, tmp_path: Path) -> int:
    path = tmp_path / "liste.csv"
    path.write_text(
        "\n".join(
            [
                HEAD,
                "1;Zimmermann;Paul;03.04.2014;7b;Eva Zimmermann",
                "2;Çelik;Zeynep;01.02.2014;7b;",
                "3;Wiśniewska;Zofia;12.12.2012;8a;",
                "4;van der Berg;Lotte;05.05.2015;5a;",
            ]
        ),
        encoding="utf-8",
    )
    apply_import(ctx, prepare_import(ctx, school_id, path, "2026/27"))
    return school_id


def test_classes_come_in_grade_order_with_counts(ctx, filled) -> None:
    classes = roster.list_classes(ctx, filled)
    assert [(c.name, c.grade, c.student_count) for c in classes] == [
        ("5a", 5, 1),
        ("7b", 7, 2),
        ("8a", 8, 1),
    ]


def test_students_sorted_by_class_then_name_and_filtered_by_class(ctx, filled) -> None:
    rows = roster.list_students(ctx, filled)
    assert [r.last_name for r in rows] == ["van der Berg", "Çelik", "Zimmermann", "Wiśniewska"]
    assert [r.last_name for r in roster.list_students(ctx, filled, class_name="7B")] == [
        "Çelik",
        "Zimmermann",
    ]


@pytest.mark.both_backends
def test_edit_student_is_audited_and_moves_class(ctx, filled) -> None:
    student = roster.list_students(ctx, filled, class_name="7b")[0]
    detail = roster.get_student(ctx, student.id)
    edit = roster.StudentEdit(
        last_name="Çelik-Öztürk",
        first_names=detail.first_names,
        birth_date=detail.birth_date,
        external_id=detail.external_id,
        guardian_1="Ayşe Çelik",
        class_name="7c",
    )
    after = roster.update_student(ctx, student.id, edit)
    assert (after.last_name, after.class_name, after.guardian_1) == (
        "Çelik-Öztürk",
        "7c",
        "Ayşe Çelik",
    )
    assert [c.name for c in roster.list_classes(ctx, filled)] == ["5a", "7b", "7c", "8a"]
    with ctx.reading() as session:
        changes = session.scalars(
            select(AuditEvent.changes).where(
                AuditEvent.entity_id == student.id, AuditEvent.action == "update"
            )
        ).one()
    assert changes["last_name"] == ["Çelik", "Çelik-Öztürk"]
    assert changes["class"] == ["7b", "7c"]


def test_edit_with_empty_name_is_rejected(ctx, filled) -> None:
    student = roster.list_students(ctx, filled)[0]
    with pytest.raises(ValidationError, match="Nachname: Bitte ausfüllen"):
        roster.update_student(ctx, student.id, roster.StudentEdit(" ", "Lotte", student.birth_date))


@pytest.mark.both_backends
def test_mark_left_keeps_the_record_and_can_be_undone(ctx, filled) -> None:
    student = roster.list_students(ctx, filled)[0]
    detail = roster.mark_left(ctx, student.id, date(2026, 11, 30))
    assert (detail.status, detail.left_on) == ("left", date(2026, 11, 30))
    assert student.id not in [s.id for s in roster.list_students(ctx, filled)]
    assert roster.list_classes(ctx, filled)[0].student_count == 0
    assert roster.mark_active(ctx, student.id).status == "active"
    with pytest.raises(ValidationError, match="vor dem Geburtsdatum"):
        roster.mark_left(ctx, student.id, date(2000, 1, 1))


@pytest.mark.both_backends
def test_demo_rosters_are_diverse_deterministic_and_rerunnable(ctx, demo) -> None:
    small, large = (s.id for s in demo.schools)
    small_rows = roster.list_students(ctx, small)
    large_rows = roster.list_students(ctx, large)
    assert len(small_rows) == 200
    assert len(large_rows) == 1200
    assert {c.grade for c in roster.list_classes(ctx, small)} == {1, 2, 3, 4}
    assert {c.grade for c in roster.list_classes(ctx, large)} == set(range(5, 14))
    letters = "".join(r.last_name + r.first_names for r in small_rows + large_rows)
    for letter in "şıłễćĐ'-":
        assert letter in letters
    assert any(r.last_name.startswith(("van ", "von ")) for r in large_rows + small_rows)
    load_demo(ctx)
    assert len(roster.list_students(ctx, large, include_left=True)) == 1200
    first = [(r.external_id, r.last_name) for r in large_rows[:20]]
    assert first == [(r.external_id, r.last_name) for r in roster.list_students(ctx, large)[:20]]
