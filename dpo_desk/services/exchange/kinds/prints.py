"""The consent print log in the archive (part ``consents``, key ``prints``, format version 3):
which text version was handed to which students, the basis on which a returned form is
recorded. Appended history like the consent entries: identical or new, never replaced."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.kinds.base import (
    BOTH,
    KEEP,
    Record,
    RecordKind,
    Writing,
    from_doc,
    to_doc,
)
from dpo_desk.services.exchange.kinds.roster import student_identities
from dpo_desk.store.models import (
    ConsentPrint,
    ConsentPrintStudent,
    ConsentTemplate,
    ConsentTemplateVersion,
)

PRINT_FIELDS = ("document", "printed_by", "printed_at")


class PrintKind(RecordKind):
    """The print log: which text version was handed to which students (the basis on which
    a returned form is recorded). Appended history like the events."""

    kind, part, key, entity, label = (
        "consent_print",
        "consents",
        "prints",
        "consent_print",
        "Ausdruck",
    )
    choices = (KEEP, BOTH)

    def identity(self, document: dict[str, Any]) -> str:
        return "|".join(
            (
                document["template"],
                str(document["version"]),
                document["document"],
                document["printed_at"] or "",
            )
        )

    def record_label(self, document: dict[str, Any]) -> str:
        return (
            f"{self.label} {document['template']} (Fassung {document['version']}, "
            f"{len(document['students'])} Schüler/innen)"
        )

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        students = student_identities(session, school_id)
        versions = {
            vid: (key, number)
            for vid, key, number in session.execute(
                select(
                    ConsentTemplateVersion.id, ConsentTemplate.key, ConsentTemplateVersion.number
                )
                .join(ConsentTemplate, ConsentTemplate.id == ConsentTemplateVersion.template_id)
                .where(ConsentTemplateVersion.school_id == school_id)
            )
        }
        printed: dict[int, list[str]] = {}
        for print_id, student_id in session.execute(
            select(ConsentPrintStudent.print_id, ConsentPrintStudent.student_id)
            .join(ConsentPrint, ConsentPrint.id == ConsentPrintStudent.print_id)
            .where(ConsentPrint.school_id == school_id)
        ):
            printed.setdefault(print_id, []).append(students[student_id])
        records = []
        for row in session.scalars(
            select(ConsentPrint)
            .where(ConsentPrint.school_id == school_id)
            .order_by(ConsentPrint.id)
        ):
            key, number = versions[row.version_id]
            document = {
                "template": key,
                "version": number,
                **to_doc(row, PRINT_FIELDS),
                "students": sorted(printed.get(row.id, [])),
            }
            records.append(self.record(document, row.id))
        return records

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc = record.document
        version = writing.targets.get("consent_version", f"{doc['template']}#{doc['version']}")
        template = writing.targets.get("consent_template", doc["template"])
        if version is None or template is None:
            writing.warn("Ausdrucke ohne passende Vorlagenfassung wurden ausgelassen.")
            return 0
        students = [writing.targets.get("student", s) for s in doc["students"]]
        row = ConsentPrint(
            school_id=writing.school_id,
            template_id=template,
            version_id=version,
            students=len(doc["students"]),
            **from_doc(ConsentPrint, doc, PRINT_FIELDS),
        )
        writing.session.add(row)
        writing.session.flush()
        found = sorted({s for s in students if s is not None})
        if len(found) < len(students):
            writing.warn("Ausdrucke: Schüler/innen, die nicht in der Schule sind, fehlen im Log.")
        if found:
            writing.session.execute(
                insert(ConsentPrintStudent),
                [{"print_id": row.id, "student_id": s} for s in found],
            )
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"template": doc["template"], "version": doc["version"], "students": len(found)},
            school_id=writing.school_id,
        )
        return row.id


KINDS: list[RecordKind] = [PrintKind()]
