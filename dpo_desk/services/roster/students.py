"""Students and classes of a school: listing, search, edit, marking as left.

The import itself lives in ``roster_import``; this module is what the page and the
``roster list`` command read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from dpo_desk.core.roster import (
    class_sort_key,
    clean_text,
    format_date,
    grade_of_class,
    name_text_problem,
    sort_key,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.roster.importing import current_school_year
from dpo_desk.services.roster.writing import drop_empty_classes, set_enrolment
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


@dataclass
class StudentEdit:
    last_name: str
    first_names: str
    birth_date: date
    external_id: str = ""
    guardian_1: str = ""
    guardian_2: str = ""
    class_name: str = ""


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
        active = func.sum(func.iif(Student.status == STUDENT_ACTIVE, 1, 0))
        rows = session.execute(
            select(SchoolClass, func.coalesce(active, 0))
            .outerjoin(Enrolment, Enrolment.class_id == SchoolClass.id)
            .outerjoin(Student, Student.id == Enrolment.student_id)
            .where(SchoolClass.school_id == school_id, SchoolClass.school_year == year)
            .group_by(SchoolClass.id)
        ).all()
        result = [ClassSummary(c.id, c.name, c.grade, c.school_year, int(n)) for c, n in rows]
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
    with ctx.reading() as session:
        year = school_year or current_school_year(session, school_id)
        in_year = (
            select(Enrolment.student_id, SchoolClass.name.label("class_name"))
            .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
            .where(Enrolment.school_year == (year or ""))
            .subquery()
        )
        query = (
            select(
                Student.id,
                Student.external_id,
                Student.last_name,
                Student.first_names,
                Student.birth_date,
                func.coalesce(in_year.c.class_name, ""),
                Student.status,
                Student.left_on,
            )
            .outerjoin(in_year, in_year.c.student_id == Student.id)
            .where(Student.school_id == school_id)
        )
        if not include_left:
            query = query.where(Student.status == STUDENT_ACTIVE)
        if class_name:
            query = query.where(func.lower(in_year.c.class_name) == class_name.strip().lower())
        rows = [StudentRow(*row) for row in session.execute(query)]
    rows.sort(
        key=lambda r: (class_sort_key(r.class_name), sort_key(r.last_name), sort_key(r.first_names))
    )
    return rows


def get_student(ctx: ServiceContext, student_id: int) -> StudentDetail:
    with ctx.reading() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise LookupError(f"Schüler {student_id} gibt es nicht.")
        history = session.execute(
            select(Enrolment.school_year, SchoolClass.name)
            .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
            .where(Enrolment.student_id == student_id)
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
        )


def _edit_problems(edit: StudentEdit) -> list[Problem]:
    problems = []
    if not clean_text(edit.last_name):
        problems.append(Problem("last_name", "Nachname: Bitte ausfüllen."))
    if not clean_text(edit.first_names):
        problems.append(Problem("first_names", "Vorname(n): Bitte ausfüllen."))
    if edit.birth_date >= date.today():
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
    return problems


def update_student(ctx: ServiceContext, student_id: int, edit: StudentEdit) -> StudentDetail:
    """Correct a student's data; a changed class applies to the current school year."""
    problems = _edit_problems(edit)
    if problems:
        raise ValidationError(problems)
    detail = get_student(ctx, student_id)
    after = {
        "external_id": clean_text(edit.external_id),
        "last_name": clean_text(edit.last_name),
        "first_names": clean_text(edit.first_names),
        "birth_date": edit.birth_date.isoformat(),
        "guardian_1": clean_text(edit.guardian_1),
        "guardian_2": clean_text(edit.guardian_2),
    }
    before = {k: getattr(detail, k) for k in after}
    before["birth_date"] = detail.birth_date.isoformat()
    new_class = clean_text(edit.class_name)
    if new_class and detail.school_year is None:
        raise ValidationError([Problem("class_name", "Klasse: Es gibt noch kein Schuljahr.")])
    with ctx.unit_of_work() as uow:
        student = uow.session.get(Student, student_id)
        assert student is not None
        changes = changes_between(before, after)
        for key, (_, value) in changes.items():
            setattr(student, key, edit.birth_date if key == "birth_date" else value)
        if new_class and new_class != detail.class_name and detail.school_year:
            class_id = uow.session.scalar(
                select(SchoolClass.id).where(
                    SchoolClass.school_id == student.school_id,
                    SchoolClass.school_year == detail.school_year,
                    SchoolClass.name == new_class,
                )
            )
            if class_id is None:
                created = SchoolClass(
                    school_id=student.school_id,
                    school_year=detail.school_year,
                    name=new_class,
                    grade=grade_of_class(new_class),
                )
                uow.session.add(created)
                uow.session.flush()
                class_id = created.id
                uow.audit(
                    "school_class",
                    class_id,
                    "create",
                    {"name": new_class, "school_year": detail.school_year},
                    school_id=student.school_id,
                )
            set_enrolment(uow.session, student_id, detail.school_year, class_id)
            changes["class"] = [detail.class_name, new_class]
            uow.session.flush()
            drop_empty_classes(uow, student.school_id, detail.school_year)
        if changes:
            uow.audit("student", student_id, "update", changes, school_id=student.school_id)
    return get_student(ctx, student_id)


def mark_left(ctx: ServiceContext, student_id: int, left_on: date) -> StudentDetail:
    """The student left school on ``left_on``; the record and its history are kept."""
    detail = get_student(ctx, student_id)
    if left_on < detail.birth_date:
        raise ValidationError(
            [Problem("left_on", "Abgangsdatum: Das Datum liegt vor dem Geburtsdatum.")]
        )
    with ctx.unit_of_work() as uow:
        student = uow.session.get(Student, student_id)
        assert student is not None
        changes = changes_between(
            {"status": student.status, "left_on": format_date(student.left_on)},
            {"status": STUDENT_LEFT, "left_on": format_date(left_on)},
        )
        student.status = STUDENT_LEFT
        student.left_on = left_on
        if changes:
            uow.audit("student", student_id, "update", changes, school_id=student.school_id)
    return get_student(ctx, student_id)


def mark_active(ctx: ServiceContext, student_id: int) -> StudentDetail:
    """Undo a leaving (e.g. marked by mistake)."""
    with ctx.unit_of_work() as uow:
        student = uow.session.get(Student, student_id)
        if student is None:
            raise LookupError(f"Schüler {student_id} gibt es nicht.")
        if student.status != STUDENT_ACTIVE:
            uow.audit(
                "student",
                student_id,
                "update",
                {
                    "status": [student.status, STUDENT_ACTIVE],
                    "left_on": [str(student.left_on), None],
                },
                school_id=student.school_id,
            )
            student.status = STUDENT_ACTIVE
            student.left_on = None
    return get_student(ctx, student_id)
