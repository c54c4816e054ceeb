"""Consent event rows and the rule values they stand for; appending one with its audit entry.

Shared by recording, corrections, the overview and the history, so that a stored event
reads the same everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from dpo_desk.core.consent.events import (
    ConsentEvent,
    Correction,
    FormReturned,
    Precedence,
    Revocation,
)
from dpo_desk.core.consent.values import Channel, SignerRole, StudentFacts
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.consent.templates import TemplateInfo
from dpo_desk.services.context import UnitOfWork
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models import Student
from dpo_desk.store.models.consent import EVENT_CORRECTION, EVENT_FORM, EVENT_REVOCATION
from dpo_desk.store.models.consent import ConsentEvent as EventRow
from dpo_desk.store.rows import named_rows

if TYPE_CHECKING:
    from dpo_desk.core.consent.review import EntryReview
    from dpo_desk.services.consent.overview import StudentConsent


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
    review: EntryReview | None = None
    """What the entry changed, and the notices about it (e.g. "ändert am Stand nichts")."""
    changes: Changes = changes_field()

    @property
    def changed_nothing(self) -> bool:
        return self.review is not None and not self.review.changed


# JSON columns as raw text: the few distinct answer patterns of a school are decoded once.
EVENT_COLUMNS = (
    EventRow.id,
    EventRow.student_id,
    EventRow.version_id,
    EventRow.kind,
    EventRow.replacement_kind,
    EventRow.corrects_id,
    type_coerce(EventRow.answers, Text).label("answers"),
    EventRow.signed_on,
    EventRow.received_on,
    type_coerce(EventRow.signed_by, Text).label("signed_by"),
    type_coerce(EventRow.options, Text).label("options"),
    EventRow.declared_on,
    EventRow.effective_on,
    EventRow.channel,
    EventRow.note,
    EventRow.entered_by,
    EventRow.entered_at,
    EventRow.precedence,
)


def school_student(session: Session, school_id: int, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None or student.school_id != school_id:
        raise ValidationError(
            [Problem("student", f"Schüler Nr. {student_id} gibt es an dieser Schule nicht.")]
        )
    return student


def facts_of(student: Student) -> StudentFacts:
    return StudentFacts(birth_date=student.birth_date, left_on=student.left_on)


def to_core(row: EventRow | Row, numbers: Mapping[int, int]) -> ConsentEvent:
    """An event row as a rule value; ``numbers`` maps version ids to version numbers."""
    if row.kind == EVENT_CORRECTION:
        replacement = None
        if row.replacement_kind in (EVENT_FORM, EVENT_REVOCATION):
            replacement = payload(row, row.replacement_kind, numbers)
        return Correction(
            row.id, row.corrects_id or 0, replacement, row.note, row.entered_by, row.entered_at
        )
    return payload(row, row.kind, numbers)


def student_events(session: Session, info: TemplateInfo, student_id: int) -> list[ConsentEvent]:
    """All events of one student for one template, in recording order."""
    query = (
        select(*EVENT_COLUMNS)
        .where(EventRow.template_id == info.id, EventRow.student_id == student_id)
        .order_by(EventRow.id)
    )
    numbers = info.version_numbers
    return [to_core(row, numbers) for row in named_rows(session.execute(query))]


@lru_cache(maxsize=512)
def _decoded(text: str) -> Any:
    return json.loads(text)


@lru_cache(maxsize=64)
def _signers(text: str) -> frozenset[SignerRole]:
    return frozenset(SignerRole(s) for s in json.loads(text) or ())


def _json(value: Any) -> Any:
    return _decoded(value) if isinstance(value, str) else value


def _precedence(value: str | None) -> Precedence:
    try:
        return Precedence(value or "")
    except ValueError:
        return Precedence.NONE


def payload(
    row: EventRow | Row, kind: str, numbers: Mapping[int, int]
) -> FormReturned | Revocation:
    """The form or revocation a row of ``kind`` records (a correction's replacement too)."""
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
            precedence=_precedence(row.precedence),
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
        received_on=row.received_on,
        precedence=_precedence(row.precedence),
    )


def _audit_fields(fields: Mapping[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()}


def append_event(
    uow: UnitOfWork,
    template: TemplateRow,
    student_id: int,
    kind: str,
    values: dict[str, object],
    info: TemplateInfo,
) -> tuple[RecordedEvent, EventRow]:
    """Append one event row and its audit entry; the recorded event and the row."""
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
    number = info.version_numbers.get(row.version_id)
    if number is None:
        version = uow.session.get(VersionRow, row.version_id)
        number = version.number if version is not None else 0
    uow.audit(
        "consent_event",
        row.id,
        "create",
        {"kind": kind, "template": template.key, "student_id": student_id, **_audit_fields(values)},
        school_id=template.school_id,
    )
    recorded = RecordedEvent(
        row.id,
        student_id,
        info.key,
        kind,
        number,
        row.entered_by,
        row.entered_at,
        row.corrects_id,
        dict(row.answers or {}),
    )
    return recorded, row
