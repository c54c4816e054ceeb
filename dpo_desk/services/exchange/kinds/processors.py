"""Processors (with checklist, sub-processors, TOM annex and the signed contract) and the
school's own TOMs in the archive's part ``processors``.

A TOM is referred to (by register entries and DSFA measures) as ``school:<title>`` or
``processor:<key>:<title>``; a title that occurs twice gets ``#2``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.format import attachment_path
from dpo_desk.services.exchange.kinds.base import (
    Record,
    RecordKind,
    Writing,
    free_key,
    from_doc,
    to_doc,
)
from dpo_desk.services.exchange.kinds.files import attachments_by_owner, write_attachments
from dpo_desk.services.versions import mark_saved
from dpo_desk.store.attachments import sha256
from dpo_desk.store.models import (
    Processor,
    ProcessorCheck,
    ProcessorContract,
    SubProcessor,
    TomMeasure,
)

PROCESSOR_FIELDS = (
    "key",
    "name",
    "street",
    "postcode",
    "town",
    "country",
    "safeguard",
    "contact_name",
    "contact_email",
    "contact_phone",
    "dpo_name",
    "dpo_email",
    "contract_status",
    "contract_date",
    "contract_review",
    "data_categories",
    "data_subjects",
    "notes",
    "contract_version",
    "contract_term",
    "contract_end",
    "objection_days",
    "eu_only",
    "special_categories",
    "hosting_location",
    "supplementary_measures",
    "tia_on",
)
TOM_FIELDS = (
    "title",
    "catalogue_key",
    "description",
    "protection_goal",
    "control_type",
    "status",
    "due_on",
    "evidence_kind",
    "evidence_reference",
    "evidence_valid_until",
)
CHECK_FIELDS = ("point", "fulfilled", "note")
SUB_FIELDS = (
    "name",
    "country",
    "service",
    "safeguard",
    "approved_on",
    "supplementary_measures",
    "tia_on",
)


def titled(rows: list[TomMeasure]) -> list[tuple[str, TomMeasure]]:
    """(identity, row) per TOM: its title, ``#2`` … for a title seen before."""
    seen: dict[str, int] = defaultdict(int)
    result = []
    for row in sorted(rows, key=lambda r: r.id):
        seen[row.title] += 1
        number = seen[row.title]
        result.append((row.title if number == 1 else f"{row.title}#{number}", row))
    return result


def tom_refs(session: Session, school_id: int) -> dict[int, str]:
    """Every TOM of the school: id -> reference text."""
    keys = dict(
        session.execute(
            select(Processor.id, Processor.key).where(Processor.school_id == school_id)
        ).all()
    )
    grouped: dict[int | None, list[TomMeasure]] = defaultdict(list)
    for row in session.scalars(select(TomMeasure).where(TomMeasure.school_id == school_id)):
        grouped[row.processor_id].append(row)
    refs = {}
    for owner, rows in grouped.items():
        prefix = "school:" if owner is None else f"processor:{keys.get(owner, '')}:"
        for identity, row in titled(rows):
            refs[row.id] = prefix + identity
    return refs


