"""Reading the change log for the viewer and ``dpo-desk audit list``.

Every entry becomes a ``core.audit.filtering.LogRow``: when, who, the school, the area, the
record by its present name (or "Nr. n (gelöscht)"), the action and the values, with the
search text precomputed. Erased entries read "gelöscht am … von …".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.audit.filtering import LogRow, search_text
from dpo_desk.core.audit.reading import (
    action_label,
    entity_label,
    erased_note,
)
from dpo_desk.services.changes import AREA_OF_ENTITY, Area
from dpo_desk.services.context import ServiceContext
from dpo_desk.store.models import (
    AuditEvent,
    ConsentTemplate,
    DsfaAssessment,
    DsfaScenario,
    LibraryItem,
    ProcessingActivity,
    Processor,
    SchoolClass,
    Student,
    TomMeasure,
)
from dpo_desk.store.models import School as SchoolRow

AREA_LABELS: dict[str, str] = {
    Area.SCHOOLS: "Schulen",
    Area.SETTINGS: "Einstellungen",
    Area.ROSTER: "Schüler & Klassen",
    Area.CONSENT: "Einwilligungen",
    Area.TEMPLATES: "Einwilligungsvorlagen",
    Area.REGISTER: "Verarbeitungsverzeichnis",
    Area.PROCESSORS: "Auftragsverarbeiter & TOM",
    Area.DSFA: "DSFA",
    Area.BACKUP: "Sicherung & Datenbank",
    Area.BREACHES: "Datenpannen",
    Area.REQUESTS: "Anfragen",
    Area.LIBRARY: "Bibliothek",
}


def area_label(area: str) -> str:
    return AREA_LABELS.get(area, area or "Sonstiges")


def area_of(entity_type: str) -> str:
    area = AREA_OF_ENTITY.get(entity_type)
    return str(area) if area is not None else ""


NameQuery = Callable[[Session], dict[int, str]]


def _names(session: Session, columns: Any, label: Callable[..., str]) -> dict[int, str]:
    return {row[0]: label(*row[1:]) for row in session.execute(select(*columns))}


def _dsfa_names(session: Session) -> dict[int, str]:
    rows = session.execute(
        select(DsfaAssessment.id, ProcessingActivity.name, DsfaAssessment.version).join(
            ProcessingActivity, ProcessingActivity.id == DsfaAssessment.activity_id
        )
    )
    return {ident: f"{name}, Version {version}" for ident, name, version in rows}


NAMES: dict[str, NameQuery] = {
    "school": lambda s: _names(s, (SchoolRow.id, SchoolRow.name), str),
    "student": lambda s: _names(
        s, (Student.id, Student.last_name, Student.first_names), lambda a, b: f"{a}, {b}"
    ),
    "school_class": lambda s: _names(
        s, (SchoolClass.id, SchoolClass.name, SchoolClass.school_year), lambda n, y: f"{n} ({y})"
    ),
    "activity": lambda s: _names(s, (ProcessingActivity.id, ProcessingActivity.name), str),
    "processor": lambda s: _names(s, (Processor.id, Processor.name), str),
    "tom": lambda s: _names(s, (TomMeasure.id, TomMeasure.title), str),
    "consent_template": lambda s: _names(s, (ConsentTemplate.id, ConsentTemplate.title), str),
    "dsfa": lambda s: _dsfa_names(s),
    "dsfa_scenario": lambda s: _names(s, (DsfaScenario.id, DsfaScenario.title), str),
    "library_item": lambda s: _names(s, (LibraryItem.id, LibraryItem.title), str),
}
"""Present names of the records an entry can be about (other kinds show their number)."""


def record_text(entity_type: str, entity_id: int | None, names: dict[str, dict[int, str]]) -> str:
    label = entity_label(entity_type)
    if entity_id is None:
        return label
    name = names.get(entity_type, {}).get(entity_id)
    if name is not None:
        return f"{label} „{name}“"
    if entity_type in names:
        return f"{label} Nr. {entity_id} (gelöscht)"
    return f"{label} Nr. {entity_id}"


def _local_day(moment: datetime) -> int:
    return moment.astimezone().date().toordinal()


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def load_log(
    ctx: ServiceContext,
    *,
    school_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[LogRow]:
    """The entries (newest first), optionally only of one school and between two local
    days (inclusive)."""
    with ctx.reading() as session:
        names = {kind: query(session) for kind, query in NAMES.items()}
        schools = names["school"]
        query = select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            AuditEvent.actor,
            AuditEvent.school_id,
            AuditEvent.entity_type,
            AuditEvent.entity_id,
            AuditEvent.action,
            AuditEvent.changes,
            AuditEvent.erased_at,
            AuditEvent.erased_by,
        ).order_by(AuditEvent.id.desc())
        if school_id is not None:
            query = query.where(AuditEvent.school_id == school_id)
        if since is not None:
            query = query.where(AuditEvent.occurred_at >= _start_of(since))
        if until is not None:
            query = query.where(
                AuditEvent.occurred_at < _start_of(date.fromordinal(until.toordinal() + 1))
            )
        rows = session.execute(query).all()
    return [_row(r, names, schools) for r in rows]


def _row(raw: Any, names: dict[str, dict[int, str]], schools: dict[int, str]) -> LogRow:
    (ident, moment, actor, school, kind, entity, action, changes, erased_at, erased_by) = raw
    record = record_text(kind, entity, names)
    school_name = schools.get(school, "") if school is not None else ""
    note = erased_note(erased_at, erased_by)
    values = note or json.dumps(changes, ensure_ascii=False)
    area = area_of(kind)
    return LogRow(
        id=ident,
        occurred_at=moment,
        day=_local_day(moment),
        actor=actor,
        school_id=school,
        school_name=school_name,
        area=area,
        entity_type=kind,
        entity_id=entity,
        record=record,
        action=action,
        changes=changes,
        erased_at=erased_at,
        erased_by=erased_by,
        haystack=search_text(
            actor, school_name, record, action_label(action), area_label(area), values
        ),
    )
