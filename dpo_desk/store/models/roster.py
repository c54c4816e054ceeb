"""Students, their classes per school year, and the remembered import column mapping."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now

STUDENT_ACTIVE = "active"
STUDENT_LEFT = "left"


class SchoolClass(Base):
    """A class ("7b") of one school in one school year ("2026/27"); kept as history."""

    __tablename__ = "school_class"
    __table_args__ = (UniqueConstraint("school_id", "school_year", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    school_year: Mapped[str] = mapped_column(String(7))
    name: Mapped[str] = mapped_column(String(30))
    grade: Mapped[int | None] = mapped_column(default=None)


class Student(Versioned, Base):
    """A pupil of one school. Only what the app needs: no address, religion or gender."""

    __tablename__ = "student"
    __table_args__ = (Index("ix_student_school_external", "school_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(50), default="")
    last_name: Mapped[str] = mapped_column(String(200))
    first_names: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=STUDENT_ACTIVE)
    left_on: Mapped[date | None] = mapped_column(Date, default=None)
    guardian_1: Mapped[str] = mapped_column(String(200), default="")
    guardian_2: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class Enrolment(Base):
    """A student's class in one school year; old years stay as history."""

    __tablename__ = "enrolment"
    __table_args__ = (UniqueConstraint("student_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(
        ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    school_year: Mapped[str] = mapped_column(String(7))


class RosterMapping(Base):
    """Per school: which file heading feeds which field, as the user mapped it once."""

    __tablename__ = "roster_mapping"

    school_id: Mapped[int] = mapped_column(
        ForeignKey("school.id", ondelete="CASCADE"), primary_key=True
    )
    mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
