"""Erasing consent proof that is no longer needed.

The proof of a student who has left is kept until the end of the school year of leaving
plus the template's retention years (``core.consent.proof_retention_ends_on``; the longest
retention of the versions the student's entries refer to counts). After that day the
entries and the record of the printouts handed to the student are deleted (the database
overwrites deleted data), the change log's entries about them are blanked
(``services.erasure``), and the audit keeps only that, when and how many, without names.
Erasing the whole person (master data too) is ``services.erasure``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select

from dpo_desk.core.consent.values import (
    proof_retention_ends_on,
)
from dpo_desk.services.changes import Counted
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.erasure.parts import live_audit_ids
from dpo_desk.services.erasure.service import blank_audit_entries
from dpo_desk.store.models import ConsentPrint, ConsentPrintStudent, Student
from dpo_desk.store.models import ConsentTemplate as TemplateRow
from dpo_desk.store.models import ConsentTemplateVersion as VersionRow
from dpo_desk.store.models.consent import ConsentEvent as EventRow


@dataclass(frozen=True)
class ExpiredProof:
    student_id: int
    student_name: str
    left_on: date
    template_key: str
    template_title: str
    kept_until: date
    entries: int


def expired_proof(
    ctx: ServiceContext, school_id: int, on: date | None = None
) -> list[ExpiredProof]:
    """Per student who has left and template: entries whose retention ended before ``on``."""
    day = on or ctx.clock.today()
    with ctx.reading() as session:
        rows = session.execute(
            select(
                Student.id,
                Student.first_names,
                Student.last_name,
                Student.left_on,
                TemplateRow.key,
                TemplateRow.title,
                VersionRow.retention_years,
            )
            .join(EventRow, EventRow.student_id == Student.id)
            .join(TemplateRow, TemplateRow.id == EventRow.template_id)
            .join(VersionRow, VersionRow.id == EventRow.version_id)
            .where(Student.school_id == school_id, Student.left_on.is_not(None))
        ).all()
    grouped: dict[tuple[int, str], list] = defaultdict(list)
    for row in rows:
        grouped[(row[0], row[4])].append(row)
    result = []
    for (student_id, key), entries in grouped.items():
        _, first, last, left_on, _, title, _ = entries[0]
        years = max(entry[6] for entry in entries)
        kept_until = proof_retention_ends_on(left_on, years)
        if kept_until is not None and kept_until < day:
            result.append(
                ExpiredProof(
                    student_id, f"{first} {last}", left_on, key, title, kept_until, len(entries)
                )
            )
    return sorted(result, key=lambda p: (p.kept_until, p.student_name))


def erase_expired_proof(ctx: ServiceContext, school_id: int, on: date | None = None) -> Counted:
    """Delete the entries ``expired_proof`` lists, in one transaction; counts them."""
    due = expired_proof(ctx, school_id, on)
    if not due:
        return Counted(0)
    erased = 0
    with ctx.unit_of_work() as uow:
        keys = {p.template_key for p in due}
        template_ids = dict(
            uow.session.execute(
                select(TemplateRow.key, TemplateRow.id).where(
                    TemplateRow.school_id == school_id, TemplateRow.key.in_(keys)
                )
            ).all()
        )
        now = ctx.clock.now()
        for proof in due:
            template_id = template_ids[proof.template_key]
            event_ids = list(
                uow.session.scalars(
                    select(EventRow.id).where(
                        EventRow.student_id == proof.student_id,
                        EventRow.template_id == template_id,
                    )
                )
            )
            # The change log's copies of the entries go with them (values blanked).
            blanked = live_audit_ids(uow.session, "consent_event", event_ids)
            blank_audit_entries(uow, blanked, now)
            # Corrections first: they point at the entries they correct.
            for kinds in (("correction",), ("form", "revocation")):
                result = uow.session.execute(
                    delete(EventRow).where(
                        EventRow.student_id == proof.student_id,
                        EventRow.template_id == template_id,
                        EventRow.kind.in_(kinds),
                    )
                )
                erased += result.rowcount or 0
            printed = select(ConsentPrint.id).where(ConsentPrint.template_id == template_id)
            uow.session.execute(
                delete(ConsentPrintStudent).where(
                    ConsentPrintStudent.student_id == proof.student_id,
                    ConsentPrintStudent.print_id.in_(printed),
                )
            )
            uow.audit(
                "consent_proof",
                proof.student_id,
                "erase",
                {
                    "template": proof.template_key,
                    "entries": proof.entries,
                    "kept_until": proof.kept_until.isoformat(),
                    "blanked_events": blanked,
                },
                school_id=school_id,
            )
        return Counted(erased, changes=uow.changes)
