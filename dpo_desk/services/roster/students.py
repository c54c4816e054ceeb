"""Students and classes of a school: listing, search, edit, marking as left.

The import itself lives in ``roster.importing``; this module is what the page and the
``roster list`` command read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from dpo_desk.core.dates import format_date
from dpo_desk.core.roster import (
    class_sort_key,
    clean_text,
    grade_of_class,
    name_text_problem,
    sort_key,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.heap import bulk_work
from dpo_desk.services.roster.importing import current_school_year
from dpo_desk.services.roster.writing import drop_empty_classes, set_enrolment
from dpo_desk.services.versions import (
    RecordGone,
    check_version,
    differences_between,
    mark_saved,
)
from dpo_desk.store.models import Enrolment, SchoolClass, Student
from dpo_desk.store.models.roster import STUDENT_ACTIVE, STUDENT_LEFT

STATUS_LABELS = {STUDENT_ACTIVE: "aktiv", STUDENT_LEFT: "abgegangen"}


@dataclass(frozen=True)
class ClassSummary:
    id: int
    name: str
    grade: int | None
    school_year: str
    student_count: int


@dataclass(frozen=True)
class StudentRow:
    id: int
    external_id: str
    last_name: str
    first_names: str
    birth_date: date
    class_name: str
    status: str
    left_on: date | None

    @property
    def key(self) -> str:
        return str(self.id)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "external_id": self.external_id,
            "last_name": self.last_name,
            "first_names": self.first_names,
            "birth_date": self.birth_date.isoformat(),
            "class": self.class_name,
            "status": self.status,
            "left_on": self.left_on.isoformat() if self.left_on else None,
        }


@dataclass(frozen=True)
class StudentDetail:
    id: int
    school_id: int
    external_id: str
    last_name: str
    first_names: str
    birth_date: date
    status: str
    left_on: date | None
    guardian_1: str
    guardian_2: str
    class_name: str
    school_year: str | None
    history: list[tuple[str, str]]  # (school year, class), oldest first
    row_version: int = 1
    changes: Changes = changes_field()


class Keep(Enum):
    """Leave a field as it is stored."""

    KEEP = "keep"


@dataclass
class StudentEdit:
    """What the student dialog saves. ``left_on``: the leaving date, None for an active
    student, ``Keep.KEEP`` to leave the status as it is."""

    last_name: str
    first_names: str
    birth_date: date
    external_id: str = ""
    guardian_1: str = ""
    guardian_2: str = ""
    class_name: str = ""
    left_on: date | Keep | None = Keep.KEEP


STUDENT_LABELS = {
    "external_id": "Schüler-ID",
    "last_name": "Nachname",
    "first_names": "Vorname(n)",
    "birth_date": "Geburtsdatum",
    "guardian_1": "Erziehungsberechtigte/r 1",
    "guardian_2": "Erziehungsberechtigte/r 2",
    "class": "Klasse",
    "status": "Status",
    "left_on": "Abgangsdatum",
}


def school_year_of_school(ctx: ServiceContext, school_id: int) -> str | None:
    with ctx.reading() as session:
        return current_school_year(session, school_id)


def school_years(ctx: ServiceContext, school_id: int) -> list[str]:
    with ctx.reading() as session:
        years = session.scalars(
            select(SchoolClass.school_year)
            .where(SchoolClass.school_id == school_id)
            .distinct()
            .order_by(SchoolClass.school_year.desc())
        )
        return list(years)


def list_classes(
    ctx: ServiceContext, school_id: int, school_year: str | None = None
) -> list[ClassSummary]:
    """The classes of a school year (default: the current one) with their active students."""
    with ctx.reading() as session:
        year = school_year or current_school_year(session, school_id)
        if year is None:
            return []
        active = func.sum(case((Student.status == STUDENT_ACTIVE, 1), else_=0))
        # Columns, not entities: a district has hundreds of classes, and loaded objects
        # cost bookkeeping (and expiring them when the session ends).
        rows = session.execute(
            select(
                SchoolClass.id,
                SchoolClass.name,
                SchoolClass.grade,
                SchoolClass.school_year,
                func.coalesce(active, 0),
            )
            .outerjoin(Enrolment, Enrolment.class_id == SchoolClass.id)
            .outerjoin(Student, Student.id == Enrolment.student_id)
            .where(SchoolClass.school_id == school_id, SchoolClass.school_year == year)
            .group_by(SchoolClass.id)
        ).all()
        result = [ClassSummary(i, name, grade, y, int(n)) for i, name, grade, y, n in rows]
    return sorted(result, key=lambda c: class_sort_key(c.name))


def list_students(
    ctx: ServiceContext,
    school_id: int,
    *,
    school_year: str | None = None,
    class_name: str | None = None,
    include_left: bool = False,
) -> list[StudentRow]:
    """Students with their class in the school year (default: current), sorted by class."""
    with bulk_work(), ctx.reading() as session:
        year = school_year or current_school_year(session, school_id)
        # Joined directly (not through a subquery of the year's enrolments, which SQLite
        # builds and indexes anew for every call): each student's enrolment is found by
        # its unique index (student, year).
        query = (
            select(
                Student.id,
                Student.external_id,
                Student.last_name,
                Student.first_names,
                Student.birth_date,
                func.coalesce(SchoolClass.name, ""),
                Student.status,
                Student.left_on,
            )
            .outerjoin(
                Enrolment,
                (Enrolment.student_id == Student.id) & (Enrolment.school_year == (year or "")),
            )
            .outerjoin(SchoolClass, SchoolClass.id == Enrolment.class_id)
            .where(Student.school_id == school_id)
        )
        if not include_left:
            query = query.where(Student.status == STUDENT_ACTIVE)
        if class_name:
            query = query.where(func.lower(SchoolClass.name) == class_name.strip().lower())
        # Plain rows through the connection (the ORM's row handling is not needed here).
        rows = [StudentRow(*row) for row in session.connection().execute(query).all()]
        rows.sort(
            key=lambda r: (
                class_sort_key(r.class_name),
                sort_key(r.last_name),
                sort_key(r.first_names),
            )
        )
        return rows


def _load(session: Session, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None:
        raise RecordGone(
            "Diese Schülerin bzw. diesen Schüler gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    return student


def _detail(session: Session, student: Student) -> StudentDetail:
    history = session.execute(
        select(Enrolment.school_year, SchoolClass.name)
        .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
        .where(Enrolment.student_id == student.id)
        .order_by(Enrolment.school_year)
    ).all()
    year = current_school_year(session, student.school_id)
    class_name = next((name for y, name in history if y == year), "")
    return StudentDetail(
        student.id,
        student.school_id,
        student.external_id,
        student.last_name,
        student.first_names,
        student.birth_date,
        student.status,
        student.left_on,
        student.guardian_1,
        student.guardian_2,
        class_name,
        year,
        [(y, n) for y, n in history],
        student.row_version,
    )


def get_student(ctx: ServiceContext, student_id: int) -> StudentDetail:
    with ctx.reading() as session:
        return _detail(session, _load(session, student_id))


def _edit_problems(edit: StudentEdit, today: date) -> list[Problem]:
    problems = []
    if not clean_text(edit.last_name):
        problems.append(Problem("last_name", "Nachname: Bitte ausfüllen."))
    if not clean_text(edit.first_names):
        problems.append(Problem("first_names", "Vorname(n): Bitte ausfüllen."))
    if edit.birth_date >= today:
        problems.append(Problem("birth_date", "Geburtsdatum: Das Datum liegt in der Zukunft."))
    if len(clean_text(edit.class_name)) > 30:
        problems.append(Problem("class_name", "Klasse: Höchstens 30 Zeichen."))
    for field, label, value in (
        ("last_name", "Nachname", edit.last_name),
        ("first_names", "Vorname(n)", edit.first_names),
        ("class_name", "Klasse", edit.class_name),
        ("guardian_1", "Erziehungsberechtigte/r 1", edit.guardian_1),
        ("guardian_2", "Erziehungsberechtigte/r 2", edit.guardian_2),
    ):
        problem = name_text_problem(clean_text(value))
        if problem:
            problems.append(Problem(field, f"{label}: {problem}"))
    if isinstance(edit.left_on, date) and edit.left_on < edit.birth_date:
        problems.append(Problem("left_on", "Abgangsdatum: Das Datum liegt vor dem Geburtsdatum."))
    return problems


def _stored_values(student: Student, class_name: str) -> dict[str, str | None]:
    return {
        "external_id": student.external_id,
        "last_name": student.last_name,
        "first_names": student.first_names,
        "birth_date": student.birth_date.isoformat(),
        "guardian_1": student.guardian_1,
        "guardian_2": student.guardian_2,
        "class": class_name,
        "status": student.status,
        "left_on": format_date(student.left_on),
    }


def _edited_values(edit: StudentEdit, stored: dict[str, str | None]) -> dict[str, str | None]:
    values: dict[str, str | None] = {
        "external_id": clean_text(edit.external_id),
        "last_name": clean_text(edit.last_name),
        "first_names": clean_text(edit.first_names),
        "birth_date": edit.birth_date.isoformat(),
        "guardian_1": clean_text(edit.guardian_1),
        "guardian_2": clean_text(edit.guardian_2),
        "class": clean_text(edit.class_name) or stored["class"],
        "status": stored["status"],
        "left_on": stored["left_on"],
    }
    if edit.left_on is not Keep.KEEP:
        values["status"] = STUDENT_LEFT if edit.left_on is not None else STUDENT_ACTIVE
        values["left_on"] = format_date(edit.left_on) if edit.left_on else None
    return values


def update_student(
    ctx: ServiceContext,
    student_id: int,
    edit: StudentEdit,
    expected_version: int | None = None,
) -> StudentDetail:
    """Correct a student's data, class (of the current school year) and leaving status in
    one save; refused (``StaleEdit``) when the student changed since ``expected_version``."""
    problems = _edit_problems(edit, ctx.clock.today())
    if problems:
        raise ValidationError(problems)
    with ctx.unit_of_work() as uow:
        student = _load(uow.session, student_id)
        detail = _detail(uow.session, student)
        before = _stored_values(student, detail.class_name)
        after = _edited_values(edit, before)
        check_version(
            uow.session,
            student,
            expected_version,
            entity_type="student",
            label=f"Der Eintrag von {student.first_names} {student.last_name}",
            differences=differences_between(before, after, STUDENT_LABELS),
        )
        new_class = after["class"] or ""
        if new_class != detail.class_name and detail.school_year is None:
            raise ValidationError([Problem("class_name", "Klasse: Es gibt noch kein Schuljahr.")])
        changes = changes_between(before, after)
        for key in ("external_id", "last_name", "first_names", "guardian_1", "guardian_2"):
            setattr(student, key, after[key])
        student.birth_date = edit.birth_date
        if "status" in changes or "left_on" in changes:
            student.status = after["status"] or STUDENT_ACTIVE
            student.left_on = edit.left_on if isinstance(edit.left_on, date) else None
        if "class" in changes and detail.school_year:
            _move_to_class(uow, student, detail.school_year, new_class)
        if changes:
            mark_saved(student)
            uow.audit("student", student_id, "update", changes, school_id=student.school_id)
            uow.session.flush()
        return reported(_detail(uow.session, student), uow.changes)


def _move_to_class(uow: UnitOfWork, student: Student, year: str, class_name: str) -> None:
    class_id = uow.session.scalar(
        select(SchoolClass.id).where(
            SchoolClass.school_id == student.school_id,
            SchoolClass.school_year == year,
            SchoolClass.name == class_name,
        )
    )
    if class_id is None:
        created = SchoolClass(
            school_id=student.school_id,
            school_year=year,
            name=class_name,
            grade=grade_of_class(class_name),
        )
        uow.session.add(created)
        uow.session.flush()
        class_id = created.id
        uow.audit(
            "school_class",
            class_id,
            "create",
            {"name": class_name, "school_year": year},
            school_id=student.school_id,
        )
    set_enrolment(uow.session, student.id, year, class_id)
    uow.session.flush()
    drop_empty_classes(uow, student.school_id, year)


def _edit_of(detail: StudentDetail, left_on: date | None) -> StudentEdit:
    return StudentEdit(
        detail.last_name,
        detail.first_names,
        detail.birth_date,
        detail.external_id,
        detail.guardian_1,
        detail.guardian_2,
        detail.class_name,
        left_on,
    )


def mark_left(ctx: ServiceContext, student_id: int, left_on: date) -> StudentDetail:
    """The student left school on ``left_on``; the record and its history are kept."""
    return update_student(ctx, student_id, _edit_of(get_student(ctx, student_id), left_on))


def mark_active(ctx: ServiceContext, student_id: int) -> StudentDetail:
    """Undo a leaving (e.g. marked by mistake)."""
    return update_student(ctx, student_id, _edit_of(get_student(ctx, student_id), None))
