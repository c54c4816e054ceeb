from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dpo_desk.store.base import Base, UtcDateTime, Versioned, utc_now


class School(Versioned, Base):
    """A school is the controller; every school-owned row points here."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    school_number: Mapped[str] = mapped_column(String(20), default="", unique=False)
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(5), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(2))  # ISO 3166-2:DE suffix, e.g. "NW"
    kind: Mapped[str] = mapped_column(String(30), default="")  # core.schools.SCHOOL_KINDS
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")
    dpo_name: Mapped[str] = mapped_column(String(200), default="")
    dpo_organisation: Mapped[str] = mapped_column(String(200), default="")
    dpo_email: Mapped[str] = mapped_column(String(200), default="")
    dpo_phone: Mapped[str] = mapped_column(String(50), default="")
    authority_name: Mapped[str] = mapped_column(String(300), default="")
    authority_address: Mapped[str] = mapped_column(Text, default="")
    authority_email: Mapped[str] = mapped_column(String(200), default="")
    authority_website: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    logo_mime: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
