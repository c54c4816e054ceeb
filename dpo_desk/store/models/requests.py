"""Requests of data subjects (Art. 15–22 GDPR) and how the school answered them.

``student_id`` is cleared when the student record is erased; ``subject_name`` keeps whom the
request was about, as the proof that the school handled it (Art. 5(2)).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now


class SubjectRequest(Versioned, Base):
    """One request (Anfrage) of a data subject or on their behalf."""

    __tablename__ = "subject_request"
    __table_args__ = (UniqueConstraint("school_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date] = mapped_column(Date)
    requester_role: Mapped[str] = mapped_column(String(20))
    requester_name: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20), default="")
    student_id: Mapped[int | None] = mapped_column(
        ForeignKey("student.id", ondelete="SET NULL"), index=True, default=None
    )
    subject_name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20))
    identity_checked_on: Mapped[date | None] = mapped_column(Date, default=None)
    identity_method: Mapped[str] = mapped_column(String(300), default="")
    extended_until: Mapped[date | None] = mapped_column(Date, default=None)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extension_told_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")
    answered_on: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    erased_on: Mapped[date | None] = mapped_column(Date, default=None)
    erasure_summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
