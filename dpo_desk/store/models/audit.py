"""The change log (audit trail) and what it says about records copied between schools."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dpo_desk.store.base import Base, UtcDateTime, utc_now


class AuditEvent(Base):
    """Append-only trail: who changed what, when, with before/after values.

    ``prev_hash``/``chain_hash``/``salt`` seal it into one hash chain per database
    (``core.audit.chain``). Erasing a person blanks ``changes``, keeps their digest in
    ``erased_digest``, deletes the salt and notes who erased it when (``erased_at/_by``).
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity_type", "entity_id"),
        Index("ix_audit_event_occurred_at", "occurred_at"),
        Index("ix_audit_event_school_id", "school_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    actor: Mapped[str] = mapped_column(String(200))
    school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), default=None
    )
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(default=None)
    action: Mapped[str] = mapped_column(String(30))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    chain_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    salt: Mapped[str] = mapped_column(String(32), default="", server_default="")
    erased_digest: Mapped[str] = mapped_column(String(64), default="", server_default="")
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    erased_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


class LibraryItem(Base):
    """A record kept once for several schools (a processor with its checklist and
    sub-processors, a TOM, a consent template, a register entry, a DSFA scenario), stored
    as its document of the export format (docs/EXPORT_FORMAT.md) and copied into schools."""

    __tablename__ = "library_item"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    document: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    digest: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    source_school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), default=None
    )
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_by: Mapped[str] = mapped_column(String(200), default="")


class RecordOrigin(Base):
    """Where a record of a school was copied or imported from, and its content digest then:
    a later change of the origin can be offered, and a re-import tells "changed there" from
    "changed here" (a conflict)."""

    __tablename__ = "record_origin"
    __table_args__ = (UniqueConstraint("school_id", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int] = mapped_column(Integer)
    # The copy's own key then: a link whose record was deleted (and whose id a new record
    # got) no longer matches and counts as no link.
    entity_key: Mapped[str] = mapped_column(String(200), default="")
    origin_kind: Mapped[str] = mapped_column(String(20))  # library | school | archive
    origin_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("library_item.id", ondelete="SET NULL"), index=True, default=None
    )
    origin_school_id: Mapped[int | None] = mapped_column(
        ForeignKey("school.id", ondelete="SET NULL"), index=True, default=None
    )
    origin_key: Mapped[str] = mapped_column(String(200), default="")
    origin_label: Mapped[str] = mapped_column(String(300), default="")
    base_digest: Mapped[str] = mapped_column(String(64))
    copied_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    copied_by: Mapped[str] = mapped_column(String(200), default="")
