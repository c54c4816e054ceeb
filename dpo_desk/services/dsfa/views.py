"""Plain values the DSFA services hand out, and their loading from rows (no session kept)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dpo_desk.core.dsfa.plan import ACTION_STATUSES, ActionData, ViewData
from dpo_desk.core.dsfa.risk import RiskMatrix
from dpo_desk.core.dsfa.rules import (
    DRAFT,
    SIGNED_OFF,
    STATUS_LABELS,
    AssessmentData,
    ScenarioData,
    consultation_needed,
    highest_inherent,
    highest_residual,
    sign_off_missing,
)
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.versions import RecordGone
from dpo_desk.store.models import (
    DsfaAssessment,
    DsfaMatrixSetting,
    DsfaScenario,
    ProcessingActivity,
    TomMeasure,
)

ASSESSMENT_TEXTS = (
    "description",
    "purposes",
    "necessity",
    "dpo_opinion",
    "dpo_opinion_date",
    "head_decision",
    "head_decision_text",
    "decided_on",
    "next_review",
)
SCENARIO_FIELDS = (
    "title",
    "source",
    "event",
    "damage",
    "inherent_likelihood",
    "inherent_severity",
    "residual_likelihood",
    "residual_severity",
    "residual_reason",
    "catalogue_key",
)


@dataclass(frozen=True)
class MeasureView:
    id: int
    tom_id: int | None
    title: str


@dataclass(frozen=True)
class ActionView:
    """One line of the action plan; ``scenarios`` are the numbers of the scenarios the
    measure is linked to."""

    id: int
    tom_id: int | None
    title: str
    data: ActionData
    scenarios: tuple[int, ...] = ()
    row_version: int = 1

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES.get(self.data.status, self.data.status)


@dataclass(frozen=True)
class StakeholderView:
    id: int
    data: ViewData
    row_version: int = 1


@dataclass(frozen=True)
class ScenarioView:
    id: int
    number: int
    data: ScenarioData
    measures: tuple[MeasureView, ...] = ()
    row_version: int = 1


@dataclass(frozen=True)
class AssessmentDetail:
    id: int
    school_id: int
    activity_id: int
    activity_key: str
    activity_name: str
    version: int
    status: str
    data: AssessmentData
    scenarios: list[ScenarioView]
    matrix: RiskMatrix
    signed_off_at: datetime | None
    signed_off_by: str
    updated_at: datetime
    signed_versions: tuple[int, ...] = field(default_factory=tuple)
    row_version: int = 1
    actions: tuple[ActionView, ...] = ()
    views: tuple[StakeholderView, ...] = ()
    changes: Changes = changes_field()

    @property
    def frozen(self) -> bool:
        return self.status == SIGNED_OFF

    @property
    def scenario_data(self) -> list[ScenarioData]:
        return [s.data for s in self.scenarios]

    @property
    def highest_residual(self) -> str | None:
        return highest_residual(self.matrix, self.scenario_data)

    @property
    def highest_inherent(self) -> str | None:
        return highest_inherent(self.matrix, self.scenario_data)

    @property
    def consultation_needed(self) -> bool:
        return consultation_needed(self.matrix, self.scenario_data)

    @property
    def missing(self) -> list[Problem]:
        return sign_off_missing(self.data, self.scenario_data)

    @property
    def status_label(self) -> str:
        return status_label(self.status, self.version, self.signed_versions)


def status_label(status: str, version: int, signed: tuple[int, ...]) -> str:
    if status == SIGNED_OFF:
        return f"Abgeschlossen (Version {version})"
    if signed:
        return f"Überarbeitung (gültig: Version {signed[-1]})"
    return STATUS_LABELS[DRAFT]


def school_matrix(session: Session, school_id: int) -> RiskMatrix:
    row = session.scalar(select(DsfaMatrixSetting).where(DsfaMatrixSetting.school_id == school_id))
    return RiskMatrix.from_json(row.matrix if row is not None else None)


def matrix_in_force(session: Session, row: DsfaAssessment) -> RiskMatrix:
    """The stored matrix of a signed-off version, else the school's current one."""
    if row.status == SIGNED_OFF and row.matrix:
        return RiskMatrix.from_json(row.matrix)
    return school_matrix(session, row.school_id)


