"""Impact assessments (DSFA): threshold analysis, create, edit, sign-off, revision, listing.

A signed-off version is frozen with the risk matrix in force and the titles of its measures;
a revision copies it into a new draft with the next version number. Scenarios and measures
are in ``dsfa_scenarios``, the school's matrix in ``dsfa_matrix``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.access import Right
from dpo_desk.core.dates import format_date
from dpo_desk.core.dsfa.risk import class_label
from dpo_desk.core.dsfa.rules import (
    ASSESSMENT_LABELS,
    DECISION_LABELS,
    DRAFT,
    SIGNED_OFF,
    AssessmentData,
    check_sign_off,
)
from dpo_desk.core.register.countries import country_name
from dpo_desk.core.register.rules import next_review_after
from dpo_desk.core.register.values import DSFA_REQUIRED, legal_basis_summary
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, reported
from dpo_desk.services.context import ServiceContext, UnitOfWork, changes_between
from dpo_desk.services.dsfa.threshold import (  # noqa: F401  (part of this module's API)
    ThresholdResult,
    get_threshold,
    note_in_register,
    record_threshold,
    threshold_line,
)
from dpo_desk.services.dsfa.views import (
    ASSESSMENT_TEXTS,
    AssessmentDetail,
    assessment_data,
    detail_of,
    load_assessment,
    load_draft,
    measure_titles,
    school_matrix,
    status_label,
)
from dpo_desk.services.register.activities import load_activity
from dpo_desk.services.versions import check_version, differences_between
from dpo_desk.store.models import (
    DsfaAction,
    DsfaAssessment,
    DsfaScenario,
    DsfaScenarioMeasure,
    DsfaStakeholderView,
    DsfaThreshold,
    ProcessingActivity,
    Processor,
)

ENTITY = "dsfa"
REVIEW_MONTHS = 12


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    activity_id: int
    activity_key: str
    activity_name: str
    version: int
    status: str
    status_label: str
    scenario_count: int
    highest_residual: str | None
    consultation_needed: bool
    signed_off_at: datetime | None
    next_review: date | None


# --- assessments -------------------------------------------------------------------------


def description_from_register(session: Session, activity: ProcessingActivity) -> str:
    """The systematic description pre-filled from the register entry (Art. 30 content)."""
    processors = session.scalars(
        select(Processor.name)
        .where(Processor.id.in_([link.processor_id for link in activity.processor_links]))
        .order_by(Processor.name)
    )
    lines = [f"Verarbeitungstätigkeit: {activity.name}"]
    for label, value in (
        ("Betroffene Personen", ", ".join(activity.data_subjects)),
        ("Datenkategorien", "; ".join(c.name for c in activity.data_categories)),
        ("Empfänger", "; ".join(r.name for r in activity.recipients)),
        ("Auftragsverarbeiter", ", ".join(processors)),
        (
            "Übermittlung in Drittländer",
            "; ".join(f"{country_name(t.country)} ({t.recipient})" for t in activity.transfers),
        ),
        (
            "Löschfristen",
            "; ".join(
                f"{c.name}: {c.erasure_period}"
                for c in activity.data_categories
                if c.erasure_period
            ),
        ),
        ("Rechtsgrundlage", legal_basis_summary(activity.legal_bases, activity.legal_basis_text)),
    ):
        if value:
            lines.append(f"{label}: {value}")
    if activity.special_categories:
        lines.append("Besondere Kategorien personenbezogener Daten (Art. 9 DSGVO) sind betroffen.")
    return "\n".join(lines)


def create_assessment(ctx: ServiceContext, activity_id: int) -> AssessmentDetail:
    """A first draft for the activity, its description and purposes taken from the register."""
    with ctx.unit_of_work() as uow:
        activity = load_activity(uow.session, activity_id)
        existing = uow.session.scalar(
            select(func.count(DsfaAssessment.id)).where(DsfaAssessment.activity_id == activity_id)
        )
        if existing:
            raise ValidationError(
                [
                    Problem(
                        "activity",
                        f"Für „{activity.name}“ gibt es schon eine Folgenabschätzung. "
                        "Bitte diese öffnen oder überarbeiten.",
                    )
                ]
            )
        row = DsfaAssessment(
            school_id=activity.school_id,
            activity_id=activity_id,
            version=1,
            status=DRAFT,
            description=description_from_register(uow.session, activity),
            purposes=activity.purposes,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit(
            ENTITY,
            row.id,
            "create",
            {"activity": activity.key, "version": 1},
            school_id=row.school_id,
        )
        return reported(detail_of(uow.session, row), uow.changes)


def _jsonable(data: AssessmentData) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(data).items()}


def _clean(data: AssessmentData) -> AssessmentData:
    return AssessmentData(
        **{k: (v.strip() if isinstance(v, str) else v) for k, v in asdict(data).items()}
    )


def update_assessment(
    ctx: ServiceContext,
    assessment_id: int,
    data: AssessmentData,
    expected_version: int | None = None,
) -> AssessmentDetail:
    """Save the texts, opinion and decision of a draft (may be incomplete); refused
    (``StaleEdit``) when the draft changed since ``expected_version`` was read."""
    clean = _clean(data)
    if clean.head_decision and clean.head_decision not in DECISION_LABELS:
        raise ValidationError([Problem("head_decision", "Entscheidung: unbekannte Auswahl.")])
    with ctx.unit_of_work() as uow:
        row = load_draft(uow.session, assessment_id)
        before, after = _jsonable(assessment_data(row)), _jsonable(clean)
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Die Folgenabschätzung (Version {row.version})",
            differences=differences_between(before, after, ASSESSMENT_LABELS),
        )
        changes = changes_between(before, after)
        if changes:
            for name in ASSESSMENT_TEXTS:
                setattr(row, name, getattr(clean, name))
            uow.audit(ENTITY, row.id, "update", changes, school_id=row.school_id)
            uow.session.flush()
        return reported(detail_of(uow.session, row), uow.changes)


def sign_off(
    ctx: ServiceContext,
    assessment_id: int,
    today: date | None = None,
    expected_version: int | None = None,
) -> AssessmentDetail:
    """Freeze the version with the matrix in force; refused with the list of what is missing."""
    today = today or ctx.clock.today()
    with ctx.unit_of_work() as uow:
        session = uow.session
        row = load_draft(session, assessment_id)
        check_version(
            session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Die Folgenabschätzung (Version {row.version})",
        )
        detail = detail_of(session, row)
        check_sign_off(detail.data, detail.scenario_data)
        titles = measure_titles(session, row)
        for scenario in row.scenarios:
            for measure in scenario.measures:
                measure.title = titles.get(measure.tom_id, measure.title)
        for action in row.actions:
            action.title = titles.get(action.tom_id, action.title)
        row.matrix = school_matrix(session, row.school_id).to_json()
        row.status = SIGNED_OFF
        row.signed_off_at = ctx.clock.now()
        row.signed_off_by = uow.actor
        row.dpo_opinion_date = row.dpo_opinion_date or today
        row.decided_on = row.decided_on or today
        row.next_review = row.next_review or next_review_after(today, REVIEW_MONTHS)
        session.flush()
        result = detail_of(session, row)
        with uow.acting_for(Right.SIGN_OFF):  # the head signs off without editing the VVT
            _note_sign_off(uow, row, result, today)
        uow.audit(
            ENTITY,
            row.id,
            "sign_off",
            {
                "status": [DRAFT, SIGNED_OFF],
                "version": row.version,
                "highest_residual": result.highest_residual,
                "matrix": row.matrix,
            },
            school_id=row.school_id,
        )
        session.flush()
        return reported(detail_of(session, row), uow.changes)


def _note_sign_off(
    uow: UnitOfWork, row: DsfaAssessment, detail: AssessmentDetail, today: date
) -> None:
    """The register entry records that the assessment was done and its result."""
    activity = load_activity(uow.session, row.activity_id)
    threshold = uow.session.scalar(
        select(DsfaThreshold).where(DsfaThreshold.activity_id == row.activity_id)
    )
    text = (
        f"DSFA Version {row.version} abgeschlossen am {format_date(today)}; "
        f"höchstes Restrisiko: {class_label(detail.highest_residual)}"
    )
    text += (
        "; Konsultation der Aufsichtsbehörde (Art. 36 DSGVO) erforderlich."
        if (detail.consultation_needed)
        else "."
    )
    line = threshold_line(threshold)
    note_in_register(uow, activity, DSFA_REQUIRED, f"{line} {text}".strip())


def revise(ctx: ServiceContext, assessment_id: int) -> AssessmentDetail:
    """Start the next version as a draft copy of a signed-off one (which stays frozen)."""
    with ctx.unit_of_work() as uow:
        session = uow.session
        old = load_assessment(session, assessment_id)
        latest = session.scalar(
            select(func.max(DsfaAssessment.version)).where(
                DsfaAssessment.activity_id == old.activity_id
            )
        )
        if old.status != SIGNED_OFF or latest != old.version:
            raise ValidationError(
                [
                    Problem(
                        "status",
                        "Überarbeiten lässt sich nur die neueste abgeschlossene Version; "
                        "ein Entwurf wird direkt bearbeitet.",
                    )
                ]
            )
        new = DsfaAssessment(
            school_id=old.school_id,
            activity_id=old.activity_id,
            version=old.version + 1,
            status=DRAFT,
            **{name: getattr(old, name) for name in ASSESSMENT_TEXTS},
        )
        new.head_decision, new.decided_on, new.dpo_opinion_date = "", None, None
        for position, s in enumerate(old.scenarios):
            copy = DsfaScenario(
                school_id=s.school_id,
                position=position,
                **{
                    name: getattr(s, name)
                    for name in ("catalogue_key", "title", "source", "event", "damage")
                },
                inherent_likelihood=s.inherent_likelihood,
                inherent_severity=s.inherent_severity,
                residual_likelihood=s.residual_likelihood,
                residual_severity=s.residual_severity,
                residual_reason=s.residual_reason,
            )
            copy.measures = [
                DsfaScenarioMeasure(
                    school_id=m.school_id, tom_id=m.tom_id, position=i, title=m.title
                )
                for i, m in enumerate(s.measures)
            ]
            new.scenarios.append(copy)
        new.views = [
            DsfaStakeholderView(
                school_id=v.school_id,
                position=i,
                group_name=v.group_name,
                asked_on=v.asked_on,
                summary=v.summary,
                response=v.response,
            )
            for i, v in enumerate(old.views)
        ]
        new.actions = [
            DsfaAction(
                school_id=a.school_id,
                tom_id=a.tom_id,
                position=i,
                title=a.title,
                owner=a.owner,
                due_on=a.due_on,
                status=a.status,
                note=a.note,
            )
            for i, a in enumerate(old.actions)
        ]
        session.add(new)
        session.flush()
        uow.audit(
            ENTITY,
            new.id,
            "revise",
            {"from_version": old.version, "version": new.version},
            school_id=new.school_id,
        )
        return reported(detail_of(session, new), uow.changes)


def delete_draft(ctx: ServiceContext, assessment_id: int) -> Changes:
    """Discard a draft; signed-off versions are kept as proof."""
    with ctx.unit_of_work() as uow:
        row = load_draft(uow.session, assessment_id)
        uow.audit(ENTITY, row.id, "delete", {"version": row.version}, school_id=row.school_id)
        uow.session.delete(row)
        return uow.changes


def get_assessment(ctx: ServiceContext, assessment_id: int) -> AssessmentDetail:
    with ctx.reading() as session:
        return detail_of(session, load_assessment(session, assessment_id))


def assessment_versions(ctx: ServiceContext, activity_id: int) -> list[AssessmentDetail]:
    """Every version of the activity's assessment, oldest first."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(DsfaAssessment)
            .where(DsfaAssessment.activity_id == activity_id)
            .order_by(DsfaAssessment.version)
        )
        return [detail_of(session, row) for row in rows]


