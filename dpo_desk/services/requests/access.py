"""The access report (Art. 15) about a student, as PDF and as JSON (Art. 20).

Gathered from everything the app stores about the student: master data, class history,
every consent event with the version of the text it refers to, the released register
entries that process students' data (purposes, legal bases, recipients, processors,
storage periods), the requests about the student and the change log. The same values make
the PDF and the JSON, so both say the same.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from dpo_desk.core.authorities import with_authority
from dpo_desk.core.consent.values import SIGNER_LABELS, SignerRole
from dpo_desk.core.register.countries import country_name
from dpo_desk.core.register.values import SAFEGUARDS, legal_basis_summary
from dpo_desk.core.requests.values import KIND_LABELS, STATUS_LABELS
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.atomic import write_atomically
from dpo_desk.reports.engine import DocumentResult, write_pdf
from dpo_desk.reports.requests.access_report import access_document
from dpo_desk.reports.requests.content import (
    AccessContent,
    ConsentRecord,
    ConsentText,
    LogRecord,
    ProcessingRecord,
    RequestRecord,
    StudentRecord,
)
from dpo_desk.services.consent.history import HistoryEntry, student_history
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.lifecycle import released_snapshots
from dpo_desk.services.roster.students import STATUS_LABELS as STUDENT_STATUS
from dpo_desk.services.schools import get_logo, get_profile
from dpo_desk.store.models import (
    AuditEvent,
    ConsentTemplate,
    ConsentTemplateVersion,
    Enrolment,
    SchoolClass,
    Student,
    SubjectRequest,
)
from dpo_desk.store.models.consent import ConsentEvent

STUDENT_WORDS = ("schüler", "schueler")
ACTIONS = {
    "create": "angelegt",
    "update": "geändert",
    "erase": "gelöscht",
    "correct": "berichtigt",
    "undo": "zurückgenommen",
}


def _student(session, school_id: int, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None or student.school_id != school_id:
        raise ValidationError(
            [
                Problem(
                    "student",
                    f"Schülerin/Schüler: „{student_id}“ gibt es in dieser Schule nicht. Bitte die "
                    "Nummer aus „dpo-desk roster list“ (Spalte „Schlüssel“) angeben.",
                )
            ]
        )
    return student


def _consent_record(e: HistoryEntry) -> ConsentRecord:
    return ConsentRecord(
        id=e.id,
        template=e.template_title,
        version=e.version,
        kind=e.kind_label,
        entered_on=e.entered_at.astimezone().date(),
        answers=tuple(e.answers),
        signed_on=e.signed_on,
        received_on=e.received_on,
        signed_by=tuple(SIGNER_LABELS.get(SignerRole(r), r) for r in e.signed_by),
        revoked_options=e.options if e.payload_kind == "revocation" else None,
        declared_on=e.declared_on,
        effective_on=e.effective_on,
        channel=e.channel_label,
        note=e.note,
        corrected_by=e.corrected_by,
    )


def _texts(session, student_id: int) -> tuple[ConsentText, ...]:
    rows = session.execute(
        select(ConsentTemplate.title, ConsentTemplateVersion)
        .join(ConsentTemplate, ConsentTemplate.id == ConsentTemplateVersion.template_id)
        .where(
            ConsentTemplateVersion.id.in_(
                select(ConsentEvent.version_id).where(ConsentEvent.student_id == student_id)
            )
        )
        .order_by(ConsentTemplate.title, ConsentTemplateVersion.number)
    ).all()
    return tuple(
        ConsentText(
            template=title,
            version=v.number,
            title=v.title,
            purpose=v.purpose,
            information_text=v.information_text,
            declaration_text=v.declaration_text,
            voluntary_note=v.voluntary_note,
            options=tuple(o["label"] for o in v.options),
            retention_years=v.retention_years,
        )
        for title, v in rows
    )


def processes_students(snapshot: dict[str, Any]) -> bool:
    return any(
        word in subject.casefold()
        for subject in snapshot["activity"]["data_subjects"]
        for word in STUDENT_WORDS
    )


def _processing(snapshot: dict[str, Any]) -> ProcessingRecord:
    a = snapshot["activity"]
    third = [
        f"{t['recipient'] or 'Empfänger'} in {country_name(t['country'])} "
        f"({SAFEGUARDS.get(t['safeguard'], 'ohne dokumentierte Garantie')})"
        for t in a["transfers"]
    ]
    return ProcessingRecord(
        name=a["name"],
        purposes=a["purposes"],
        legal_basis=legal_basis_summary(a["legal_bases"], a["legal_basis_text"]),
        data_categories=tuple((c["name"], c["erasure_period"]) for c in a["data_categories"]),
        internal_recipients=tuple(r["name"] for r in a["recipients"] if not r["external"]),
        external_recipients=tuple(r["name"] for r in a["recipients"] if r["external"]),
        processors=tuple(p["name"] for p in snapshot["processors"]),
        third_countries=tuple(third),
    )


def _log(session, student_id: int) -> tuple[LogRecord, ...]:
    events = select(ConsentEvent.id).where(ConsentEvent.student_id == student_id)
    rows = session.execute(
        select(
            AuditEvent.occurred_at, AuditEvent.entity_type, AuditEvent.action, AuditEvent.changes
        )
        .where(
            or_(
                (AuditEvent.entity_type == "student") & (AuditEvent.entity_id == student_id),
                (AuditEvent.entity_type == "consent_event") & AuditEvent.entity_id.in_(events),
            )
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    result: list[LogRecord] = []
    repeated = 1
    for at, entity, action, changes in rows:
        what = "Stammdaten" if entity == "student" else "Einwilligungseintrag"
        verb = ACTIONS.get(action, action)
        if action == "update" and changes:
            verb += f" ({', '.join(sorted(changes))})"
        text = f"{what} {verb}"
        last = result[-1] if result else None
        if (
            last is not None
            and last.at.astimezone().date() == at.astimezone().date()
            and (last.what.split(" (")[0] == text)
        ):
            repeated += 1
            result[-1] = LogRecord(last.at, f"{text} ({repeated}×)")
            continue
        repeated = 1
        result.append(LogRecord(at, text))
    return tuple(result)


def access_content(
    ctx: ServiceContext, school_id: int, student_id: int, reference: str = ""
) -> AccessContent:
    """Everything stored about the student; ``ValidationError`` for an unknown student."""
    with ctx.reading() as session:
        student = _student(session, school_id, student_id)
        history = session.execute(
            select(Enrolment.school_year, SchoolClass.name)
            .join(SchoolClass, SchoolClass.id == Enrolment.class_id)
            .where(Enrolment.student_id == student_id)
            .order_by(Enrolment.school_year)
        ).all()
        record = StudentRecord(
            last_name=student.last_name,
            first_names=student.first_names,
            birth_date=student.birth_date,
            external_id=student.external_id,
            status=STUDENT_STATUS.get(student.status, student.status),
            left_on=student.left_on,
            guardians=tuple(g for g in (student.guardian_1, student.guardian_2) if g),
            class_history=tuple((year, name) for year, name in history),
        )
        texts = _texts(session, student_id)
        requests = tuple(
            RequestRecord(
                r.reference,
                r.received_on,
                KIND_LABELS.get(r.kind, r.kind),
                STATUS_LABELS.get(r.status, r.status),
                r.answered_on,
            )
            for r in session.scalars(
                select(SubjectRequest)
                .where(SubjectRequest.student_id == student_id)
                .order_by(SubjectRequest.received_on)
            )
        )
        log = _log(session, student_id)
    consent = tuple(_consent_record(e) for e in student_history(ctx, school_id, student_id))
    processing = tuple(
        _processing(s) for s in released_snapshots(ctx, school_id) if processes_students(s)
    )
    return AccessContent(
        school=with_authority(get_profile(ctx, school_id)),
        logo=get_logo(ctx, school_id),
        printed_on=ctx.clock.today(),
        reference=reference,
        student=record,
        consent=consent,
        texts=texts,
        processing=processing,
        requests=requests,
        log=log,
    )


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def access_json(content: AccessContent) -> dict[str, Any]:
    """The same content as a JSON object with stable English keys."""
    school = asdict(content.school)
    return {
        "format": "dpo_desk-access-report-1",
        "generated_on": content.printed_on.isoformat(),
        "request": content.reference or None,
        "controller": {k: school[k] for k in ("name", "street", "postcode", "town", "email")},
        "dpo": {k: school[f"dpo_{k}"] for k in ("name", "organisation", "email", "phone")},
        "authority": {k: school[f"authority_{k}"] for k in ("name", "address", "email", "website")},
        "student": _plain(content.student),
        "consent_events": _plain(content.consent),
        "consent_texts": _plain(content.texts),
        "processing": _plain(content.processing),
        "requests": _plain(content.requests),
        "change_log": _plain(content.log),
    }


def write_access_report(
    ctx: ServiceContext,
    school_id: int,
    student_id: int,
    path: str | os.PathLike[str],
    reference: str = "",
) -> DocumentResult | Path:
    """PDF, or JSON when ``path`` ends in ``.json`` (written atomically either way)."""
    content = access_content(ctx, school_id, student_id, reference)
    if str(path).lower().endswith(".json"):
        text = json.dumps(access_json(content), ensure_ascii=False, indent=2)
        return write_atomically(path, text.encode("utf-8"))
    info, parts = access_document(content)
    return write_pdf(path, info, parts)
