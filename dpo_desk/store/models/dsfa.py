"""Impact assessments (DSFA, Art. 35): threshold analyses, assessments with their versions,
risk scenarios with their measures, and each school's risk matrix.

A signed-off assessment is frozen (services refuse changes); a revision copies it into a new
draft with the next version number. The matrix in force is stored with the signed-off
version, and each linked measure keeps its title so the printout does not change later.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now

SCHOOL_FK = "school.id"
ACTIVITY_FK = "processing_activity.id"


class DsfaThreshold(Versioned, Base):
    """The threshold analysis (Schwellwertanalyse) of one activity; re-running replaces it
    (the audit trail keeps the earlier answers)."""

    __tablename__ = "dsfa_threshold"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey(ACTIVITY_FK, ondelete="CASCADE"), unique=True
    )
    answers: Mapped[list[str]] = mapped_column(JSON, default=list)
    on_state_list: Mapped[bool] = mapped_column(Boolean, default=False)
    list_items: Mapped[list[str]] = mapped_column(JSON, default=list)
    conclusion: Mapped[str] = mapped_column(String(20))
    reasoning: Mapped[str] = mapped_column(Text, default="")
    assessed_on: Mapped[date] = mapped_column(Date)
    assessed_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class DsfaAssessment(Versioned, Base):
    """One version of the impact assessment of an activity."""

    __tablename__ = "dsfa_assessment"
    __table_args__ = (UniqueConstraint("activity_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey(ACTIVITY_FK, ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    description: Mapped[str] = mapped_column(Text, default="")
    purposes: Mapped[str] = mapped_column(Text, default="")
    necessity: Mapped[str] = mapped_column(Text, default="")
    dpo_opinion: Mapped[str] = mapped_column(Text, default="")
    dpo_opinion_date: Mapped[date | None] = mapped_column(Date, default=None)
    head_decision: Mapped[str] = mapped_column(String(30), default="")
    head_decision_text: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    next_review: Mapped[date | None] = mapped_column(Date, default=None)
    matrix: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    signed_off_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    signed_off_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)

    scenarios: Mapped[list[DsfaScenario]] = relationship(
        order_by="DsfaScenario.position", cascade="all, delete-orphan"
    )
    views: Mapped[list[DsfaStakeholderView]] = relationship(
        order_by="DsfaStakeholderView.position", cascade="all, delete-orphan"
    )
    actions: Mapped[list[DsfaAction]] = relationship(
        order_by="DsfaAction.position", cascade="all, delete-orphan"
    )


class DsfaScenario(Versioned, Base):
    """A risk scenario: source, event, damage, rated before and after the measures."""

    __tablename__ = "dsfa_scenario"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("dsfa_assessment.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    catalogue_key: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[str] = mapped_column(Text, default="")
    damage: Mapped[str] = mapped_column(Text, default="")
    inherent_likelihood: Mapped[int | None] = mapped_column(Integer, default=None)
    inherent_severity: Mapped[int | None] = mapped_column(Integer, default=None)
    residual_likelihood: Mapped[int | None] = mapped_column(Integer, default=None)
    residual_severity: Mapped[int | None] = mapped_column(Integer, default=None)
    residual_reason: Mapped[str] = mapped_column(Text, default="")

    measures: Mapped[list[DsfaScenarioMeasure]] = relationship(
        order_by="DsfaScenarioMeasure.position", cascade="all, delete-orphan"
    )


class DsfaScenarioMeasure(Base):
    """A measure chosen for a scenario: a link into the TOM catalogue plus the title it had
    (kept when the measure is later renamed or deleted)."""

    __tablename__ = "dsfa_scenario_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    scenario_id: Mapped[int] = mapped_column(
        ForeignKey("dsfa_scenario.id", ondelete="CASCADE"), index=True
    )
    tom_id: Mapped[int | None] = mapped_column(
        ForeignKey("tom_measure.id", ondelete="SET NULL"), index=True, default=None
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))


class DsfaMatrixSetting(Versioned, Base):
    """The school's risk matrix, when it departs from the default."""

    __tablename__ = "dsfa_matrix_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), unique=True)
    matrix: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class DsfaStakeholderView(Versioned, Base):
    """The views of those affected or their representatives (Art. 35(9)): who was asked,
    when, what they said and how it was taken into account."""

    __tablename__ = "dsfa_stakeholder_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("dsfa_assessment.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    group_name: Mapped[str] = mapped_column(String(200))
    asked_on: Mapped[date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")


class DsfaAction(Versioned, Base):
    """One line of the action plan: a measure of the assessment with who does it by when.

    Every measure linked to a scenario has one line (kept in step by the services); the
    title is kept when the measure is later renamed or deleted, like the scenario links.
    """

    __tablename__ = "dsfa_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("dsfa_assessment.id", ondelete="CASCADE"), index=True
    )
    tom_id: Mapped[int | None] = mapped_column(
        ForeignKey("tom_measure.id", ondelete="SET NULL"), index=True, default=None
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")
    note: Mapped[str] = mapped_column(Text, default="")
