"""Recording consent events: returned forms and revocations.

Every call is one short transaction that appends one event and one audit entry, so two
windows recording the same class at once never lose an entry. Nothing is overwritten:
a mistake is fixed by a correction (``corrections``); the original stays in the history.

Before anything is stored the entry is reviewed against the student's history
(``core.consent.review``). When it conflicts with what is recorded (a revocation dated
before a form that arrived later, a form older than a recorded revocation, a revocation
that changes nothing) the call stores nothing and returns ``DecisionNeeded``; the caller
asks the person and calls again with ``decision``, which is stored with the entry. A form
is recorded against the text version the family received (``print_log.entry_version``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace as dataclass_replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.consent.events import ConsentEvent, FormReturned, Precedence, Revocation
from dpo_desk.core.consent.review import NEW_ENTRY, EntryReview, review_entry
from dpo_desk.core.consent.validation import returned_form_problems, revocation_problems
from dpo_desk.core.consent.values import Channel, SignerRole
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.consent.event_rows import (
    EVENT_COLUMNS,
    RecordedEvent,
    append_event,
    facts_of,
    school_student,
    student_events,
    to_core,
)
from dpo_desk.services.consent.print_log import VersionBasis, entry_version, printed_versions
from dpo_desk.services.consent.templates import TemplateInfo, find_row, load_info
from dpo_desk.services.context import ServiceContext, UnitOfWork
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models import Student
from dpo_desk.store.models.consent import EVENT_FORM, EVENT_REVOCATION
from dpo_desk.store.models.consent import ConsentEvent as EventRow

__all__ = [
    "ConsentConflict",
    "DecisionNeeded",
    "FormEntry",
    "RecordedEvent",
    "RecordedStack",
    "RevocationEntry",
    "record_form",
    "record_forms",
    "record_revocation",
    "stored",
]


@dataclass
class FormEntry:
    """A returned paper form as entered. ``answers``: option key -> True (JA), False (NEIN),
    None (blank or both ticked). ``signed_by``: the signature lines signed on the form."""

    student_id: int
    answers: Mapping[str, bool | None]
    received_on: date
    signed_on: date | None = None
    signed_by: frozenset[SignerRole] = frozenset()
    entry_method: str = "keyboard"
    note: str = ""


@dataclass
class RevocationEntry:
    """A revocation as it reached the school; ``options`` None means all options.
    ``received_on`` (default: the day it is entered) is when the school got it."""

    student_id: int
    declared_on: date
    channel: Channel
    options: frozenset[str] | None = None
    effective_on: date | None = None
    note: str = ""
    received_on: date | None = None


@dataclass(frozen=True)
class DecisionNeeded:
    """Nothing was stored: the entry conflicts with what is recorded (``review.notices``).
    Ask the person and call again with one of ``choices`` as ``decision``."""

    student_id: int
    review: EntryReview
    changes: Changes = changes_field()

    @property
    def message(self) -> str:
        return self.review.message

    @property
    def choices(self) -> tuple[Precedence, ...]:
        if self.review.undecided:
            return (Precedence.ENTRY, Precedence.RECORDED)
        return (Precedence.CONFIRMED,)


class ConsentConflict(ValidationError):
    """An entry that needs a person's decision, where none can be asked (command line
    without ``--force``, a stack of forms): nothing was stored."""

    def __init__(self, needed: DecisionNeeded) -> None:
        super().__init__([Problem("conflict", needed.message)])
        self.needed = needed


def stored(result: RecordedEvent | DecisionNeeded) -> RecordedEvent:
    """The recorded event; ``ConsentConflict`` when a decision was needed instead."""
    if isinstance(result, DecisionNeeded):
        raise ConsentConflict(result)
    return result


@dataclass(frozen=True)
class RecordedStack:
    events: list[RecordedEvent]
    changes: Changes = changes_field()


def form_fields(
    entry: FormEntry,
    version_id: int,
    precedence: Precedence = Precedence.NONE,
    basis: VersionBasis | str = "",
) -> dict[str, object]:
    return {
        "version_id": version_id,
        "answers": {key: entry.answers[key] for key in sorted(entry.answers)},
        "signed_on": entry.signed_on,
        "received_on": entry.received_on,
        "signed_by": sorted(role.value for role in entry.signed_by),
        "entry_method": entry.entry_method,
        "note": entry.note.strip(),
        "precedence": precedence.value,
        "version_basis": str(basis),
    }


def revocation_fields(
    entry: RevocationEntry,
    version_id: int,
    received_on: date,
    precedence: Precedence = Precedence.NONE,
) -> dict[str, object]:
    return {
        "version_id": version_id,
        "options": None if entry.options is None else sorted(entry.options),
        "declared_on": entry.declared_on,
        "effective_on": entry.effective_on or entry.declared_on,
        "received_on": received_on,
        "channel": entry.channel.value,
        "note": entry.note.strip(),
        "precedence": precedence.value,
    }


def as_form(entry: FormEntry, number: int, decision: Precedence | None) -> FormReturned:
    return FormReturned(
        event_id=NEW_ENTRY,
        template_version=number,
        answers=entry.answers,
        received_on=entry.received_on,
        signed_on=entry.signed_on,
        signed_by=entry.signed_by,
        precedence=decision or Precedence.NONE,
    )


def form_problems(
    entry: FormEntry, student: Student, info: TemplateInfo, number: int, day: date
) -> list[Problem]:
    problems = returned_form_problems(
        as_form(entry, number, None), facts_of(student), info.core, day
    )
    if student.status == "left" and student.left_on is None:
        problems.append(Problem("student", "Die Schülerin bzw. der Schüler ist abgegangen."))
    name = f"{student.first_names} {student.last_name}"
    return [Problem(p.field, f"{name}: {p.message}") for p in problems]


def finish(
    uow: UnitOfWork,
    recorded: RecordedEvent,
    row: EventRow,
    info: TemplateInfo,
    history: list[ConsentEvent],
    class_name: str | None,
    day: date,
    review: EntryReview | None = None,
) -> RecordedEvent:
    """The event with what it changed, its review and, for ``class_name``, the student's
    new status (from the history read before, plus the new event: no second read)."""
    status = None
    if class_name is not None:
        # Imported here: the overview reads events with ``event_rows`` as well.
        from dpo_desk.services.consent.overview import consent_of

        student = uow.session.get(Student, recorded.student_id)
        assert student is not None
        events = [*history, to_core(row, info.version_numbers)]
        status = consent_of(student, class_name, info, events, day)
    return reported(dataclass_replace(recorded, status=status, review=review), uow.changes)


def record_form(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    entry: FormEntry,
    version: int | None = None,
    on: date | None = None,
    class_name: str | None = None,
    decision: Precedence | None = None,
) -> RecordedEvent | DecisionNeeded:
    """Append a returned form for the version on the paper: ``version`` (from the scan code
    or chosen), else the version last printed for the student. With ``class_name`` the
    result carries the student's new status (``status``)."""
    day = on or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        template = find_row(uow.session, school_id, template_key)
        info = load_info(uow.session, template, counts=False)
        student = school_student(uow.session, school_id, entry.student_id)
        scanned = entry.entry_method == "scan"
        number, basis = entry_version(uow.session, info, student, version, scanned)
        problems = form_problems(entry, student, info, number, day)
        if problems:
            raise ValidationError(problems)
        history = student_events(uow.session, info, student.id)
        review = review_entry(
            as_form(entry, number, decision), history, info.core, facts_of(student), day
        )
        if review.needs_decision and decision is None:
            return DecisionNeeded(student.id, review)
        version_id = info.version_info(number).id  # type: ignore[union-attr]
        values = form_fields(entry, version_id, decision or Precedence.NONE, basis)
        recorded, row = append_event(uow, template, student.id, EVENT_FORM, values, info)
        return finish(uow, recorded, row, info, history, class_name, day, review)


