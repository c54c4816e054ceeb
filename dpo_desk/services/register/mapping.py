"""Between database rows and the plain values of ``core.records`` (no session kept)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.register.countries import normalise_country
from dpo_desk.core.register.values import (
    ART28_POINTS,
    ActivityData,
    ChecklistPoint,
    DataCategory,
    ProcessorData,
    Recipient,
    SubProcessorData,
    Transfer,
)
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.store.models import (
    ActivityDataCategory,
    ActivityProcessor,
    ActivityRecipient,
    ActivityTom,
    ActivityTransfer,
    ConsentTemplate,
    ProcessingActivity,
    Processor,
    ProcessorCheck,
    School,
    SubProcessor,
    TomMeasure,
)

ACTIVITY_SCALARS = (
    "name",
    "purposes",
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
    "automated_decision",
    "automated_decision_logic",
)
PROCESSOR_SCALARS = (
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
SUB_FIELDS = ("approved_on", "supplementary_measures", "tia_on")


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def clean_activity(data: ActivityData) -> ActivityData:
    """Trimmed text, empty list rows dropped, country codes upper-case."""
    return ActivityData(
        **{
            name: _strip(getattr(data, name))
            for name in ACTIVITY_SCALARS
            if name != "consent_template_key"
        },
        data_subjects=[s.strip() for s in data.data_subjects if s.strip()],
        systems=list(dict.fromkeys(s.strip() for s in data.systems if s.strip())),
        data_categories=[
            DataCategory(c.name.strip(), c.erasure_period.strip())
            for c in data.data_categories
            if c.name.strip() or c.erasure_period.strip()
        ],
        recipients=[
            Recipient(r.name.strip(), r.external) for r in data.recipients if r.name.strip()
        ],
        transfers=[
            Transfer(normalise_country(t.country), t.recipient.strip(), t.safeguard, t.note.strip())
            for t in data.transfers
            if t.country.strip() or t.recipient.strip()
        ],
        legal_bases=list(dict.fromkeys(data.legal_bases)),
        consent_template_key=data.consent_template_key.strip().lower(),
        processor_ids=list(dict.fromkeys(data.processor_ids)),
        tom_ids=list(dict.fromkeys(data.tom_ids)),
    )


def activity_data(row: ProcessingActivity) -> ActivityData:
    return ActivityData(
        **{name: getattr(row, name) for name in ACTIVITY_SCALARS},
        data_subjects=list(row.data_subjects),
        systems=list(row.systems or []),
        data_categories=[DataCategory(c.name, c.erasure_period) for c in row.data_categories],
        recipients=[Recipient(r.name, r.external) for r in row.recipients],
        transfers=[Transfer(t.country, t.recipient, t.safeguard, t.note) for t in row.transfers],
        legal_bases=list(row.legal_bases),
        processor_ids=sorted(link.processor_id for link in row.processor_links),
        tom_ids=sorted(link.tom_id for link in row.tom_links),
    )


def check_links(session: Session, school_id: int, data: ActivityData) -> None:
    """Processors and measures named by an entry must belong to the same school."""
    problems = []
    if data.processor_ids:
        found = set(
            session.scalars(
                select(Processor.id).where(
                    Processor.school_id == school_id, Processor.id.in_(data.processor_ids)
                )
            )
        )
        if set(data.processor_ids) - found:
            problems.append(
                Problem("processor_ids", "Auftragsverarbeiter: Ein gewählter Eintrag fehlt.")
            )
    if data.tom_ids:
        found = set(
            session.scalars(
                select(TomMeasure.id).where(
                    TomMeasure.school_id == school_id, TomMeasure.id.in_(data.tom_ids)
                )
            )
        )
        if set(data.tom_ids) - found:
            problems.append(Problem("tom_ids", "Maßnahmen: Eine gewählte Maßnahme fehlt."))
    key = data.consent_template_key
    if key and key not in consent_template_keys(session, school_id):
        problems.append(
            Problem(
                "consent_template_key",
                f"Einwilligungsvorlage: „{key}“ gibt es an dieser Schule nicht.",
            )
        )
    if problems:
        raise ValidationError(problems)


def consent_template_keys(session: Session, school_id: int) -> set[str]:
    return set(
        session.scalars(select(ConsentTemplate.key).where(ConsentTemplate.school_id == school_id))
    )


def apply_activity(row: ProcessingActivity, data: ActivityData) -> None:
    """Write the cleaned values into ``row`` and replace its list rows."""
    sid = row.school_id
    for name in ACTIVITY_SCALARS:
        setattr(row, name, getattr(data, name))
    row.data_subjects = list(data.data_subjects)
    row.systems = list(data.systems)
    row.legal_bases = list(data.legal_bases)
    row.data_categories = [
        ActivityDataCategory(
            school_id=sid, position=i, name=c.name, erasure_period=c.erasure_period
        )
        for i, c in enumerate(data.data_categories)
    ]
    row.recipients = [
        ActivityRecipient(school_id=sid, position=i, name=r.name, external=r.external)
        for i, r in enumerate(data.recipients)
    ]
    row.transfers = [
        ActivityTransfer(
            school_id=sid,
            position=i,
            country=t.country,
            recipient=t.recipient,
            safeguard=t.safeguard,
            note=t.note,
        )
        for i, t in enumerate(data.transfers)
    ]
    keep_p = {link.processor_id: link for link in row.processor_links}
    row.processor_links = [
        keep_p.get(pid) or ActivityProcessor(school_id=sid, processor_id=pid)
        for pid in data.processor_ids
    ]
    keep_t = {link.tom_id: link for link in row.tom_links}
    row.tom_links = [
        keep_t.get(tid) or ActivityTom(school_id=sid, tom_id=tid) for tid in data.tom_ids
    ]


def clean_processor(data: ProcessorData) -> ProcessorData:
    values = {name: _strip(getattr(data, name)) for name in PROCESSOR_SCALARS}
    values["country"] = normalise_country(values["country"])
    return ProcessorData(
        **values,
        checklist={
            p: ChecklistPoint(c.fulfilled, c.note.strip()) for p, c in data.checklist.items()
        },
        sub_processors=[
            SubProcessorData(
                s.name.strip(),
                normalise_country(s.country),
                s.service.strip(),
                s.safeguard,
                s.approved_on,
                s.supplementary_measures.strip(),
                s.tia_on,
            )
            for s in data.sub_processors
            if s.name.strip() or s.country.strip() or s.service.strip()
        ],
        data_categories=[c.strip() for c in data.data_categories if c.strip()],
        data_subjects=[s.strip() for s in data.data_subjects if s.strip()],
    )


def processor_data(row: Processor) -> ProcessorData:
    checks = {c.point: ChecklistPoint(c.fulfilled, c.note) for c in row.checks}
    return ProcessorData(
        **{name: getattr(row, name) for name in PROCESSOR_SCALARS},
        checklist={p: checks.get(p, ChecklistPoint()) for p in ART28_POINTS},
        sub_processors=[
            SubProcessorData(
                s.name, s.country, s.service, s.safeguard, *(getattr(s, f) for f in SUB_FIELDS)
            )
            for s in row.sub_processors
        ],
        data_categories=list(row.data_categories),
        data_subjects=list(row.data_subjects),
    )


def apply_processor(row: Processor, data: ProcessorData) -> None:
    sid = row.school_id
    for name in PROCESSOR_SCALARS:
        setattr(row, name, getattr(data, name))
    row.data_categories = list(data.data_categories)
    row.data_subjects = list(data.data_subjects)
    existing = {c.point: c for c in row.checks}
    checks = []
    for point in ART28_POINTS:
        value = data.checklist.get(point, ChecklistPoint())
        check = existing.get(point) or ProcessorCheck(school_id=sid, point=point)
        check.fulfilled, check.note = value.fulfilled, value.note
        checks.append(check)
    row.checks = checks
    row.sub_processors = [
        SubProcessor(
            school_id=sid,
            position=i,
            name=s.name,
            country=s.country,
            service=s.service,
            safeguard=s.safeguard,
            **{f: getattr(s, f) for f in SUB_FIELDS},
        )
        for i, s in enumerate(data.sub_processors)
    ]


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text so that audit events and snapshots store as JSON."""

    def convert(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value

    return convert(values)


def school_profile(row: School) -> SchoolProfile:
    return SchoolProfile(**{name: getattr(row, name) for name in SchoolProfile.field_names()})
