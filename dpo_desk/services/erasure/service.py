"""Person löschen: plan what goes, erase it in one transaction, make sure no copy is left.

See the package docstring for the contract other areas rely on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Text, or_, select
from sqlalchemy.orm import Session

from dpo_desk.core.audit.chain import values_digest
from dpo_desk.services.changes import Area, Changes, changes_field
from dpo_desk.services.context import ServiceContext, UnitOfWork
from dpo_desk.services.erasure.backups import HoldingBackup, backup_lines, holding_backups
from dpo_desk.services.erasure.parts import PARTS, PersonPart
from dpo_desk.services.erasure.traces import TraceReport, look_for_traces, person_terms
from dpo_desk.services.versions import check_version
from dpo_desk.store.models import AuditEvent, Student

log = logging.getLogger(__name__)

ERASE = "erase"


@dataclass(frozen=True)
class PlannedPart:
    label: str
    count: int


@dataclass(frozen=True)
class ErasurePlan:
    student_id: int
    school_id: int
    name: str
    birth_date: date
    left_on: date | None
    entered_at: datetime
    parts: tuple[PlannedPart, ...]
    audit_entries: int
    backups: tuple[HoldingBackup, ...]
    row_version: int

    def lines(self) -> list[str]:
        """What would go, in German (the dialog and ``roster erase`` show it)."""
        lines = [f"{self.name}, geboren {self.birth_date:%d.%m.%Y}"]
        if self.left_on:
            lines[0] += f", abgegangen {self.left_on:%d.%m.%Y}"
        lines.append("Gelöscht werden:")
        lines += [f"  • {p.label}: {p.count}" for p in self.parts if p.count]
        lines.append(
            f"  • Werte in {self.audit_entries} Einträgen des Änderungsprotokolls (die "
            "Einträge bleiben, mit „gelöscht am … von …“)"
        )
        return lines + backup_lines(list(self.backups))


@dataclass(frozen=True)
class ErasureResult:
    erased: int  # people
    rows: int
    audit_entries: int
    traces: TraceReport
    backups: tuple[HoldingBackup, ...]
    changes: Changes = changes_field()

    def lines(self) -> list[str]:
        lines = [
            f"Gelöscht: {self.erased} Person(en), {self.rows} Datensätze; "
            f"{self.audit_entries} Protokolleinträge geleert."
        ]
        return lines + self.traces.lines() + backup_lines(list(self.backups))


@dataclass
class _Person:
    student: Student
    terms: list[str] = field(default_factory=list)


def _load(session: Session, student_id: int) -> Student:
    from dpo_desk.services.roster.students import _load as load_student

    return load_student(session, student_id)


def _ordered_parts() -> list[PersonPart]:
    """The student's own row last: the other parts' rows point at it."""
    return sorted(PARTS.values(), key=lambda p: p.key == "student")


def _named_audit_ids(session: Session, student: Student) -> list[int]:
    """Entries of other records whose values name the person (first and last name)."""
    found = []
    names = [student.last_name, student.first_names]
    conditions = []
    for name in names:
        escaped = json.dumps(name)[1:-1]
        text = AuditEvent.changes.cast(Text())
        conditions.append(
            or_(text.contains(name, autoescape=True), text.contains(escaped, autoescape=True))
        )
    query = select(AuditEvent.id).where(
        AuditEvent.erased_at.is_(None), AuditEvent.action != ERASE, *conditions
    )
    found.extend(session.scalars(query))
    return found


def _audit_ids(session: Session, student: Student) -> list[int]:
    ids: set[int] = set()
    for part in PARTS.values():
        ids.update(part.audit_ids(session, student.id))
    ids.update(_named_audit_ids(session, student))
    return sorted(ids)


def erasure_plan(ctx: ServiceContext, student_id: int) -> ErasurePlan:
    with ctx.reading() as session:
        student = _load(session, student_id)
        parts = tuple(PlannedPart(p.label, p.count(session, student_id)) for p in _ordered_parts())
        audit = len(_audit_ids(session, student))
        plan_values = (
            student.school_id,
            f"{student.first_names} {student.last_name}",
            student.birth_date,
            student.left_on,
            student.created_at,
            student.row_version,
        )
    school_id, name, birth, left_on, entered, version = plan_values
    return ErasurePlan(
        student_id,
        school_id,
        name,
        birth,
        left_on,
        entered,
        parts,
        audit,
        tuple(holding_backups(ctx, entered)),
        version,
    )


def blank_audit_entries(uow: UnitOfWork, ids: Sequence[int], now: datetime) -> int:
    """Blank the values of these entries: keys stay, values go, the digest the chain covers
    is kept, the salt deleted; the entry reads "gelöscht am … von …"."""
    blanked = 0
    for event in uow.session.scalars(select(AuditEvent).where(AuditEvent.id.in_(list(ids)))):
        if event.erased_at is not None:
            continue
        changes = event.changes if isinstance(event.changes, dict) else {"Werte": None}
        event.erased_digest = values_digest(event.salt, event.changes) if event.salt else ""
        event.changes = dict.fromkeys(changes)
        event.salt = ""
        event.erased_at = now
        event.erased_by = uow.actor
        blanked += 1
    return blanked


def _erase_one(uow: UnitOfWork, student: Student, reason: str, now: datetime) -> tuple[int, int]:
    session = uow.session
    audit_ids = _audit_ids(session, student)
    counts: dict[str, int] = {}
    for part in _ordered_parts():
        counts[part.key] = part.erase(session, student.id)
    blanked = blank_audit_entries(uow, audit_ids, now)
    uow.audit(
        "student",
        student.id,
        ERASE,
        {"reason": reason, "blanked_events": audit_ids, "erased": counts},
        school_id=student.school_id,
    )
    uow.touch(Area.CONSENT, student.school_id)
    return sum(counts.values()), blanked


def erase_students(
    ctx: ServiceContext,
    student_ids: Sequence[int],
    *,
    reason: str,
    expected_versions: dict[int, int] | None = None,
) -> ErasureResult:
    """Erase these students in one transaction, then look for copies left behind."""
    expected_versions = expected_versions or {}
    people: list[_Person] = []
    holding: dict[str, HoldingBackup] = {}
    rows = blanked = 0
    with ctx.unit_of_work() as uow:
        now = ctx.clock.now()
        for student_id in student_ids:
            student = _load(uow.session, student_id)
            check_version(
                uow.session,
                student,
                expected_versions.get(student_id),
                entity_type="student",
                label=f"Der Eintrag von {student.first_names} {student.last_name}",
            )
            terms = person_terms(
                student.last_name, student.first_names, student.guardian_1, student.guardian_2
            )
            people.append(_Person(student, terms))
            for backup in holding_backups(ctx, student.created_at):
                holding[backup.name] = backup
            erased, emptied = _erase_one(uow, student, reason, now)
            rows += erased
            blanked += emptied
        changes = uow.changes
    log.info("erasure: %d students, %d rows, %d audit entries", len(people), rows, blanked)
    terms = [t for person in people for t in person.terms]
    traces = look_for_traces(ctx, terms)
    if not traces.clean:
        log.warning("erasure: copies left in %d places", len(traces.leftovers))
    backups = tuple(sorted(holding.values(), key=lambda b: b.created))
    return ErasureResult(len(people), rows, blanked, traces, backups, changes=changes)


def erase_student(
    ctx: ServiceContext,
    student_id: int,
    *,
    reason: str = "Person gelöscht",
    expected_version: int | None = None,
) -> ErasureResult:
    versions = {student_id: expected_version} if expected_version is not None else None
    return erase_students(ctx, [student_id], reason=reason, expected_versions=versions)
