"""Reading consents: status per student and option on a day, class counts, "Wer darf
teilnehmen?", and a student's full history.

All events of a template are loaded in one query and grouped in memory, so the status of a
school of 2,000 students costs a handful of queries, not one per student.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from dpo_desk.core.consent.events import (
    ConsentEvent,
    FormReturned,
    effective_events,
)
from dpo_desk.core.consent.status import (
    ConsentState,
    OptionStatus,
    consent_status,
)
from dpo_desk.core.consent.values import (
    SignerRole,
    StudentFacts,
    roles_for_student,
)
from dpo_desk.core.roster import class_sort_key, sort_key
from dpo_desk.services.consent.event_rows import EVENT_COLUMNS, student_events
from dpo_desk.services.consent.shapes import ShapeCache, assemble
from dpo_desk.services.consent.templates import TemplateInfo, find_row, load_info
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.heap import bulk_work
from dpo_desk.services.roster.importing import current_school_year
from dpo_desk.store.models import Enrolment, SchoolClass, Student
from dpo_desk.store.models.consent import ConsentEvent as EventRow
from dpo_desk.store.models.roster import STUDENT_ACTIVE
from dpo_desk.store.rows import named_rows

STATE_ORDER = (
    ConsentState.GRANTED,
    ConsentState.REFUSED,
    ConsentState.REVOKED,
    ConsentState.NOT_RETURNED,
    ConsentState.INCOMPLETE,
    ConsentState.RENEWAL_DUE,
    ConsentState.EXPIRED,
)


@dataclass(frozen=True)
class StudentConsent:
    """One student's consent for one template on a day."""

    student_id: int
    last_name: str
    first_names: str
    class_name: str
    birth_date: date
    left_on: date | None
    states: dict[str, OptionStatus]
    latest_form: FormReturned | None
    required_signers: tuple[SignerRole, ...]
    """The signature lines a form signed on the day needs (the student's age then)."""

    @property
    def name(self) -> str:
        return f"{self.last_name}, {self.first_names}"

    def state(self, option_key: str) -> ConsentState:
        return self.states[option_key].state

    def has_any(self, *states: ConsentState) -> bool:
        return any(status.state in states for status in self.states.values())


@dataclass(frozen=True)
class ClassCount:
    class_name: str
    option_key: str
    option_label: str
    counts: dict[ConsentState, int]
    total: int


@dataclass(frozen=True)
class TemplateStatus:
    """``template`` is loaded without counting its consents (see ``list_templates``)."""

    template: TemplateInfo
    day: date
    rows: list[StudentConsent]

    @property
    def options(self) -> list[tuple[str, str]]:
        return [(o.key, o.label) for o in self.template.current.options]

    @property
    def class_names(self) -> list[str]:
        return sorted({r.class_name for r in self.rows}, key=class_sort_key)

    def class_counts(self) -> list[ClassCount]:
        """Per class and option: how many students are in each state."""
        by_class: dict[str, list[StudentConsent]] = defaultdict(list)
        for row in self.rows:
            by_class[row.class_name].append(row)
        result = []
        for class_name in self.class_names:
            rows = by_class[class_name]
            for key, label in self.options:
                counts = Counter(row.state(key) for row in rows)
                result.append(
                    ClassCount(
                        class_name,
                        key,
                        label,
                        {s: counts.get(s, 0) for s in STATE_ORDER},
                        len(rows),
                    )
                )
        return result

    def participants(self, option_key: str, class_name: str | None = None) -> list[str]:
        """ "Wer darf teilnehmen?": names of the students with a valid JA for the option."""
        return [
            f"{row.first_names} {row.last_name}"
            for row in self.rows
            if (class_name is None or row.class_name == class_name)
            and row.state(option_key) is ConsentState.GRANTED
        ]

    def as_rows(self) -> list[dict[str, object]]:
        """One dict per student with stable English keys, a column per option."""
        result = []
        for row in self.rows:
            item: dict[str, object] = {
                "key": str(row.student_id),
                "class": row.class_name,
                "last_name": row.last_name,
                "first_names": row.first_names,
            }
            for key, _ in self.options:
                item[key] = row.state(key).value
            item["versions"] = {key: row.states[key].version for key, _ in self.options}
            result.append(item)
        return result


def _students(
    session: Session,
    school_id: int,
    year: str | None,
    class_name: str | None,
    student_id: int | None = None,
) -> list[Row]:
    # Joined directly, not through a subquery of the year's enrolments (which SQLite builds
    # and indexes anew for every call): a student's enrolment is found by its unique
    # index (student, year).
    query = select(
        Student.id,
        Student.last_name,
        Student.first_names,
        Student.birth_date,
        Student.left_on,
        func.coalesce(SchoolClass.name, "").label("class_name"),
        SchoolClass.grade,
    ).where(Student.school_id == school_id, Student.status == STUDENT_ACTIVE)
    in_year = (Enrolment.student_id == Student.id) & (Enrolment.school_year == (year or ""))
    in_school = (SchoolClass.id == Enrolment.class_id) & (SchoolClass.school_id == school_id)
    if class_name:
        # The class's ids first: given them, SQLite starts from the class's enrolments
        # (their index); asked by name in the join, it went through every student of the
        # school (20 times the work at 2,000 students, growing with the school).
        class_ids = list(
            session.connection().scalars(
                select(SchoolClass.id).where(
                    SchoolClass.school_id == school_id,
                    func.lower(SchoolClass.name) == class_name.strip().lower(),
                )
            )
        )
        if not class_ids:
            return []
        query = (
            query.join(Enrolment, in_year)
            .join(SchoolClass, in_school)
            .where(Enrolment.class_id.in_(class_ids))
        )
    else:
        query = query.outerjoin(Enrolment, in_year).outerjoin(SchoolClass, in_school)
    if student_id is not None:
        query = query.where(Student.id == student_id)
    # Plain rows through the connection: the ORM's row handling is not needed here.
    return named_rows(session.connection().execute(query))


