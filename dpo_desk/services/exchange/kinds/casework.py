"""Casework (issue 17) in the archive: data breaches (part ``breaches``, with the register
entries and processors they concern) and data subject requests (part ``requests``, with
the student they are about). Both are recognised by their reference ("2026-03"); "keep
both" gives the archive's record the school's next free reference of its year."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.kinds.base import Record, RecordKind, Writing, from_doc, to_doc
from dpo_desk.services.exchange.kinds.register import processor_ids
from dpo_desk.services.exchange.kinds.roster import student_identities
from dpo_desk.services.references import next_reference
from dpo_desk.services.versions import mark_saved
from dpo_desk.store.models import (
    Breach,
    BreachActivity,
    BreachProcessor,
    ProcessingActivity,
    Processor,
    Student,
    SubjectRequest,
)

BREACH_FIELDS = (
    "reference",
    "title",
    "occurred_at",
    "occurred_note",
    "aware_at",
    "reported_by",
    "description",
    "data_categories",
    "subject_groups",
    "special_categories",
    "persons_count",
    "records_count",
    "consequences",
    "measures_taken",
    "measures_planned",
    "likelihood",
    "severity",
    "risk_class",
    "risk_reasoning",
    "notified_at",
    "authority_reference",
    "delay_reason",
    "no_notification_reason",
    "persons_informed_on",
    "persons_informed_how",
    "persons_not_informed_reason",
    "closed_on",
    "notes",
)
REQUEST_FIELDS = (
    "reference",
    "received_on",
    "requester_role",
    "requester_name",
    "channel",
    "subject_name",
    "kind",
    "identity_checked_on",
    "identity_method",
    "extended_until",
    "extension_reason",
    "extension_told_on",
    "status",
    "answered_on",
    "note",
    "erased_on",
    "erasure_summary",
)


def _keys(session: Session, model: Any, school_id: int) -> dict[int, str]:
    query = select(model.id, model.key).where(model.school_id == school_id)
    return {ident: key for ident, key in session.execute(query)}


def _copy_reference(writing: Writing, model: Any, values: dict[str, Any], year: int) -> None:
    values["reference"] = next_reference(writing.session, model, writing.school_id, year)


def _activity_ids(writing: Writing, keys: list[str]) -> list[int]:
    found = []
    for key in keys:
        target = writing.targets.get("activity", key) or writing.session.scalar(
            select(ProcessingActivity.id).where(
                ProcessingActivity.school_id == writing.school_id, ProcessingActivity.key == key
            )
        )
        if target is None:
            writing.warn(f"VVT-Eintrag „{key}“ fehlt: Verknüpfung der Datenpanne ausgelassen.")
        else:
            found.append(target)
    return found


class BreachKind(RecordKind):
    kind, part, key, entity, label = ("breach", "breaches", "breaches", "breach", "Datenpanne")

    def identity(self, document: dict[str, Any]) -> str:
        return str(document["reference"])

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} {document['reference']} „{document['title']}“"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        activities = _keys(session, ProcessingActivity, school_id)
        processors = _keys(session, Processor, school_id)
        records = []
        for row in session.scalars(
            select(Breach).where(Breach.school_id == school_id).order_by(Breach.reference)
        ):
            document = to_doc(row, BREACH_FIELDS)
            document["activities"] = sorted(activities[a.activity_id] for a in row.activity_links)
            document["processors"] = sorted(processors[p.processor_id] for p in row.processor_links)
            records.append(self.record(document, row.id))
        return records

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc, session, school = record.document, writing.session, writing.school_id
        values = from_doc(Breach, doc, BREACH_FIELDS)
        if existing is not None and not copy:
            row = session.get(Breach, existing)
            for name, value in values.items():
                setattr(row, name, value)
            row.activity_links.clear()
            row.processor_links.clear()
            mark_saved(row)
            session.flush()
        else:
            if copy:
                _copy_reference(writing, Breach, values, values["aware_at"].year)
            row = Breach(school_id=school, **values)
            session.add(row)
            session.flush()
        for activity_id in _activity_ids(writing, doc["activities"]):
            row.activity_links.append(BreachActivity(school_id=school, activity_id=activity_id))
        for processor_id in processor_ids(writing, doc["processors"]):
            row.processor_links.append(BreachProcessor(school_id=school, processor_id=processor_id))
        session.flush()
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"reference": row.reference, "as": _as(existing, copy)},
            school_id=school,
        )
        return row.id


class RequestKind(RecordKind):
    kind, part, key, entity, label = (
        "subject_request",
        "requests",
        "requests",
        "subject_request",
        "Anfrage",
    )

    def identity(self, document: dict[str, Any]) -> str:
        return str(document["reference"])

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} {document['reference']}"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        students = student_identities(session, school_id)
        records = []
        for row in session.scalars(
            select(SubjectRequest)
            .where(SubjectRequest.school_id == school_id)
            .order_by(SubjectRequest.reference)
        ):
            document = to_doc(row, REQUEST_FIELDS)
            document["student"] = students.get(row.student_id) if row.student_id else None
            records.append(self.record(document, row.id))
        return records

    def _student(self, writing: Writing, identity: str | None) -> int | None:
        """The student the request is about: imported now, or already in the school."""
        if not identity:
            return None
        found = writing.targets.get("student", identity)
        if found is None:
            known = writing.targets.extra.get("student_identities")
            if known is None:
                known = {
                    ident: sid
                    for sid, ident in student_identities(writing.session, writing.school_id).items()
                }
                writing.targets.extra["student_identities"] = known
            found = known.get(identity)
        if found is None or writing.session.get(Student, found) is None:
            writing.warn(
                "Anfragen zu Schüler/innen, die weder im Archiv noch in der Schule sind, "
                "wurden ohne Verknüpfung übernommen (der Name bleibt als Nachweis)."
            )
            return None
        return found

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc, session, school = record.document, writing.session, writing.school_id
        values = from_doc(SubjectRequest, doc, REQUEST_FIELDS)
        values["student_id"] = self._student(writing, doc.get("student"))
        if existing is not None and not copy:
            row = session.get(SubjectRequest, existing)
            for name, value in values.items():
                setattr(row, name, value)
            mark_saved(row)
        else:
            if copy:
                _copy_reference(writing, SubjectRequest, values, values["received_on"].year)
            row = SubjectRequest(school_id=school, **values)
            session.add(row)
        session.flush()
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"reference": row.reference, "as": _as(existing, copy)},
            school_id=school,
        )
        return row.id


def _as(existing: int | None, copy: bool) -> str:
    return "copy" if copy else "replace" if existing else "new"


BREACH_KINDS: list[RecordKind] = [BreachKind()]
REQUEST_KINDS: list[RecordKind] = [RequestKind()]
