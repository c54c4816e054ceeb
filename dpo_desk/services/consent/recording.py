"""Recording consent events: returned forms, revocations, corrections, undo.

Every call is one short transaction that appends one event and one audit entry, so two
windows recording the same class at once never lose an entry. Nothing is overwritten:
a mistake is fixed by a correction event; the original stays in the history.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from dpo_desk.core.consent.validation import returned_form_problems, revocation_problems
from dpo_desk.core.consent.values import (
    Channel,
    ConsentEvent,
    Correction,
    FormReturned,
    Revocation,
    SignerRole,
    StudentFacts,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.consent.templates import TemplateInfo, find_row, load_info
from dpo_desk.services.context import ServiceContext, UnitOfWork
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models import Student
from dpo_desk.store.models.consent import (
    EVENT_CORRECTION,
    EVENT_FORM,
    EVENT_REVOCATION,
)
from dpo_desk.store.models.consent import ConsentEvent as EventRow

if TYPE_CHECKING:
    from dpo_desk.services.consent.overview import StudentConsent


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
    """A revocation as it reached the school; ``options`` None means all options."""

    student_id: int
    declared_on: date
    channel: Channel
    options: frozenset[str] | None = None
    effective_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class RecordedEvent:
    id: int
    student_id: int
    template_key: str
    kind: str
    version: int
    entered_by: str
    entered_at: datetime
    corrects_id: int | None = None
    answers: dict[str, bool | None] = field(default_factory=dict)
    status: StudentConsent | None = None
    """The student's consent after this event, when the caller asked for it (``class_name``):
    the recording grid shows it without reading the student again."""
    changes: Changes = changes_field()


@dataclass(frozen=True)
class RecordedStack:
    events: list[RecordedEvent]
    changes: Changes = changes_field()


def finish(
    uow: UnitOfWork,
    event: RecordedEvent,
    info: TemplateInfo,
    class_name: str | None,
    day: date,
) -> RecordedEvent:
    """The event with what it changed and, for ``class_name``, the student's new status."""
    status = None
    if class_name is not None:
        # Imported here: the status module reads events with this module's converters.
        from dpo_desk.services.consent.overview import consent_in_session

        uow.session.flush()
        status = consent_in_session(uow.session, info, event.student_id, class_name, day)
    return reported(dataclass_replace(event, status=status), uow.changes)