@lru_cache(maxsize=65536)
def _name_key(last_name: str, first_names: str) -> str:
    """Class-list order of names (cached: the same school is listed again and again; large
    enough for a district of 20,000, where a smaller cache missed every name)."""
    return f"{sort_key(last_name)}\x00{sort_key(first_names)}"


def _event_rows(
    session: Session, template_id: int, student_ids: set[int] | None
) -> dict[int, list[Row]]:
    """The template's event rows per student, in recording order."""
    query = select(*EVENT_COLUMNS).where(EventRow.template_id == template_id).order_by(EventRow.id)
    if student_ids is not None:
        query = query.where(EventRow.student_id.in_(student_ids))
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in named_rows(session.connection().execute(query)):
        grouped[row.student_id].append(row)
    return grouped


def _latest_form(events: list[ConsentEvent]) -> FormReturned | None:
    forms = effective_events(events).forms
    return forms[-1] if forms else None


def template_status(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    on: date | None = None,
    class_name: str | None = None,
    student_id: int | None = None,
) -> TemplateStatus:
    """Every current student the template applies to (optionally one class or one
    student), sorted by class and name, with the state of each option on ``on`` (default:
    today)."""
    with bulk_work():
        return _template_status(ctx, school_id, template_key, on, class_name, student_id)


def _template_status(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    on: date | None,
    class_name: str | None,
    student_id: int | None,
) -> TemplateStatus:
    day = on or ctx.clock.today()
    with ctx.reading() as session:
        template = find_row(session, school_id, template_key)
        info = load_info(session, template, counts=False)
        numbers = info.version_numbers
        year = current_school_year(session, school_id)
        students = [
            s
            for s in _students(session, school_id, year, class_name, student_id)
            if info.applies_to(s.class_name, s.grade)
        ]
        ids = {s.id for s in students} if class_name or student_id else None
        events = _event_rows(session, template.id, ids)
    # Without any event every option is "not returned" whoever the student is: ask once.
    nothing = consent_status(StudentFacts(), info.core, (), day)
    shapes = ShapeCache(info.core, info.current.signers, numbers, day)
    class_keys = {name: class_sort_key(name) for name in {s.class_name for s in students}}
    students.sort(key=lambda s: (class_keys[s.class_name], _name_key(s.last_name, s.first_names)))
    rows = []
    for student in students:
        history = events.get(student.id)
        states, latest = (
            shapes.evaluate(history, student.birth_date, student.left_on)
            if history
            else (dict(nothing), None)
        )
        rows.append(
            assemble(
                StudentConsent,
                {
                    "student_id": student.id,
                    "last_name": student.last_name,
                    "first_names": student.first_names,
                    "class_name": student.class_name,
                    "birth_date": student.birth_date,
                    "left_on": student.left_on,
                    "states": states,
                    "latest_form": latest,
                    "required_signers": shapes.required_signers(student.birth_date),
                },
            )
        )
    return TemplateStatus(info, day, rows)


def student_consent(
    ctx: ServiceContext,
    info: TemplateInfo,
    student_id: int,
    class_name: str,
    on: date | None = None,
) -> StudentConsent:
    """One student's consent for a template already loaded (after recording a form: two
    small queries instead of the whole class)."""
    with ctx.reading() as session:
        return consent_in_session(session, info, student_id, class_name, on or ctx.clock.today())


def consent_in_session(
    session: Session, info: TemplateInfo, student_id: int, class_name: str, day: date
) -> StudentConsent:
    """``student_consent`` inside an open transaction."""
    student = session.get(Student, student_id)
    if student is None or student.school_id != info.school_id:
        raise LookupError(f"Schüler {student_id} gibt es nicht.")
    return consent_of(student, class_name, info, student_events(session, info, student_id), day)


def consent_of(
    student: Student,
    class_name: str,
    info: TemplateInfo,
    history: list[ConsentEvent],
    day: date,
) -> StudentConsent:
    """A student's consent from their events (recording order) on ``day``."""
    facts = StudentFacts(student.birth_date, student.left_on)
    return StudentConsent(
        student.id,
        student.last_name,
        student.first_names,
        class_name,
        student.birth_date,
        student.left_on,
        consent_status(facts, info.core, history, day),
        _latest_form(history) if history else None,
        roles_for_student(facts, day, info.current.signers),
    )


def filter_rows(rows: Iterable[StudentConsent], only: str | None) -> list[StudentConsent]:
    """The overview filters: "missing", "revoked", "incomplete", "renewal" or None (all)."""
    wanted = {
        "missing": (ConsentState.NOT_RETURNED,),
        "revoked": (ConsentState.REVOKED,),
        "incomplete": (ConsentState.INCOMPLETE,),
        "renewal": (ConsentState.RENEWAL_DUE,),
    }.get(only or "")
    if wanted is None:
        return list(rows)
    return [row for row in rows if row.has_any(*wanted)]
