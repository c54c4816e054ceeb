"""Record of processing activities (Art. 30), processors (Art. 28) and TOMs (Art. 32).

The activity row holds the working state (a draft or the released text); releasing appends a
frozen JSON snapshot to ``activity_version`` that later edits never touch.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now

SCHOOL_FK = "school.id"


class ProcessingActivity(Versioned, Base):
    """One entry of the register (Verarbeitungstätigkeit)."""

    __tablename__ = "processing_activity"
    __table_args__ = (UniqueConstraint("school_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    released_version: Mapped[int] = mapped_column(Integer, default=0)
    catalogue_key: Mapped[str] = mapped_column(String(60), default="")
    purposes: Mapped[str] = mapped_column(Text, default="")
    data_subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_bases: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_basis_text: Mapped[str] = mapped_column(Text, default="")
    joint_controllers: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    consent_based: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_template_key: Mapped[str] = mapped_column(String(100), default="")
    special_categories: Mapped[bool] = mapped_column(Boolean, default=False)
    tom_description: Mapped[str] = mapped_column(Text, default="")
    dsfa: Mapped[str] = mapped_column(String(20), default="not_assessed")
    dsfa_result: Mapped[str] = mapped_column(Text, default="")
    review_interval_months: Mapped[int] = mapped_column(Integer, default=12)
    next_review: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    data_source: Mapped[str] = mapped_column(Text, default="")
    hosting_location: Mapped[str] = mapped_column(Text, default="")
    systems: Mapped[list[str]] = mapped_column(JSON, default=list)
    automated_decision: Mapped[bool] = mapped_column(Boolean, default=False)
    automated_decision_logic: Mapped[str] = mapped_column(Text, default="")
    archived_on: Mapped[date | None] = mapped_column(Date, default=None)
    archive_reason: Mapped[str] = mapped_column(Text, default="")
    retain_until: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)

    data_categories: Mapped[list[ActivityDataCategory]] = relationship(
        order_by="ActivityDataCategory.position", cascade="all, delete-orphan"
    )
    recipients: Mapped[list[ActivityRecipient]] = relationship(
        order_by="ActivityRecipient.position", cascade="all, delete-orphan"
    )
    transfers: Mapped[list[ActivityTransfer]] = relationship(
        order_by="ActivityTransfer.position", cascade="all, delete-orphan"
    )
    processor_links: Mapped[list[ActivityProcessor]] = relationship(cascade="all, delete-orphan")
    tom_links: Mapped[list[ActivityTom]] = relationship(cascade="all, delete-orphan")
    versions: Mapped[list[ActivityVersion]] = relationship(
        order_by="ActivityVersion.number", cascade="all, delete-orphan"
    )


class ActivityDataCategory(Base):
    """A category of personal data with its own erasure period (Art. 30(1) c and f)."""

    __tablename__ = "activity_data_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    erasure_period: Mapped[str] = mapped_column(String(300), default="")


class ActivityRecipient(Base):
    """A category of recipients, internal (within the school) or external (Art. 30(1) d)."""

    __tablename__ = "activity_recipient"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    external: Mapped[bool] = mapped_column(Boolean, default=False)


class ActivityTransfer(Base):
    """A transfer to a third country with its documented safeguard (Art. 30(1) e)."""

    __tablename__ = "activity_transfer"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    country: Mapped[str] = mapped_column(String(2))
    recipient: Mapped[str] = mapped_column(String(300), default="")
    safeguard: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ActivityVersion(Base):
    """A released version, frozen: the snapshot is never changed after it is written."""

    __tablename__ = "activity_version"
    __table_args__ = (UniqueConstraint("activity_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE")
    )
    number: Mapped[int] = mapped_column(Integer)
    released_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    released_by: Mapped[str] = mapped_column(String(200), default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_role: Mapped[str] = mapped_column(String(200), default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Processor(Versioned, Base):
    """A processor (Auftragsverarbeiter) with its contract (AVV) data."""

    __tablename__ = "processor"
    __table_args__ = (UniqueConstraint("school_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="DE")
    safeguard: Mapped[str] = mapped_column(String(30), default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    dpo_name: Mapped[str] = mapped_column(String(200), default="")
    dpo_email: Mapped[str] = mapped_column(String(200), default="")
    contract_status: Mapped[str] = mapped_column(String(20), default="none")
    contract_date: Mapped[date | None] = mapped_column(Date, default=None)
    contract_review: Mapped[date | None] = mapped_column(Date, default=None)
    contract_file_name: Mapped[str] = mapped_column(String(300), default="")
    data_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    data_subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    contract_version: Mapped[str] = mapped_column(String(100), default="")
    contract_term: Mapped[str] = mapped_column(Text, default="")
    contract_end: Mapped[date | None] = mapped_column(Date, default=None)
    objection_days: Mapped[int | None] = mapped_column(Integer, default=None)
    eu_only: Mapped[bool] = mapped_column(Boolean, default=False)
    special_categories: Mapped[bool] = mapped_column(Boolean, default=False)
    hosting_location: Mapped[str] = mapped_column(Text, default="")
    supplementary_measures: Mapped[str] = mapped_column(Text, default="")
    tia_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)

    checks: Mapped[list[ProcessorCheck]] = relationship(
        order_by="ProcessorCheck.point", cascade="all, delete-orphan"
    )
    sub_processors: Mapped[list[SubProcessor]] = relationship(
        order_by="SubProcessor.position", cascade="all, delete-orphan"
    )


class ProcessorContract(Base):
    """The signed contract of a processor, stored inside the database: encrypted with it,
    part of every backup and restored with it (never a path into the file system)."""

    __tablename__ = "processor_contract"

    processor_id: Mapped[int] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ProcessorCheck(Base):
    """One point a–h of the Art. 28(3) checklist for a processor's contract."""

    __tablename__ = "processor_check"
    __table_args__ = (UniqueConstraint("processor_id", "point"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    processor_id: Mapped[int] = mapped_column(ForeignKey("processor.id", ondelete="CASCADE"))
    point: Mapped[str] = mapped_column(String(1))
    fulfilled: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class SubProcessor(Base):
    """A processor's own vendor (Unterauftragnehmer)."""

    __tablename__ = "sub_processor"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    processor_id: Mapped[int] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    service: Mapped[str] = mapped_column(String(300), default="")
    safeguard: Mapped[str] = mapped_column(String(30), default="")
    approved_on: Mapped[date | None] = mapped_column(Date, default=None)
    supplementary_measures: Mapped[str] = mapped_column(Text, default="")
    tia_on: Mapped[date | None] = mapped_column(Date, default=None)


class TomMeasure(Versioned, Base):
    """A technical or organisational measure of the school (no processor) or of a processor."""

    __tablename__ = "tom_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    processor_id: Mapped[int | None] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), default=None
    )
    catalogue_key: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    protection_goal: Mapped[str] = mapped_column(String(30))
    control_type: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(20), default="in_place")
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    evidence_kind: Mapped[str] = mapped_column(String(30), default="")
    evidence_reference: Mapped[str] = mapped_column(String(300), default="")
    evidence_valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class ActivityProcessor(Base):
    """Which processors an activity uses."""

    __tablename__ = "activity_processor"
    __table_args__ = (UniqueConstraint("activity_id", "processor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE")
    )
    processor_id: Mapped[int] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), index=True
    )


class ActivityTom(Base):
    """Which measures an activity references (Art. 30(1) g)."""

    __tablename__ = "activity_tom"
    __table_args__ = (UniqueConstraint("activity_id", "tom_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE")
    )
    tom_id: Mapped[int] = mapped_column(
        ForeignKey("tom_measure.id", ondelete="CASCADE"), index=True
    )


class RegisterAttachment(Base):
    """A file kept with a register entry, a processor (beyond its contract) or a measure
    (e.g. a certificate): inside the database like the contracts, never a path."""

    __tablename__ = "register_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey(SCHOOL_FK, ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("processing_activity.id", ondelete="CASCADE"), index=True, default=None
    )
    processor_id: Mapped[int | None] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), index=True, default=None
    )
    tom_id: Mapped[int | None] = mapped_column(
        ForeignKey("tom_measure.id", ondelete="CASCADE"), index=True, default=None
    )
    file_name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(String(300), default="")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