def school_student(session: Session, school_id: int, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None or student.school_id != school_id:
        raise ValidationError(
            [Problem("student", f"Schüler Nr. {student_id} gibt es an dieser Schule nicht.")]
        )
    return student


def facts_of(student: Student) -> StudentFacts:
    return StudentFacts(birth_date=student.birth_date, left_on=student.left_on)


def _version_row(session: Session, template_id: int, number: int) -> VersionRow | None:
    return session.scalar(
        select(VersionRow).where(VersionRow.template_id == template_id, VersionRow.number == number)
    )


def to_core(row: EventRow | Row, numbers: Mapping[int, int]) -> ConsentEvent:
    """An event row as a rule value; ``numbers`` maps version ids to version numbers."""
    if row.kind == EVENT_CORRECTION:
        replacement = None
        if row.replacement_kind in (EVENT_FORM, EVENT_REVOCATION):
            replacement = _payload(row, row.replacement_kind, numbers)
        return Correction(
            row.id, row.corrects_id or 0, replacement, row.note, row.entered_by, row.entered_at
        )
    return _payload(row, row.kind, numbers)


@lru_cache(maxsize=512)
def _decoded(text: str) -> Any:
    return json.loads(text)


@lru_cache(maxsize=64)
def _signers(text: str) -> frozenset[SignerRole]:
    return frozenset(SignerRole(s) for s in json.loads(text) or ())


def _json(value: Any) -> Any:
    """JSON columns may come as raw text (status of a whole school: the few distinct
    answer patterns are decoded once each) or already decoded."""
    return _decoded(value) if isinstance(value, str) else value


def _payload(
    row: EventRow | Row, kind: str, numbers: Mapping[int, int]
) -> FormReturned | Revocation:
    if kind == EVENT_FORM:
        signed_by = row.signed_by
        return FormReturned(
            event_id=row.id,
            template_version=numbers.get(row.version_id, 0),
            answers=dict(_json(row.answers) or {}),
            received_on=row.received_on or row.entered_at.date(),
            signed_on=row.signed_on,
            signed_by=_signers(signed_by)
            if isinstance(signed_by, str)
            else frozenset(SignerRole(s) for s in signed_by or ()),
            recorded_by=row.entered_by,
            recorded_at=row.entered_at,
        )
    return Revocation(
        event_id=row.id,
        declared_on=row.declared_on or row.entered_at.date(),
        channel=Channel(row.channel) if row.channel else Channel.NOTE,
        options=None if _json(row.options) is None else frozenset(_json(row.options)),
        effective_on=row.effective_on,
        note=row.note,
        recorded_by=row.entered_by,
        recorded_at=row.entered_at,
    )


def form_fields(entry: FormEntry, version_id: int) -> dict[str, object]:
    return {
        "version_id": version_id,
        "answers": {key: entry.answers[key] for key in sorted(entry.answers)},
        "signed_on": entry.signed_on,
        "received_on": entry.received_on,
        "signed_by": sorted(role.value for role in entry.signed_by),
        "entry_method": entry.entry_method,
        "note": entry.note.strip(),
    }


def revocation_fields(entry: RevocationEntry, version_id: int) -> dict[str, object]:
    return {
        "version_id": version_id,
        "options": None if entry.options is None else sorted(entry.options),
        "declared_on": entry.declared_on,
        "effective_on": entry.effective_on or entry.declared_on,
        "channel": entry.channel.value,
        "note": entry.note.strip(),
    }


def _audit_fields(fields: Mapping[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()}


def append_event(
    uow: UnitOfWork,
    template: TemplateRow,
    student_id: int,
    kind: str,
    values: dict[str, object],
    info: TemplateInfo,
) -> RecordedEvent:
    row = EventRow(
        school_id=template.school_id,
        student_id=student_id,
        template_id=template.id,
        kind=kind,
        entered_by=uow.actor,
        **values,
    )
    uow.session.add(row)
    uow.session.flush()
    version = uow.session.get(VersionRow, row.version_id)
    uow.audit(
        "consent_event",
        row.id,
        "create",
        {"kind": kind, "template": template.key, "student_id": student_id, **_audit_fields(values)},
        school_id=template.school_id,
    )
    return RecordedEvent(
        row.id,
        student_id,
        info.key,
        kind,
        version.number if version is not None else 0,
        row.entered_by,
        row.entered_at,
        row.corrects_id,
        dict(row.answers or {}),
    )


def form_problems(
    entry: FormEntry, student: Student, info: TemplateInfo, number: int, day: date
) -> list[Problem]:
    form = FormReturned(
        event_id=0,
        template_version=number,
        answers=entry.answers,
        received_on=entry.received_on,
        signed_on=entry.signed_on,
        signed_by=entry.signed_by,
    )
    problems = returned_form_problems(form, facts_of(student), info.core, day)
    if student.status == "left" and student.left_on is None:
        problems.append(Problem("student", "Die Schülerin bzw. der Schüler ist abgegangen."))
    name = f"{student.first_names} {student.last_name}"
    return [Problem(p.field, f"{name}: {p.message}") for p in problems]


def record_form(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    entry: FormEntry,
    version: int | None = None,
    on: date | None = None,
    class_name: str | None = None,
) -> RecordedEvent:
    """Append a returned form for the version printed on it (default: the current one).
    With ``class_name`` the result carries the student's new status (``status``)."""
    day = on or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        template = find_row(uow.session, school_id, template_key)
        info = load_info(uow.session, template, counts=False)
        number = version or info.current_version
        student = school_student(uow.session, school_id, entry.student_id)
        problems = form_problems(entry, student, info, number, day)
        if problems:
            raise ValidationError(problems)
        version_id = next(v.id for v in info.versions if v.number == number)
        event = append_event(
            uow, template, student.id, EVENT_FORM, form_fields(entry, version_id), info
        )
        return finish(uow, event, info, class_name, day)


def record_forms(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    entries: list[FormEntry],
    on: date | None = None,
) -> RecordedStack:
    """A whole stack of current-version forms at once: all checked first, then written in
    one transaction (one event and one audit entry each); any problem stores nothing."""
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
        problems: list[Problem] = []
        for entry in entries:
            student = students.get(entry.student_id)
            if student is None:
                problems.append(
                    Problem("student", f"Schüler Nr. {entry.student_id} gibt es hier nicht.")
                )
            else:
                problems += form_problems(entry, student, info, info.current_version, day)
        if problems:
            raise ValidationError(problems)
        version_row = _version_row(uow.session, template.id, info.current_version)
        assert version_row is not None
        events = [
            append_event(
                uow,
                template,
                entry.student_id,
                EVENT_FORM,
                form_fields(entry, version_row.id),
                info,
            )
            for entry in entries
        ]
        return RecordedStack(events, changes=uow.changes)


def _latest_version_id(session: Session, template: TemplateRow, student_id: int) -> int:
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


def record_revocation(
    ctx: ServiceContext,
    school_id: int,
    template_key: str,
    entry: RevocationEntry,
    on: date | None = None,
    class_name: str | None = None,
) -> RecordedEvent:
    """Append a revocation of all or some options, effective for the future only."""
    day = on or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        template = find_row(uow.session, school_id, template_key)
        info = load_info(uow.session, template, counts=False)
        student = school_student(uow.session, school_id, entry.student_id)
        revocation = Revocation(
            0, entry.declared_on, entry.channel, entry.options, entry.effective_on, entry.note
        )
        problems = revocation_problems(revocation, info.core, day)
        if problems:
            raise ValidationError(problems)
        version_id = _latest_version_id(uow.session, template, student.id)
        event = append_event(
            uow,
            template,
            student.id,
            EVENT_REVOCATION,
            revocation_fields(entry, version_id),
            info,
        )
        return finish(uow, event, info, class_name, day)
