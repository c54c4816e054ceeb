"""Match the rows of a roster file with the students already stored: who is new, changed,
unchanged, or missing from the file (a possible leaver). Used by preview and by apply, so
both see the same plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.roster import person_key
from dpo_desk.importers.rows import RosterRow, RowProblem
from dpo_desk.store.models import Enrolment, SchoolClass, Student
from dpo_desk.store.models.roster import STUDENT_ACTIVE, STUDENT_LEFT

COMPARED = ("external_id", "last_name", "first_names", "birth_date", "guardian_1", "guardian_2")


@dataclass
class KnownStudent:
    id: int
    external_id: str
    last_name: str
    first_names: str
    birth_date: date
    status: str
    left_on: date | None
    guardian_1: str
    guardian_2: str
    class_in_year: str = ""  # class in the school year being imported
    latest_class: str = ""  # class in the most recent year the student was enrolled

    @property
    def person_key(self) -> str:
        return person_key(self.last_name, self.first_names, self.birth_date)

    @property
    def display_name(self) -> str:
        return f"{self.last_name}, {self.first_names}"


@dataclass
class Plan:
    creates: list[RosterRow] = field(default_factory=list)
    updates: list[tuple[RosterRow, KnownStudent, dict[str, list]]] = field(default_factory=list)
    unchanged: list[tuple[RosterRow, KnownStudent]] = field(default_factory=list)
    leavers: list[KnownStudent] = field(default_factory=list)
    problems: dict[int, list[RowProblem]] = field(default_factory=lambda: defaultdict(list))

    def row_ok(self, row: RosterRow) -> bool:
        return not row.problems and not self.problems.get(row.line)


def load_known(session: Session, school_id: int, school_year: str) -> list[KnownStudent]:
    students = session.execute(
        select(
            Student.id,
            Student.external_id,
            Student.last_name,
            Student.first_names,
            Student.birth_date,
            Student.status,
            Student.left_on,
            Student.guardian_1,
            Student.guardian_2,
        ).where(Student.school_id == school_id)
    ).all()
    known = {row.id: KnownStudent(*row) for row in students}
    enrolments = session.execute(
        select(Enrolment.student_id, Enrolment.school_year, SchoolClass.name)
        .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
        .where(SchoolClass.school_id == school_id)
        .order_by(Enrolment.school_year)
    ).all()
    for student_id, year, class_name in enrolments:
        student = known.get(student_id)
        if student is None:
            continue
        student.latest_class = class_name
        if year == school_year:
            student.class_in_year = class_name
    return list(known.values())


def _changes(row: RosterRow, known: KnownStudent, present: set[str]) -> dict[str, list]:
    changes: dict[str, list] = {}
    for name in COMPARED:
        if name.startswith("guardian") and name not in present:
            continue
        new = getattr(row, name)
        old = getattr(known, name)
        if name == "external_id" and not new:
            continue
        if new != old:
            changes[name] = [_plain(old), _plain(new)]
    old_class = known.class_in_year or known.latest_class
    if row.class_name != known.class_in_year:
        changes["class"] = [old_class, row.class_name]
    if known.status == STUDENT_LEFT:
        changes["status"] = [STUDENT_LEFT, STUDENT_ACTIVE]
        changes["left_on"] = [_plain(known.left_on), None]
    return changes


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def make_plan(rows: list[RosterRow], known: list[KnownStudent], present: set[str]) -> Plan:
    """``present``: the fields the file has; a guardian column the file lacks stays as stored."""
    plan = Plan()
    by_id = {k.external_id.casefold(): k for k in known if k.external_id}
    by_person: dict[str, list[KnownStudent]] = defaultdict(list)
    for student in known:
        by_person[student.person_key].append(student)
    ids_in_file = {row.external_id.casefold() for row in rows if row.external_id}
    claimed: dict[int, int] = {}
    for row in rows:
        match = by_id.get(row.external_id.casefold()) if row.external_id else None
        if match is None and row.person_key:
            candidates = [
                k
                for k in by_person.get(row.person_key, [])
                if not k.external_id or k.external_id.casefold() not in ids_in_file
            ]
            match = candidates[0] if candidates else None
        if match is not None:
            if match.id in claimed:
                plan.problems[row.line].append(
                    RowProblem(
                        row.line,
                        "",
                        f"Betrifft denselben gespeicherten Schüler wie Zeile {claimed[match.id]}.",
                    )
                )
                continue
            claimed[match.id] = row.line
        if not plan.row_ok(row):
            continue
        if match is None:
            plan.creates.append(row)
            continue
        changes = _changes(row, match, present)
        if changes:
            plan.updates.append((row, match, changes))
        else:
            plan.unchanged.append((row, match))
    plan.leavers = [k for k in known if k.id not in claimed and k.status == STUDENT_ACTIVE]
    plan.leavers.sort(key=lambda k: (k.latest_class, k.last_name.casefold()))
    return plan
