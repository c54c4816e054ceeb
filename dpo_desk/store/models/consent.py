"""Consent templates, their immutable text versions, and the consent events per student.

Proof of consent (Art. 7(1) GDPR) rests on three rules kept by ``services.consent*``:
a version that any event refers to is never changed (an edit makes the next version);
events are only appended (a mistake is fixed by a ``correction`` event that points at the
original, which stays); every event names who entered it and when.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now

SCHOOL_FK = "school.id"

EVENT_FORM = "form"
EVENT_REVOCATION = "revocation"
EVENT_CORRECTION = "correction"


class ConsentTemplate(Versioned, Base):
    """A school's consent template ("videokonferenzen"). What is printed on the form and
    agreed to lives in its versions; the template holds what may change without a new
    text: to whom it is handed out, and facts such as the day a condition ended."""

    __tablename__ = "consent_template"
    __table_args__ = (UniqueConstraint("school_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    catalogue_key: Mapped[str] = mapped_column(String(40), default="")
    grades: Mapped[list[int]] = mapped_column(JSON, default=list)
    class_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    condition_ended_on: Mapped[date | None] = mapped_column(Date, default=None)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class ConsentTemplateVersion(Base):
    """The exact text and terms of one version: title, purpose, information and declaration
    text, options (``[{"key", "label"}]``), who signs from which age, how long it holds and
    how long the proof is kept. Frozen once a consent event refers to it."""

    __tablename__ = "consent_template_version"
    __table_args__ = (UniqueConstraint("template_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    template_id: Mapped[int] = mapped_column(
        ForeignKey("consent_template.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    information_text: Mapped[str] = mapped_column(Text)
    declaration_text: Mapped[str] = mapped_column(Text)
    voluntary_note: Mapped[str] = mapped_column(Text, default="")
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    co_signature_age: Mapped[int] = mapped_column(Integer, default=16)
    student_alone_age: Mapped[int] = mapped_column(Integer, default=18)
    duration_kind: Mapped[str] = mapped_column(String(20), default="until_revoked")
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    condition: Mapped[str] = mapped_column(Text, default="")
    renewal_years: Mapped[int | None] = mapped_column(Integer, default=None)
    retention_years: Mapped[int] = mapped_column(Integer, default=1)
    released_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    change_kind: Mapped[str] = mapped_column(String(20), default="")
    """"" (first version), "editorial" (a fix: consents stay valid), "wording" (new text)."""
    renew_consents: Mapped[bool] = mapped_column(Boolean, default=False)
    """A new wording after which consents to earlier versions must be given again."""
    head_signature: Mapped[bool] = mapped_column(Boolean, default=False)
    legacy_print: Mapped[bool] = mapped_column(Boolean, default=False)
    """Existed before the print log (0010): forms of it may have been printed unlogged."""


class ConsentEvent(Base):
    """One appended fact about a student's consent.

    ``form``: a returned paper form (``answers`` {option key: true/false/null}, ``signed_on``,
    ``received_on``, ``signed_by`` ["guardians", "student"]). ``revocation``: declared on
    ``declared_on`` over ``channel``, effective from ``effective_on``, for ``options`` (a
    list of option keys) or all (null). ``correction``: supersedes ``corrects_id``; its
    ``replacement_kind`` says whether its own fields are a form or a revocation in place of
    the original, or nothing (the original is void).
    """

    __tablename__ = "consent_event"
    __table_args__ = (Index("ix_consent_event_template_student", "template_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), index=True
    )
    template_id: Mapped[int] = mapped_column(ForeignKey("consent_template.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(
        ForeignKey("consent_template_version.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    replacement_kind: Mapped[str] = mapped_column(String(20), default="")
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("consent_event.id", ondelete="CASCADE"), default=None
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    received_on: Mapped[date | None] = mapped_column(Date, default=None)
    signed_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    options: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    declared_on: Mapped[date | None] = mapped_column(Date, default=None)
    effective_on: Mapped[date | None] = mapped_column(Date, default=None)
    channel: Mapped[str] = mapped_column(String(20), default="")
    entry_method: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(200))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    precedence: Mapped[str] = mapped_column(String(20), default="")
    """The person's decision where dates could not tell which declaration is newer
    (``core.consent.events.Precedence``)."""
    version_basis: Mapped[str] = mapped_column(String(20), default="")
    """How the text version was known: "code" (scanned), "printed" (last printed for the
    student), "chosen" (another version printed for the student), "legacy" (before 0010)."""


class ConsentPrint(Base):
    """One printout of forms or return slips: which text version was handed to which
    students (``ConsentPrintStudent``), when and by whom. A returned form is recorded
    against the version printed for its student, never one the family did not receive."""

    __tablename__ = "consent_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    template_id: Mapped[int] = mapped_column(
        ForeignKey("consent_template.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(
        ForeignKey("consent_template_version.id", ondelete="CASCADE")
    )
    document: Mapped[str] = mapped_column(String(30))
    students: Mapped[int] = mapped_column(Integer, default=0)
    printed_by: Mapped[str] = mapped_column(String(200), default="")
    printed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ConsentPrintStudent(Base):
    """A student whose form or slip was in a printout."""

    __tablename__ = "consent_print_student"

    print_id: Mapped[int] = mapped_column(
        ForeignKey("consent_print.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True, index=True
    )