class ProcessorKind(RecordKind):
    kind, part, key, entity, label = (
        "processor",
        "processors",
        "processors",
        "processor",
        "Auftragsverarbeiter",
    )

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        rows = session.scalars(
            select(Processor).where(Processor.school_id == school_id).order_by(Processor.key)
        ).all()
        toms: dict[int, list[TomMeasure]] = defaultdict(list)
        for tom in session.scalars(
            select(TomMeasure).where(
                TomMeasure.school_id == school_id, TomMeasure.processor_id.is_not(None)
            )
        ):
            toms[tom.processor_id].append(tom)
        contracts = {
            c.processor_id: c
            for c in session.scalars(
                select(ProcessorContract).where(ProcessorContract.school_id == school_id)
            )
        }
        own_files = attachments_by_owner(session, school_id, "processor_id", files)
        tom_files = attachments_by_owner(session, school_id, "tom_id", files)
        records = []
        for row in rows:
            document = to_doc(row, PROCESSOR_FIELDS)
            document["checks"] = [to_doc(c, CHECK_FIELDS) for c in row.checks]
            document["sub_processors"] = [to_doc(s, SUB_FIELDS) for s in row.sub_processors]
            document["toms"] = [
                {"identity": ident, **to_doc(t, TOM_FIELDS), "attachments": tom_files[t.id]}
                for ident, t in titled(toms[row.id])
            ]
            document["attachments"] = own_files[row.id]
            contract = contracts.get(row.id)
            document["contract"] = None
            if contract is not None:
                content = bytes(contract.content)
                files[contract.sha256] = content
                document["contract"] = {
                    "file_name": contract.file_name,
                    "size": len(content),
                    "sha256": contract.sha256,
                    "file": attachment_path(contract.sha256),
                    "added_at": to_doc(contract, ("added_at",))["added_at"],
                }
            records.append(self.record(document, row.id))
        return records

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc = record.document
        session = writing.session
        values = from_doc(Processor, doc, PROCESSOR_FIELDS)
        if existing is not None and not copy:
            row = session.get(Processor, existing)
            for name, value in values.items():
                setattr(row, name, value)
            row.checks.clear()
            row.sub_processors.clear()
            mark_saved(row)
            session.flush()
        else:
            if copy:
                taken = set(
                    session.scalars(
                        select(Processor.key).where(Processor.school_id == writing.school_id)
                    )
                )
                values["key"] = free_key(taken, values["key"])
            row = Processor(school_id=writing.school_id, **values)
            session.add(row)
            session.flush()
        for check in doc["checks"]:
            row.checks.append(
                ProcessorCheck(
                    school_id=writing.school_id, **from_doc(ProcessorCheck, check, CHECK_FIELDS)
                )
            )
        for position, sub in enumerate(doc["sub_processors"]):
            row.sub_processors.append(
                SubProcessor(
                    school_id=writing.school_id,
                    position=position,
                    **from_doc(SubProcessor, sub, SUB_FIELDS),
                )
            )
        self._write_toms(writing, row, doc["toms"], record)
        if "contract" in doc:  # a library item has none: the school's contract stays
            self._write_contract(writing, row, doc["contract"])
        write_attachments(writing, "processor_id", row.id, doc.get("attachments"))
        session.flush()
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {
                "key": row.key,
                "name": row.name,
                "as": "copy" if copy else "replace" if existing else "new",
            },
            school_id=writing.school_id,
        )
        return row.id

    def _write_toms(
        self, writing: Writing, row: Processor, toms: list[dict[str, Any]], record: Record
    ) -> None:
        session = writing.session
        current = dict(
            titled(
                list(session.scalars(select(TomMeasure).where(TomMeasure.processor_id == row.id)))
            )
        )
        wanted = {t["identity"] for t in toms}
        for identity, tom in current.items():
            if identity not in wanted:
                writing.uow.audit(
                    "tom", tom.id, "delete", {"title": tom.title}, school_id=writing.school_id
                )
                session.delete(tom)
        for tom_doc in toms:
            values = from_doc(TomMeasure, tom_doc, TOM_FIELDS)
            tom = current.get(tom_doc["identity"])
            if tom is None:
                tom = TomMeasure(school_id=writing.school_id, processor_id=row.id, **values)
                session.add(tom)
            else:
                for name, value in values.items():
                    setattr(tom, name, value)
            session.flush()
            write_attachments(writing, "tom_id", tom.id, tom_doc.get("attachments"))
            writing.uow.audit(
                "tom", tom.id, "import", {"title": tom.title}, school_id=writing.school_id
            )
            writing.targets.put("tom", f"processor:{record.identity}:{tom_doc['identity']}", tom.id)

    def link(self, writing: Writing, record: Record, entity_id: int) -> None:
        """The processor, and its annex TOMs by title (new, kept or identical alike)."""
        writing.targets.put(self.kind, record.identity, entity_id)
        rows = writing.session.scalars(
            select(TomMeasure).where(TomMeasure.processor_id == entity_id)
        )
        current = dict(titled(list(rows)))
        for tom_doc in record.document["toms"]:
            tom = current.get(tom_doc["identity"])
            if tom is not None:
                ref = f"processor:{record.identity}:{tom_doc['identity']}"
                writing.targets.put("tom", ref, tom.id)

    def _write_contract(
        self, writing: Writing, row: Processor, contract: dict[str, Any] | None
    ) -> None:
        session = writing.session
        session.execute(delete(ProcessorContract).where(ProcessorContract.processor_id == row.id))
        row.contract_file_name = ""
        if contract is None:
            return
        content = writing.files[contract["sha256"]]
        session.add(
            ProcessorContract(
                processor_id=row.id,
                school_id=writing.school_id,
                file_name=contract["file_name"],
                size=len(content),
                sha256=sha256(content),
                content=content,
                added_at=from_doc(ProcessorContract, contract, ("added_at",))["added_at"],
            )
        )
        row.contract_file_name = contract["file_name"]


class TomKind(RecordKind):
    kind, part, key, entity, label = ("tom", "processors", "toms", "tom", "TOM")

    def identity(self, document: dict[str, Any]) -> str:
        return str(document["identity"])

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        rows = list(
            session.scalars(
                select(TomMeasure).where(
                    TomMeasure.school_id == school_id, TomMeasure.processor_id.is_(None)
                )
            )
        )
        attached = attachments_by_owner(session, school_id, "tom_id", files)
        return [
            self.record(
                {"identity": ident, **to_doc(row, TOM_FIELDS), "attachments": attached[row.id]},
                row.id,
            )
            for ident, row in titled(rows)
        ]

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        values = from_doc(TomMeasure, record.document, TOM_FIELDS)
        session = writing.session
        if existing is not None and not copy:
            row = session.get(TomMeasure, existing)
            for name, value in values.items():
                setattr(row, name, value)
        else:
            if copy:
                values["title"] = f"{values['title']} (importiert)"
            row = TomMeasure(school_id=writing.school_id, processor_id=None, **values)
            session.add(row)
        session.flush()
        write_attachments(writing, "tom_id", row.id, record.document.get("attachments"))
        writing.uow.audit(
            self.entity, row.id, "import", {"title": row.title}, school_id=writing.school_id
        )
        return row.id

    def link(self, writing: Writing, record: Record, entity_id: int) -> None:
        writing.targets.put("tom", f"school:{record.identity}", entity_id)


KINDS: list[RecordKind] = [ProcessorKind(), TomKind()]