def _histories(
    session: Session, info: TemplateInfo, student_ids: set[int]
) -> dict[int, list[ConsentEvent]]:
    grouped: dict[int, list[ConsentEvent]] = defaultdict(list)
    query = (
        select(*EVENT_COLUMNS)
        .where(EventRow.template_id == info.id, EventRow.student_id.in_(student_ids))
        .order_by(EventRow.id)
    )
    for row in session.execute(query):
        grouped[row.student_id].append(to_core(row, info.version_numbers))
    return grouped


def record_forms(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    entries: list[FormEntry],
    on: date | None = None,
) -> RecordedStack:
    """A whole stack of forms at once, each against the version last printed for its
    student: all checked first, then written in one transaction (one event and one audit
    entry each). Any problem or any entry needing a decision stores nothing."""
    day = on or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        template = find_row(uow.session, school_id, template_key)
        info = load_info(uow.session, template, counts=False)
        ids = {entry.student_id for entry in entries}
        students = {
            s.id: s
            for s in uow.session.scalars(
                select(Student).where(Student.id.in_(ids), Student.school_id == school_id)
            )
        }
        printed = printed_versions(uow.session, info, ids)
        histories = _histories(uow.session, info, ids)
        problems: list[Problem] = []
        planned: list[tuple[FormEntry, int, VersionBasis]] = []
        for entry in entries:
            student = students.get(entry.student_id)
            if student is None:
                problems.append(
                    Problem("student", f"Schüler Nr. {entry.student_id} gibt es hier nicht.")
                )
                continue
            try:
                number, basis = entry_version(
                    uow.session, info, student, None, printed=printed.get(student.id, [])
                )
            except ValidationError as refused:
                problems += refused.problems
                continue
            problems += form_problems(entry, student, info, number, day)
            review = review_entry(
                as_form(entry, number, None),
                histories.get(student.id, []),
                info.core,
                facts_of(student),
                day,
            )
            if review.needs_decision:
                problems.append(Problem("conflict", review.message))
            planned.append((entry, number, basis))
        if problems:
            raise ValidationError(problems)
        events = []
        for entry, number, basis in planned:
            version_id = info.version_info(number).id  # type: ignore[union-attr]
            values = form_fields(entry, version_id, basis=basis)
            recorded, _ = append_event(uow, template, entry.student_id, EVENT_FORM, values, info)
            events.append(recorded)
        return RecordedStack(events, changes=uow.changes)


