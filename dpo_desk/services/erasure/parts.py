"""The parts of a person's data, one per area that stores it.

Each ``PersonPart`` counts the rows it holds about a student, deletes them inside the
erasure's transaction and names the change-log entries about them (whose values are then
blanked). Roster and consent are built in; another area registers its own part with
``register_part`` when its module is imported (``services.erasure.service`` imports the
modules listed in ``PART_MODULES``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dpo_desk.store.models import AuditEvent, ConsentEvent, Enrolment, Student

Count = Callable[[Session, int], int]
Erase = Callable[[Session, int], int]
AuditIds = Callable[[Session, int], list[int]]


@dataclass(frozen=True)
class PersonPart:
    key: str
    label: str  # German, plural noun phrase: "Einwilligungs-Einträge"
    count: Count
    erase: Erase
    audit_ids: AuditIds


PARTS: dict[str, PersonPart] = {}


def register_part(part: PersonPart) -> None:
    PARTS[part.key] = part


def live_audit_ids(session: Session, entity_type: str, entity_ids: list[int]) -> list[int]:
    """Unblanked entries about these records (not an erasure's own entry: a record id the
    database gave again later must not reach the entries of the erased person)."""
    if not entity_ids:
        return []
    return list(
        session.scalars(
            select(AuditEvent.id).where(
                AuditEvent.entity_type == entity_type,
                AuditEvent.entity_id.in_(entity_ids),
                AuditEvent.erased_at.is_(None),
                AuditEvent.action != "erase",
            )
        )
    )


def _consent_ids(session: Session, student_id: int) -> list[int]:
    return list(
        session.scalars(select(ConsentEvent.id).where(ConsentEvent.student_id == student_id))
    )


def _erase_consents(session: Session, student_id: int) -> int:
    erased = 0
    # Corrections first: they point at the entries they correct.
    for kinds in (("correction",), ("form", "revocation")):
        result = session.execute(
            delete(ConsentEvent).where(
                ConsentEvent.student_id == student_id, ConsentEvent.kind.in_(kinds)
            )
        )
        erased += result.rowcount or 0
    leftover = session.execute(delete(ConsentEvent).where(ConsentEvent.student_id == student_id))
    return erased + (leftover.rowcount or 0)


def _consent_audit(session: Session, student_id: int) -> list[int]:
    return live_audit_ids(session, "consent_event", _consent_ids(session, student_id)) + (
        live_audit_ids(session, "consent_proof", [student_id])
    )


def _count(model: type, student_id: int) -> Callable[[Session, int], int]:
    return lambda session, sid: (
        session.scalar(select(func.count()).select_from(model).where(model.student_id == sid)) or 0
    )


register_part(
    PersonPart(
        "consent",
        "Einwilligungs-Einträge (Erklärungen, Widerrufe, Korrekturen) mit Nachweis",
        lambda s, sid: _count(ConsentEvent, sid)(s, sid),
        _erase_consents,
        _consent_audit,
    )
)
register_part(
    PersonPart(
        "enrolment",
        "Klassenzuordnungen (je Schuljahr)",
        lambda s, sid: _count(Enrolment, sid)(s, sid),
        lambda s, sid: (
            s.execute(delete(Enrolment).where(Enrolment.student_id == sid)).rowcount or 0
        ),
        lambda s, sid: [],
    )
)
register_part(
    PersonPart(
        "student",
        "Stammdaten (Name, Geburtsdatum, Schüler-ID, Erziehungsberechtigte, Abgang)",
        lambda s, sid: 1 if s.get(Student, sid) is not None else 0,
        lambda s, sid: s.execute(delete(Student).where(Student.id == sid)).rowcount or 0,
        lambda s, sid: live_audit_ids(s, "student", [sid]),
    )
)
