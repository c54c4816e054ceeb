"""The writing steps of a roster import and of student edits; run inside one unit of work."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from dpo_desk.importers.rows import RosterRow
from dpo_desk.services.context import UnitOfWork
from dpo_desk.services.roster.plan import KnownStudent, Plan
from dpo_desk.store.base import utc_now
from dpo_desk.store.bulk import insert_rows
from dpo_desk.store.models import Enrolment, RosterMapping, SchoolClass, Student
from dpo_desk.store.models.roster import STUDENT_ACTIVE, STUDENT_LEFT


def ensure_classes(uow: UnitOfWork, school_id: int, year: str, plan: Plan) -> dict[str, int]:
    session = uow.session
    existing = _class_ids(session, school_id, year)
    wanted = {row.class_name: row.grade for row in plan.creates}
    wanted.update({row.class_name: row.grade for row, _, _ in plan.updates})
    wanted.update({row.class_name: row.grade for row, _ in plan.unchanged})
    created = [(name, grade) for name, grade in sorted(wanted.items()) if name not in existing]
    insert_rows(
        session,
        SchoolClass.__table__,
        [
            {"school_id": school_id, "school_year": year, "name": name, "grade": grade}
            for name, grade in created
        ],
    )
    if created:
        existing = _class_ids(session, school_id, year)
    for name, grade in created:
        uow.audit(
            "school_class",
            existing[name],
            "create",
            {"name": name, "grade": grade, "school_year": year},
            school_id=school_id,
        )
    return existing


def _class_ids(session: Session, school_id: int, year: str) -> dict[str, int]:
    query = select(SchoolClass.name, SchoolClass.id).where(
        SchoolClass.school_id == school_id, SchoolClass.school_year == year
    )
    return {name: class_id for name, class_id in session.execute(query)}


def create_students(
    uow: UnitOfWork, school_id: int, year: str, rows: list[RosterRow], classes: dict[str, int]
) -> int:
    if not rows:
        return 0
    # Driver-level executemany (``store.bulk``). The new ids are those above the largest
    # id before: the transaction holds the write lock, so no one else inserts meanwhile;
    # each is matched back by name and birth date, unique among the rows created
    # (duplicates in the file are refused).
    session = uow.session
    now = utc_now()
    before = session.scalar(select(func.coalesce(func.max(Student.id), 0)))
    insert_rows(
        session,
        Student.__table__,
        [
            {
                "school_id": school_id,
                "external_id": row.external_id,
                "last_name": row.last_name,
                "first_names": row.first_names,
                "birth_date": row.birth_date,
                "status": STUDENT_ACTIVE,
                "left_on": None,
                "guardian_1": row.guardian_1,
                "guardian_2": row.guardian_2,
                "created_at": now,
                "updated_at": now,
            }
            for row in rows
        ],
    )
    created = session.execute(
        select(Student.id, Student.last_name, Student.first_names, Student.birth_date).where(
            Student.id > before
        )
    ).all()
    by_person = {(r.last_name, r.first_names, r.birth_date): r.id for r in created}
    if len(by_person) != len(rows) or len(created) != len(rows):
        raise RuntimeError("roster import: the new students are not told apart by name and date")
    ids = [by_person[(row.last_name, row.first_names, row.birth_date)] for row in rows]
    insert_rows(
        session,
        Enrolment.__table__,
        [
            {"student_id": sid, "class_id": classes[row.class_name], "school_year": year}
            for sid, row in zip(ids, rows, strict=True)
        ],
    )
    for student_id, row in zip(ids, rows, strict=True):
        uow.audit(
            "student",
            student_id,
            "create",
            {
                "external_id": row.external_id,
                "last_name": row.last_name,
                "first_names": row.first_names,
                "birth_date": row.birth_date.isoformat() if row.birth_date else None,
                "class": row.class_name,
                "school_year": year,
            },
            school_id=school_id,
        )
    return len(ids)


def update_student_from_row(
    uow: UnitOfWork,
    school_id: int,
    year: str,
    row: RosterRow,
    known: KnownStudent,
    changes: dict[str, list],
    classes: dict[str, int],
) -> None:
    session = uow.session
    student = session.get(Student, known.id)
    assert student is not None
    for name in ("external_id", "last_name", "first_names", "birth_date"):
        if name in changes:
            setattr(student, name, getattr(row, name))
    for name in ("guardian_1", "guardian_2"):
        if name in changes:
            setattr(student, name, getattr(row, name))
    if "status" in changes:
        student.status = STUDENT_ACTIVE
        student.left_on = None
    if "class" in changes:
        set_enrolment(session, student.id, year, classes[row.class_name])
    uow.audit("student", student.id, "update", changes | {"school_year": year}, school_id)


def set_enrolment(session: Session, student_id: int, year: str, class_id: int) -> None:
    enrolment = session.scalar(
        select(Enrolment).where(Enrolment.student_id == student_id, Enrolment.school_year == year)
    )
    if enrolment is None:
        session.add(Enrolment(student_id=student_id, class_id=class_id, school_year=year))
    else:
        enrolment.class_id = class_id


def mark_left_in(uow: UnitOfWork, school_id: int, known: KnownStudent, left_on: date) -> None:
    student = uow.session.get(Student, known.id)
    assert student is not None
    student.status = STUDENT_LEFT
    student.left_on = left_on
    uow.audit(
        "student",
        student.id,
        "update",
        {"status": [STUDENT_ACTIVE, STUDENT_LEFT], "left_on": [None, left_on.isoformat()]},
        school_id=school_id,
    )


def remember_mapping_in(uow: UnitOfWork, school_id: int, mapping: dict[str, str]) -> None:
    stored = uow.session.get(RosterMapping, school_id)
    before = dict(stored.mapping) if stored else {}
    after = before | mapping
    if after == before:
        return
    if stored is None:
        uow.session.add(RosterMapping(school_id=school_id, mapping=after))
    else:
        stored.mapping = after
    uow.audit("roster_mapping", school_id, "update", {"mapping": [before, after]}, school_id)


def drop_empty_classes(uow: UnitOfWork, school_id: int, year: str) -> None:
    """Classes of ``year`` that no student (active or left) belongs to any more, e.g. after a
    corrected class name. Classes of older years are history and stay."""
    session = uow.session
    empty = session.scalars(
        select(SchoolClass).where(
            SchoolClass.school_id == school_id,
            SchoolClass.school_year == year,
            ~exists().where(Enrolment.class_id == SchoolClass.id),
        )
    ).all()
    for school_class in empty:
        uow.audit(
            "school_class",
            school_class.id,
            "delete",
            {"name": school_class.name, "school_year": year},
            school_id=school_id,
        )
        session.delete(school_class)