def latest_version_id(session: Session, template: TemplateRow, student_id: int) -> int:
    """The version a revocation belongs to: that of the student's latest entry."""
    form_version = session.scalar(
        select(EventRow.version_id)
        .where(EventRow.template_id == template.id, EventRow.student_id == student_id)
        .order_by(EventRow.id.desc())
        .limit(1)
    )
    if form_version is not None:
        return form_version
    current = session.scalar(
        select(VersionRow.id)
        .where(VersionRow.template_id == template.id)
        .order_by(VersionRow.number.desc())
        .limit(1)
    )
    assert current is not None
    return current


def as_revocation(
    entry: RevocationEntry, received_on: date, decision: Precedence | None
) -> Revocation:
    return Revocation(
        NEW_ENTRY,
        entry.declared_on,
        entry.channel,
        entry.options,
        entry.effective_on,
        entry.note,
        received_on=received_on,
        precedence=decision or Precedence.NONE,
    )


def record_revocation(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    entry: RevocationEntry,
    on: date | None = None,
    class_name: str | None = None,
    decision: Precedence | None = None,
) -> RecordedEvent | DecisionNeeded:
    """Append a revocation of all or some options, effective for the future only. A
    revocation that conflicts with a recorded form or changes nothing needs ``decision``."""
    day = on or ctx.clock.today()
    received_on = entry.received_on or day
    with ctx.unit_of_work() as uow:
        template = find_row(uow.session, school_id, template_key)
        info = load_info(uow.session, template, counts=False)
        student = school_student(uow.session, school_id, entry.student_id)
        revocation = as_revocation(entry, received_on, decision)
        problems = revocation_problems(revocation, info.core, day)
        if problems:
            raise ValidationError(problems)
        history = student_events(uow.session, info, student.id)
        review = review_entry(revocation, history, info.core, facts_of(student), day)
        if review.needs_decision and decision is None:
            return DecisionNeeded(student.id, review)
        version_id = latest_version_id(uow.session, template, student.id)
        values = revocation_fields(entry, version_id, received_on, decision or Precedence.NONE)
        recorded, row = append_event(uow, template, student.id, EVENT_REVOCATION, values, info)
        return finish(uow, recorded, row, info, history, class_name, day, review)