def current_assessment(ctx: ServiceContext, activity_id: int) -> AssessmentDetail | None:
    versions = assessment_versions(ctx, activity_id)
    return versions[-1] if versions else None


def list_assessments(ctx: ServiceContext, school_id: int) -> list[AssessmentSummary]:
    """The newest version per activity, by activity name."""
    with ctx.reading() as session:
        rows = list(
            session.scalars(
                select(DsfaAssessment)
                .where(DsfaAssessment.school_id == school_id)
                .order_by(DsfaAssessment.activity_id, DsfaAssessment.version)
            )
        )
        latest: dict[int, DsfaAssessment] = {}
        signed: dict[int, list[int]] = {}
        for row in rows:
            latest[row.activity_id] = row
            if row.status == SIGNED_OFF:
                signed.setdefault(row.activity_id, []).append(row.version)
        result = []
        for row in latest.values():
            detail = detail_of(session, row)
            result.append(
                AssessmentSummary(
                    id=row.id,
                    activity_id=row.activity_id,
                    activity_key=detail.activity_key,
                    activity_name=detail.activity_name,
                    version=row.version,
                    status=row.status,
                    status_label=status_label(
                        row.status, row.version, tuple(signed.get(row.activity_id, ()))
                    ),
                    scenario_count=len(detail.scenarios),
                    highest_residual=detail.highest_residual,
                    consultation_needed=detail.consultation_needed,
                    signed_off_at=row.signed_off_at,
                    next_review=row.next_review,
                )
            )
    return sorted(result, key=lambda s: s.activity_name.lower())