def scenario_data(row: DsfaScenario) -> ScenarioData:
    return ScenarioData(**{name: getattr(row, name) for name in SCENARIO_FIELDS})


def assessment_data(row: DsfaAssessment) -> AssessmentData:
    return AssessmentData(**{name: getattr(row, name) for name in ASSESSMENT_TEXTS})


def measure_titles(session: Session, row: DsfaAssessment) -> dict[int, str]:
    """Current titles of the linked TOM measures (drafts show the catalogue as it is now)."""
    ids = {m.tom_id for s in row.scenarios for m in s.measures if m.tom_id is not None}
    if not ids:
        return {}
    return dict(
        session.execute(select(TomMeasure.id, TomMeasure.title).where(TomMeasure.id.in_(ids))).all()
    )


def signed_versions(session: Session, activity_id: int) -> tuple[int, ...]:
    return tuple(
        session.scalars(
            select(DsfaAssessment.version)
            .where(DsfaAssessment.activity_id == activity_id, DsfaAssessment.status == SIGNED_OFF)
            .order_by(DsfaAssessment.version)
        )
    )


def detail_of(session: Session, row: DsfaAssessment) -> AssessmentDetail:
    activity = session.get(ProcessingActivity, row.activity_id)
    assert activity is not None
    live = {} if row.status == SIGNED_OFF else measure_titles(session, row)
    return AssessmentDetail(
        id=row.id,
        school_id=row.school_id,
        activity_id=row.activity_id,
        activity_key=activity.key,
        activity_name=activity.name,
        version=row.version,
        status=row.status,
        data=assessment_data(row),
        scenarios=[
            ScenarioView(
                s.id,
                number,
                scenario_data(s),
                tuple(MeasureView(m.id, m.tom_id, live.get(m.tom_id, m.title)) for m in s.measures),
                s.row_version,
            )
            for number, s in enumerate(row.scenarios, start=1)
        ],
        matrix=matrix_in_force(session, row),
        signed_off_at=row.signed_off_at,
        signed_off_by=row.signed_off_by,
        updated_at=row.updated_at,
        signed_versions=signed_versions(session, row.activity_id),
        row_version=row.row_version,
        actions=_actions(row, live),
        views=tuple(
            StakeholderView(
                v.id, ViewData(v.group_name, v.asked_on, v.summary, v.response), v.row_version
            )
            for v in row.views
        ),
    )


def _actions(row: DsfaAssessment, live: dict[int, str]) -> tuple[ActionView, ...]:
    numbers: dict[object, list[int]] = {}
    for number, scenario in enumerate(row.scenarios, start=1):
        for measure in scenario.measures:
            key = measure.tom_id if measure.tom_id is not None else f"title:{measure.title}"
            numbers.setdefault(key, []).append(number)
    result = []
    for a in row.actions:
        key = a.tom_id if a.tom_id is not None else f"title:{a.title}"
        result.append(
            ActionView(
                a.id,
                a.tom_id,
                live.get(a.tom_id, a.title) if a.tom_id is not None else a.title,
                ActionData(a.owner, a.due_on, a.status, a.note),
                tuple(sorted(set(numbers.get(key, [])))),
                a.row_version,
            )
        )
    return tuple(result)


def load_assessment(session: Session, assessment_id: int) -> DsfaAssessment:
    row = session.get(DsfaAssessment, assessment_id)
    if row is None:
        raise RecordGone(
            "Diese Folgenabschätzung gibt es nicht mehr (inzwischen gelöscht). "
            "Nichts wurde gespeichert."
        )
    return row


def load_draft(session: Session, assessment_id: int) -> DsfaAssessment:
    """The assessment to change; a signed-off version is frozen."""
    row = load_assessment(session, assessment_id)
    if row.status == SIGNED_OFF:
        raise ValidationError(
            [
                Problem(
                    "status",
                    f"Version {row.version} ist abgeschlossen und kann nicht mehr geändert "
                    "werden. Für Änderungen bitte eine Überarbeitung beginnen.",
                )
            ]
        )
    return row
