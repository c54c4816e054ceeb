"""Consent templates with all their text versions (part ``consent_templates``) and the
consent events of the students (part ``consents``).

A text version that a consent refers to is never changed by an import (it is the proof of
what was signed): a different version of the same number is kept and named. Events are
appended history: an event is identified with its content, so it is either identical or
new, never a conflict.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.format import canonical
from dpo_desk.services.exchange.kinds.base import (
    BOTH,
    KEEP,
    Record,
    RecordKind,
    Writing,
    free_key,
    from_doc,
    to_doc,
)
from dpo_desk.services.exchange.kinds.roster import student_identities
from dpo_desk.services.versions import mark_saved
from dpo_desk.store.models import (
    ConsentEvent,
    ConsentTemplate,
    ConsentTemplateVersion,
)

TEMPLATE_FIELDS = (
    "key",
    "title",
    "catalogue_key",
    "grades",
    "class_names",
    "condition_ended_on",
    "retired",
)
VERSION_FIELDS = (
    "number",
    "title",
    "purpose",
    "information_text",
    "declaration_text",
    "voluntary_note",
    "options",
    "co_signature_age",
    "student_alone_age",
    "duration_kind",
    "end_date",
    "condition",
    "renewal_years",
    "retention_years",
    "released_on",
    "created_at",
    "created_by",
    "change_kind",
    "renew_consents",
    "head_signature",
    "legacy_print",
)
EVENT_FIELDS = (
    "kind",
    "replacement_kind",
    "answers",
    "signed_on",
    "received_on",
    "signed_by",
    "options",
    "declared_on",
    "effective_on",
    "channel",
    "entry_method",
    "note",
    "entered_by",
    "entered_at",
    "precedence",
    "version_basis",
)
LATER_EVENT_FIELDS = ("precedence", "version_basis")
"""Added in format version 3: not part of an event's identity (an entry of an older archive
stays the same entry)."""


class TemplateKind(RecordKind):
    kind, part, key, entity, label = (
        "consent_template",
        "consent_templates",
        "templates",
        "consent_template",
        "Einwilligungsvorlage",
    )

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        versions: dict[int, list[ConsentTemplateVersion]] = {}
        for version in session.scalars(
            select(ConsentTemplateVersion)
            .where(ConsentTemplateVersion.school_id == school_id)
            .order_by(ConsentTemplateVersion.number)
        ):
            versions.setdefault(version.template_id, []).append(version)
        records = []
        for row in session.scalars(
            select(ConsentTemplate)
            .where(ConsentTemplate.school_id == school_id)
            .order_by(ConsentTemplate.key)
        ):
            document = to_doc(row, TEMPLATE_FIELDS)
            document["versions"] = [to_doc(v, VERSION_FIELDS) for v in versions.get(row.id, [])]
            records.append(self.record(document, row.id))
        return records

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc, session, school = record.document, writing.session, writing.school_id
        values = from_doc(ConsentTemplate, doc, TEMPLATE_FIELDS)
        if existing is not None and not copy:
            row = session.get(ConsentTemplate, existing)
            for name, value in values.items():
                setattr(row, name, value)
            mark_saved(row)
        else:
            if copy:
                taken = set(
                    session.scalars(
                        select(ConsentTemplate.key).where(ConsentTemplate.school_id == school)
                    )
                )
                values["key"] = free_key(taken, values["key"], 40)
                values["title"] = f"{values['title']} (importiert)"
            row = ConsentTemplate(school_id=school, **values)
            session.add(row)
        session.flush()
        self._versions(writing, row, doc["versions"])
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"key": row.key, "title": row.title, "versions": len(doc["versions"])},
            school_id=school,
        )
        return row.id

    def _versions(
        self, writing: Writing, row: ConsentTemplate, versions: list[dict[str, Any]]
    ) -> None:
        session = writing.session
        stored = {
            v.number: v
            for v in session.scalars(
                select(ConsentTemplateVersion).where(ConsentTemplateVersion.template_id == row.id)
            )
        }
        for item in versions:
            values = from_doc(ConsentTemplateVersion, item, VERSION_FIELDS)
            have = stored.get(values["number"])
            if have is None:
                session.add(
                    ConsentTemplateVersion(
                        school_id=writing.school_id, template_id=row.id, **values
                    )
                )
                continue
            stored_doc = to_doc(have, VERSION_FIELDS)
            if all(stored_doc[k] == v for k, v in item.items() if k in stored_doc):
                continue
            used = session.scalar(select(exists().where(ConsentEvent.version_id == have.id)))
            if used:
                writing.warn(
                    f"„{row.title}“: Fassung {have.number} ist schon verwendet und bleibt, wie "
                    "sie ist (Nachweis); die abweichende Fassung aus dem Archiv wurde nicht "
                    "übernommen."
                )
                continue
            for name, value in values.items():
                setattr(have, name, value)
        session.flush()

    def link(self, writing: Writing, record: Record, entity_id: int) -> None:
        writing.targets.put(self.kind, record.identity, entity_id)
        versions = dict(
            writing.session.execute(
                select(ConsentTemplateVersion.number, ConsentTemplateVersion.id).where(
                    ConsentTemplateVersion.template_id == entity_id
                )
            ).all()
        )
        for number, version_id in versions.items():
            writing.targets.put("consent_version", f"{record.identity}#{number}", version_id)


def _event_identity(document: dict[str, Any]) -> str:
    content = {k: v for k, v in document.items() if k != "corrects" and k not in LATER_EVENT_FIELDS}
    short = hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()[:16]
    return "|".join(
        (
            document["student"],
            document["template"],
            str(document["version"]),
            document["kind"],
            document["entered_at"] or "",
            short,
        )
    )


class EventKind(RecordKind):
    kind, part, key, entity, label = (
        "consent_event",
        "consents",
        "events",
        "consent_event",
        "Einwilligungs-Eintrag",
    )
    choices = (KEEP, BOTH)

    def identity(self, document: dict[str, Any]) -> str:
        return _event_identity(document)

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} {document['template']} ({document['kind']}), {document['student']}"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        students = student_identities(session, school_id)
        templates = dict(
            session.execute(
                select(ConsentTemplate.id, ConsentTemplate.key).where(
                    ConsentTemplate.school_id == school_id
                )
            ).all()
        )
        numbers = dict(
            session.execute(
                select(ConsentTemplateVersion.id, ConsentTemplateVersion.number).where(
                    ConsentTemplateVersion.school_id == school_id
                )
            ).all()
        )
        rows = session.scalars(
            select(ConsentEvent)
            .where(ConsentEvent.school_id == school_id)
            .order_by(ConsentEvent.id)
        ).all()
        identities: dict[int, str] = {}
        records = []
        for row in rows:
            document = {
                "student": students[row.student_id],
                "template": templates[row.template_id],
                "version": numbers[row.version_id],
                **to_doc(row, EVENT_FIELDS),
                "corrects": identities.get(row.corrects_id) if row.corrects_id else None,
            }
            record = self.record(document, row.id)
            identities[row.id] = record.identity
            records.append(record)
        return records

    def _values(self, writing: Writing, doc: dict[str, Any]) -> dict[str, Any] | None:
        """The row's columns, references resolved; None (with a warning) when one is missing."""
        student = writing.targets.get("student", doc["student"])
        version = writing.targets.get("consent_version", f"{doc['template']}#{doc['version']}")
        template = writing.targets.get("consent_template", doc["template"])
        if student is None or version is None or template is None:
            writing.warn(
                "Einwilligungs-Einträge ohne passende Schüler/in oder Vorlagenfassung wurden "
                "ausgelassen."
            )
            return None
        return {
            "school_id": writing.school_id,
            "student_id": student,
            "template_id": template,
            "version_id": version,
            "corrects_id": writing.targets.get(self.kind, doc["corrects"])
            if doc["corrects"]
            else None,
            **from_doc(ConsentEvent, doc, EVENT_FIELDS),
        }

    def create_many(self, writing: Writing, records: list[Record]) -> list[int]:
        """In waves: an entry is written once the entry it corrects has its id."""
        ids = {r.identity: 0 for r in records}
        pending = list(records)
        while pending:
            ready = [
                r
                for r in pending
                if not r.document["corrects"]
                or r.document["corrects"] not in ids
                or ids[r.document["corrects"]]
            ]
            if not ready:
                ready = pending  # a loop of corrections cannot be: write them unlinked
            pending = [r for r in pending if r not in ready] if len(ready) < len(pending) else []
            rows = [(r, self._values(writing, r.document)) for r in ready]
            rows = [(r, v) for r, v in rows if v is not None]
            if not rows:
                continue
            new_ids = writing.session.scalars(
                insert(ConsentEvent).returning(ConsentEvent.id, sort_by_parameter_order=True),
                [v for _, v in rows],
            ).all()
            for (record, values), new_id in zip(rows, new_ids, strict=True):
                ids[record.identity] = new_id
                writing.targets.put(self.kind, record.identity, new_id)
                writing.uow.audit(
                    self.entity,
                    new_id,
                    "import",
                    {
                        "kind": values["kind"],
                        "template": record.document["template"],
                        "student_id": values["student_id"],
                    },
                    school_id=writing.school_id,
                )
        return [ids[r.identity] for r in records]

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc = record.document
        student = writing.targets.get("student", doc["student"])
        version = writing.targets.get("consent_version", f"{doc['template']}#{doc['version']}")
        template = writing.targets.get("consent_template", doc["template"])
        if student is None or version is None or template is None:
            writing.warn(
                "Einwilligungs-Einträge ohne passende Schüler/in oder Vorlagenfassung wurden "
                "ausgelassen."
            )
            return 0
        corrects = None
        if doc["corrects"]:
            corrects = writing.targets.get(self.kind, doc["corrects"])
        row = ConsentEvent(
            school_id=writing.school_id,
            student_id=student,
            template_id=template,
            version_id=version,
            corrects_id=corrects,
            **from_doc(ConsentEvent, doc, EVENT_FIELDS),
        )
        writing.session.add(row)
        writing.session.flush()
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"kind": row.kind, "template": doc["template"], "student_id": student},
            school_id=writing.school_id,
        )
        return row.id


TEMPLATE_KINDS: list[RecordKind] = [TemplateKind()]
EVENT_KINDS: list[RecordKind] = [EventKind()]
