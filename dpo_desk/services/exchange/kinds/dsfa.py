"""Impact assessments (threshold analyses, assessments with scenarios and measures) in the
part ``dsfa``, and the school's risk matrix in the part ``risk_matrix``. An assessment is
recognised by its register entry's key and its version number."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.services.exchange.kinds.base import Record, RecordKind, Writing, from_doc, to_doc
from dpo_desk.services.exchange.kinds.processors import tom_refs
from dpo_desk.services.exchange.kinds.register import tom_ids
from dpo_desk.services.versions import mark_saved
from dpo_desk.store.models import (
    DsfaAction,
    DsfaAssessment,
    DsfaMatrixSetting,
    DsfaScenario,
    DsfaScenarioMeasure,
    DsfaStakeholderView,
    DsfaThreshold,
    ProcessingActivity,
)

THRESHOLD_FIELDS = (
    "answers",
    "on_state_list",
    "list_items",
    "conclusion",
    "reasoning",
    "assessed_on",
    "assessed_by",
)
ASSESSMENT_FIELDS = (
    "version",
    "status",
    "description",
    "purposes",
    "necessity",
    "dpo_opinion",
    "dpo_opinion_date",
    "head_decision",
    "head_decision_text",
    "decided_on",
    "next_review",
    "matrix",
    "signed_off_at",
    "signed_off_by",
)
SCENARIO_FIELDS = (
    "catalogue_key",
    "title",
    "source",
    "event",
    "damage",
    "inherent_likelihood",
    "inherent_severity",
    "residual_likelihood",
    "residual_severity",
    "residual_reason",
)
VIEW_FIELDS = ("group_name", "asked_on", "summary", "response")
ACTION_FIELDS = ("title", "owner", "due_on", "status", "note")


def _activity_keys(session: Session, school_id: int) -> dict[int, str]:
    return dict(
        session.execute(
            select(ProcessingActivity.id, ProcessingActivity.key).where(
                ProcessingActivity.school_id == school_id
            )
        ).all()
    )


def _activity_id(writing: Writing, key: str) -> int | None:
    found = writing.targets.get("activity", key) or writing.session.scalar(
        select(ProcessingActivity.id).where(
            ProcessingActivity.school_id == writing.school_id, ProcessingActivity.key == key
        )
    )
    if found is None:
        writing.warn(f"Folgenabschätzung zu „{key}“ ausgelassen: Der VVT-Eintrag fehlt.")
    return found


class ThresholdKind(RecordKind):
    kind, part, key, entity, label = (
        "dsfa_threshold",
        "dsfa",
        "thresholds",
        "dsfa_threshold",
        "Schwellwertanalyse",
    )
    choices = ("keep", "replace")

    def identity(self, document: dict[str, Any]) -> str:
        return str(document["activity"])

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} zu „{document['activity']}“"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        keys = _activity_keys(session, school_id)
        rows = session.scalars(select(DsfaThreshold).where(DsfaThreshold.school_id == school_id))
        documents = [
            (row.id, {"activity": keys[row.activity_id], **to_doc(row, THRESHOLD_FIELDS)})
            for row in rows
        ]
        return [
            self.record(doc, ident)
            for ident, doc in sorted(documents, key=lambda d: d[1]["activity"])
        ]

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        activity = _activity_id(writing, record.document["activity"])
        if activity is None:
            return 0
        values = from_doc(DsfaThreshold, record.document, THRESHOLD_FIELDS)
        row = writing.session.scalar(
            select(DsfaThreshold).where(DsfaThreshold.activity_id == activity)
        )
        if row is None:
            row = DsfaThreshold(school_id=writing.school_id, activity_id=activity, **values)
            writing.session.add(row)
        else:  # one analysis per entry: "keep both" cannot apply, it replaces
            for name, value in values.items():
                setattr(row, name, value)
        writing.session.flush()
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"activity": record.identity},
            school_id=writing.school_id,
        )
        return row.id


class AssessmentKind(RecordKind):
    kind, part, key, entity, label = ("dsfa", "dsfa", "assessments", "dsfa", "DSFA")

    def identity(self, document: dict[str, Any]) -> str:
        return f"{document['activity']}#{document['version']}"

    def record_label(self, document: dict[str, Any]) -> str:
        return f"{self.label} „{document['activity']}“, Version {document['version']}"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        keys = _activity_keys(session, school_id)
        refs = tom_refs(session, school_id)
        records = []
        for row in session.scalars(
            select(DsfaAssessment)
            .where(DsfaAssessment.school_id == school_id)
            .order_by(DsfaAssessment.id)
        ):
            document = {"activity": keys[row.activity_id], **to_doc(row, ASSESSMENT_FIELDS)}
            document["scenarios"] = [
                {
                    **to_doc(s, SCENARIO_FIELDS),
                    "measures": [
                        {"title": m.title, "tom": refs.get(m.tom_id) if m.tom_id else None}
                        for m in s.measures
                    ],
                }
                for s in row.scenarios
            ]
            document["views"] = [to_doc(v, VIEW_FIELDS) for v in row.views]
            document["actions"] = [
                {**to_doc(a, ACTION_FIELDS), "tom": refs.get(a.tom_id) if a.tom_id else None}
                for a in row.actions
            ]
            records.append(self.record(document, row.id))
        return sorted(records, key=lambda r: r.identity)

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        doc, session = record.document, writing.session
        activity = _activity_id(writing, doc["activity"])
        if activity is None:
            return 0
        values = from_doc(DsfaAssessment, doc, ASSESSMENT_FIELDS)
        if existing is not None and not copy:
            row = session.get(DsfaAssessment, existing)
            for name, value in values.items():
                setattr(row, name, value)
            row.scenarios.clear()
            if "views" in doc:
                row.views.clear()
            if "actions" in doc:
                row.actions.clear()
            mark_saved(row)
            session.flush()
        else:
            if copy or existing is None:
                highest = session.scalar(
                    select(func.max(DsfaAssessment.version)).where(
                        DsfaAssessment.activity_id == activity
                    )
                )
                if highest is not None and (copy or highest >= values["version"]):
                    values["version"] = highest + 1
            row = DsfaAssessment(school_id=writing.school_id, activity_id=activity, **values)
            session.add(row)
            session.flush()
        for position, item in enumerate(doc["scenarios"]):
            scenario = DsfaScenario(
                school_id=writing.school_id,
                position=position,
                **from_doc(DsfaScenario, item, SCENARIO_FIELDS),
            )
            for index, measure in enumerate(item["measures"]):
                found = tom_ids(writing, [measure["tom"]]) if measure["tom"] else []
                scenario.measures.append(
                    DsfaScenarioMeasure(
                        school_id=writing.school_id,
                        position=index,
                        title=measure["title"],
                        tom_id=found[0] if found else None,
                    )
                )
            row.scenarios.append(scenario)
        self._plan(writing, row, doc)
        session.flush()
        writing.uow.audit(
            self.entity,
            row.id,
            "import",
            {"activity": doc["activity"], "version": row.version},
            school_id=writing.school_id,
        )
        return row.id

    def _plan(self, writing: Writing, row: DsfaAssessment, doc: dict[str, Any]) -> None:
        """The views of those affected and the action plan (absent before version 3: the
        plan is then rebuilt from the linked measures on the next change)."""
        for position, item in enumerate(doc.get("views", [])):
            row.views.append(
                DsfaStakeholderView(
                    school_id=writing.school_id,
                    position=position,
                    **from_doc(DsfaStakeholderView, item, VIEW_FIELDS),
                )
            )
        for position, item in enumerate(doc.get("actions", [])):
            found = tom_ids(writing, [item["tom"]]) if item["tom"] else []
            row.actions.append(
                DsfaAction(
                    school_id=writing.school_id,
                    position=position,
                    tom_id=found[0] if found else None,
                    **from_doc(DsfaAction, item, ACTION_FIELDS),
                )
            )


class MatrixKind(RecordKind):
    kind, part, key, entity, label = (
        "dsfa_matrix",
        "risk_matrix",
        "matrices",
        "dsfa_matrix",
        "Risikomatrix",
    )
    choices = ("keep", "replace")

    def identity(self, document: dict[str, Any]) -> str:
        return "matrix"

    def record_label(self, document: dict[str, Any]) -> str:
        return "Risikomatrix der Schule"

    def export(self, session: Session, school_id: int, files: dict[str, bytes]) -> list[Record]:
        row = session.scalar(
            select(DsfaMatrixSetting).where(DsfaMatrixSetting.school_id == school_id)
        )
        if row is None:
            return []
        return [self.record(to_doc(row, ("matrix", "updated_by")), row.id)]

    def write(self, writing: Writing, record: Record, existing: int | None, copy: bool) -> int:
        values = from_doc(DsfaMatrixSetting, record.document, ("matrix", "updated_by"))
        row = writing.session.scalar(
            select(DsfaMatrixSetting).where(DsfaMatrixSetting.school_id == writing.school_id)
        )
        if row is None:
            row = DsfaMatrixSetting(school_id=writing.school_id, **values)
            writing.session.add(row)
        else:
            for name, value in values.items():
                setattr(row, name, value)
        writing.session.flush()
        writing.uow.audit(
            self.entity, row.id, "import", {"matrix": "importiert"}, school_id=writing.school_id
        )
        return row.id


KINDS: list[RecordKind] = [ThresholdKind(), AssessmentKind(), MatrixKind()]
