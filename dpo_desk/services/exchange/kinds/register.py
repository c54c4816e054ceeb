"""Register entries (VVT) with their categories, recipients, transfers, links to processors
and TOMs, and their released versions (frozen snapshots), in the archive part ``register``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.kinds.base import (
    Record,
    RecordKind,
    Writing,
    free_key,
    from_doc,
    to_doc,
)
from dpo_desk.services.exchange.kinds.files import attachments_by_owner, write_attachments
from dpo_desk.services.exchange.kinds.processors import tom_refs
from dpo_desk.services.versions import mark_saved
from dpo_desk.store.models import (
    ActivityDataCategory,
    ActivityProcessor,
    ActivityRecipient,
    ActivityTom,
    ActivityTransfer,
    ActivityVersion,
    ProcessingActivity,
    Processor,
)

ACTIVITY_FIELDS = (
    "key",
    "name",
    "status",
    "released_version",
    "catalogue_key",
    "purposes",
    "data_subjects",
    "legal_bases",
    "legal_basis_text",
    "joint_controllers",
    "department",
    "contact_person",
    "consent_based",
    "consent_template_key",
    "special_categories",
    "tom_description",
    "dsfa",
    "dsfa_result",
    "review_interval_months",
    "next_review",
    "notes",
    "data_source",
    "hosting_location",
    "systems",
    "automated_decision",
    "automated_decision_logic",
    "archived_on",
    "archive_reason",
    "retain_until",
)
CATEGORY_FIELDS = ("name", "erasure_period")
RECIPIENT_FIELDS = ("name", "external")
TRANSFER_FIELDS = ("country", "recipient", "safeguard", "note")
VERSION_FIELDS = (
    "number",
    "released_at",
    "released_by",
    "snapshot",
    "approved_by",
    "approved_role",
)


def processor_ids(writing: Writing, keys: list[str]) -> list[int]:
    """Target ids of processors named by key (imported now, or already in the school)."""
    found = []
    for key in keys:
        target = writing.targets.get("processor", key)
        if target is None:
            target = writing.session.scalar(
                select(Processor.id).where(
                    Processor.school_id == writing.school_id, Processor.key == key
                )
            )
        if target is None:
            writing.warn(
                f"Auftragsverarbeiter „{key}“ ist weder im Archiv noch in der Schule: "
                "Verknüpfung ausgelassen."
            )
        else:
            found.append(target)
    return found


def tom_ids(writing: Writing, refs: list[str]) -> list[int]:
    """Target ids of TOMs named by reference (imported now, or already in the school)."""
    known = writing.targets.extra.get("tom_refs")
    if known is None:
        known = {ref: ident for ident, ref in tom_refs(writing.session, writing.school_id).items()}
        writing.targets.extra["tom_refs"] = known
    found = []
    for ref in refs:
        target = writing.targets.get("tom", ref) or known.get(ref)
        if target is None:
            writing.warn(f"Maßnahme „{ref.split(':')[-1]}“ fehlt: Verknüpfung ausgelassen.")
        else:
            found.append(target)
    return found


class ActivityKind(RecordKind):
    kind, part, key, entity, label = (
        "activity",
        "register",
        "activities",
        "activity",
        "VVT-Eintrag",
    )

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        refs = tom_refs(session, school_id)
        keys = dict(
            session.execute(
                select(Processor.id, Processor.key).where(Processor.school_id == school_id)
            ).all()
        )
        rows = session.scalars(
            select(ProcessingActivity)
            .where(ProcessingActivity.school_id == school_id)
            .order_by(ProcessingActivity.key)
        ).all()
        attached = attachments_by_owner(session, school_id, "activity_id", files)
        records = []
        for row in rows:
            document = to_doc(row, ACTIVITY_FIELDS)
            document["data_categories"] = [to_doc(c, CATEGORY_FIELDS) for c in row.data_categories]
            document["recipients"] = [to_doc(r, RECIPIENT_FIELDS) for r in row.recipients]
            document["transfers"] = [to_doc(t, TRANSFER_FIELDS) for t in row.transfers]
            document["processors"] = sorted(keys[link.processor_id] for link in row.processor_links)
            document["toms"] = sorted(
                refs[link.tom_id] for link in row.tom_links if link.tom_id in refs
            )
            document["versions"] = [to_doc(v, VERSION_FIELDS) for v in row.versions]
            document["attachments"] = attached[row.id]
            records.append(self.record(document, row.id))
        return records

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc, session, school = record.document, writing.session, writing.school_id
        values = from_doc(ProcessingActivity, doc, ACTIVITY_FIELDS)
        if existing is not None and not copy:
            row = session.get(ProcessingActivity, existing)
            for name, value in values.items():
                setattr(row, name, value)
            for children in (
                row.data_categories,
                row.recipients,
                row.transfers,
                row.processor_links,
                row.tom_links,
            ):
                children.clear()
            mark_saved(row)
            session.flush()
        else:
            if copy:
                taken = set(
                    session.scalars(
                        select(ProcessingActivity.key).where(ProcessingActivity.school_id == school)
                    )
                )
                values["key"] = free_key(taken, values["key"])
            row = ProcessingActivity(school_id=school, **values)
            session.add(row)
            session.flush()
        for position, item in enumerate(doc["data_categories"]):
            row.data_categories.append(
                ActivityDataCategory(
                    school_id=school,
                    position=position,
                    **from_doc(ActivityDataCategory, item, CATEGORY_FIELDS),
                )
            )
        for position, item in enumerate(doc["recipients"]):
            row.recipients.append(
                ActivityRecipient(
                    school_id=school,
                    position=position,
                    **from_doc(ActivityRecipient, item, RECIPIENT_FIELDS),
                )
            )
        for position, item in enumerate(doc["transfers"]):
            row.transfers.append(
                ActivityTransfer(
                    school_id=school,
                    position=position,
                    **from_doc(ActivityTransfer, item, TRANSFER_FIELDS),
                )
            )
        for processor_id in processor_ids(writing, doc["processors"]):
            row.processor_links.append(
                ActivityProcessor(school_id=school, processor_id=processor_id)
            )
        for tom_id in tom_ids(writing, doc["toms"]):
            row.tom_links.append(ActivityTom(school_id=school, tom_id=tom_id))
        self._versions(writing, row, doc.get("versions", []))
        write_attachments(writing, "activity_id", row.id, doc.get("attachments"))
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
            school_id=school,
        )
        return row.id

    def _versions(
        self, writing: Writing, row: ProcessingActivity, versions: list[dict[str, Any]]
    ) -> None:
        """Released versions are frozen: missing ones are added, a different one is kept."""
        stored = {v.number: v for v in row.versions}
        for item in versions:
            values = from_doc(ActivityVersion, item, VERSION_FIELDS)
            have = stored.get(values["number"])
            if have is None:
                row.versions.append(ActivityVersion(school_id=writing.school_id, **values))
            elif have.snapshot != values["snapshot"]:
                writing.warn(
                    f"„{row.name}“: Die freigegebene Version {have.number} unterscheidet sich; "
                    "die vorhandene bleibt (freigegebene Fassungen werden nie überschrieben)."
                )


KINDS: list[RecordKind] = [ActivityKind()]
