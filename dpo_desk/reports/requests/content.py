"""Everything stored about a student, as plain values: the access report (Art. 15) prints
it, and the same values are the JSON copy for portability (Art. 20)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dpo_desk.core.schools import SchoolProfile


@dataclass(frozen=True)
class StudentRecord:
    last_name: str
    first_names: str
    birth_date: date
    external_id: str
    status: str
    left_on: date | None
    guardians: tuple[str, ...]
    class_history: tuple[tuple[str, str], ...]  # (school year, class)


@dataclass(frozen=True)
class ConsentRecord:
    """One consent event as stored, with the version of the text it refers to."""

    id: int
    template: str
    version: int
    kind: str
    entered_on: date
    answers: tuple[tuple[str, bool | None], ...] = ()
    signed_on: date | None = None
    received_on: date | None = None
    signed_by: tuple[str, ...] = ()
    revoked_options: tuple[str, ...] | None = None
    declared_on: date | None = None
    effective_on: date | None = None
    channel: str = ""
    note: str = ""
    corrected_by: int | None = None


@dataclass(frozen=True)
class ConsentText:
    """The exact wording of one version the student's entries refer to."""

    template: str
    version: int
    title: str
    purpose: str
    information_text: str
    declaration_text: str
    voluntary_note: str
    options: tuple[str, ...]
    retention_years: int


@dataclass(frozen=True)
class ProcessingRecord:
    """A released register entry that processes students' data (Art. 15(1) a–e, g)."""

    name: str
    purposes: str
    legal_basis: str
    data_categories: tuple[tuple[str, str], ...]  # (category, erasure period)
    internal_recipients: tuple[str, ...]
    external_recipients: tuple[str, ...]
    processors: tuple[str, ...]
    third_countries: tuple[str, ...]


@dataclass(frozen=True)
class RequestRecord:
    reference: str
    received_on: date
    kind: str
    status: str
    answered_on: date | None


@dataclass(frozen=True)
class LogRecord:
    at: datetime
    what: str


@dataclass(frozen=True)
class AccessContent:
    school: SchoolProfile
    logo: bytes | None
    printed_on: date
    reference: str
    student: StudentRecord
    consent: tuple[ConsentRecord, ...]
    texts: tuple[ConsentText, ...]
    processing: tuple[ProcessingRecord, ...]
    requests: tuple[RequestRecord, ...]
    log: tuple[LogRecord, ...]
