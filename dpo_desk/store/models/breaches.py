"""Data breaches (Art. 33/34 GDPR): the register of a school's breaches, each with the
register entries and processors it concerns.

The risk class is stored as it was assessed with the school's matrix at the time, so a later
change of the matrix does not rewrite an old decision.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now

SCHOOL_FK = "school.id"


class Breach(Versioned, Base):
    """One personal data breach (Datenpanne), documented whether notified or not."""

    __tablename__ = "breach"
    __table_args__ = (UniqueConstraint("school_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    occurred_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    occurred_note: Mapped[str] = mapped_column(Text, default="")
    aware_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reported_by: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    data_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    special_categories: Mapped[bool] = mapped_column(Boolean, default=False)
    persons_count: Mapped[int | None] = mapped_column(Integer, default=None)
    records_count: Mapped[int | None] = mapped_column(Integer, default=None)
    consequences: Mapped[str] = mapped_column(Text, default="")
    measures_taken: Mapped[str] = mapped_column(Text, default="")
    measures_planned: Mapped[str] = mapped_column(Text, default="")
    likelihood: Mapped[int | None] = mapped_column(Integer, default=None)
    severity: Mapped[int | None] = mapped_column(Integer, default=None)
    risk_class: Mapped[str] = mapped_column(String(10), default="")
    risk_reasoning: Mapped[str] = mapped_column(Text, default="")
    notified_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    authority_reference: Mapped[str] = mapped_column(String(100), default="")
    delay_reason: Mapped[str] = mapped_column(Text, default="")
    no_notification_reason: Mapped[str] = mapped_column(Text, default="")
    persons_informed_on: Mapped[date | None] = mapped_column(Date, default=None)
    persons_informed_how: Mapped[str] = mapped_column(Text, default="")
    persons_not_informed_reason: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)

    activity_links: Mapped[list[BreachActivity]] = relationship(cascade="all, delete-orphan")
    processor_links: Mapped[list[BreachProcessor]] = relationship(cascade="all, delete-orphan")


class BreachActivity(Base):
    """A register entry whose data the breach concerns."""

    __tablename__ = "breach_activity"
    __table_args__ = (UniqueConstraint("breach_id", "activity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    breach_id: Mapped[int] = mapped_column(ForeignKey("breach.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE"), index=True
    )


class BreachProcessor(Base):
    """A processor involved in the breach."""

    __tablename__ = "breach_processor"
    __table_args__ = (UniqueConstraint("breach_id", "processor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    breach_id: Mapped[int] = mapped_column(ForeignKey("breach.id", ondelete="CASCADE"))
    processor_id: Mapped[int] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), index=True
    )
