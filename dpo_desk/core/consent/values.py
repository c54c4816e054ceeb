"""Consent (Einwilligung): templates, their versions, the events recorded per student, and
the rules of who must sign and how long proof is kept.

Pure values, no Qt, no SQL. The status of a consent on a day is in ``consent_status``, the
checks of user input in ``consent_validation``, the shipped starter templates in
``consent_catalogue``. Background: the consent part of shared/DOMAIN.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property

from dpo_desk.core.roster import age_on, school_year_of

__all__ = [
    "Channel",
    "ConsentEvent",
    "ConsentOption",
    "ConsentTemplate",
    "ConsentTemplateVersion",
    "Correction",
    "Duration",
    "DurationKind",
    "FormReturned",
    "Revocation",
    "SignerRole",
    "SignerRules",
    "StudentFacts",
    "add_years",
    "age_on",
    "proof_retention_ends_on",
    "signature_roles_for",
]

DEFAULT_CO_SIGNATURE_AGE = 16
DEFAULT_STUDENT_ALONE_AGE = 18
DEFAULT_RETENTION_YEARS = 1


class DurationKind(StrEnum):
    UNTIL_REVOKED = "until_revoked"
    UNTIL_DATE = "until_date"
    WHILE_CONDITION = "while_condition"
    UNTIL_LEAVING = "until_leaving"


DURATION_LABELS: dict[DurationKind, str] = {
    DurationKind.UNTIL_REVOKED: "bis auf Widerruf",
    DurationKind.UNTIL_DATE: "bis zu einem Datum",
    DurationKind.WHILE_CONDITION: "solange ein Umstand besteht",
    DurationKind.UNTIL_LEAVING: "bis zum Verlassen der Schule",
}


class SignerRole(StrEnum):
    GUARDIANS = "guardians"
    STUDENT = "student"


SIGNER_LABELS: dict[SignerRole, str] = {
    SignerRole.GUARDIANS: "Erziehungsberechtigte",
    SignerRole.STUDENT: "Schülerin/Schüler",
}


class Channel(StrEnum):
    """How a revocation reached the school."""

    LETTER = "letter"
    EMAIL = "email"
    IN_PERSON = "in_person"
    NOTE = "note"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.LETTER: "Brief",
    Channel.EMAIL: "E-Mail",
    Channel.IN_PERSON: "persönlich",
    Channel.NOTE: "Aktennotiz",
}


@dataclass(frozen=True)
class ConsentOption:
    """One part of a form answered JA or NEIN on its own (e.g. "Teilnahme per Video")."""

    key: str
    label: str


@dataclass(frozen=True)
class SignerRules:
    """From ``co_signature_age`` the student signs as well, from ``student_alone_age`` alone.
    The ages differ by state and purpose, so each template carries its own."""

    co_signature_age: int = DEFAULT_CO_SIGNATURE_AGE
    student_alone_age: int = DEFAULT_STUDENT_ALONE_AGE


@dataclass(frozen=True)
class Duration:
    """How long a consent holds. ``renewal_years``: it must be given again after that many
    years from signing, whatever the kind."""

    kind: DurationKind = DurationKind.UNTIL_REVOKED
    end_date: date | None = None
    condition: str = ""
    renewal_years: int | None = None


@dataclass(frozen=True)
class ConsentTemplateVersion:
    """The exact text a family agrees to. Immutable once a consent refers to it: a change
    is a new version (the proof of Art. 7(1) GDPR points to the version signed)."""

    template_key: str
    version: int
    title: str
    purpose: str
    information_text: str
    declaration_text: str
    options: tuple[ConsentOption, ...]
    signers: SignerRules = SignerRules()
    duration: Duration = Duration()
    retention_years: int = DEFAULT_RETENTION_YEARS
    voluntary_note: str = ""
    grades: tuple[int, ...] = ()
    released_on: date | None = None

    @cached_property
    def option_keys(self) -> tuple[str, ...]:
        """Cached: the status of a whole school asks this millions of times."""
        return tuple(option.key for option in self.options)

    def option(self, key: str) -> ConsentOption | None:
        return next((option for option in self.options if option.key == key), None)

    def applies_to_grade(self, grade: int | None) -> bool:
        """Empty ``grades`` means every grade; a student without a known grade is included."""
        return not self.grades or grade is None or grade in self.grades


@dataclass(frozen=True)
class ConsentTemplate:
    """A template with all its versions (oldest first). ``condition_ended_on`` is when the
    condition of a "while condition" duration ended (e.g. the end of remote teaching)."""

    key: str
    versions: tuple[ConsentTemplateVersion, ...]
    condition_ended_on: date | None = None

    @property
    def current(self) -> ConsentTemplateVersion:
        return self.versions[-1]

    @cached_property
    def by_number(self) -> dict[int, ConsentTemplateVersion]:
        """Version number -> version (cached: asked once per student of a school)."""
        return {version.version: version for version in self.versions}

    def version(self, number: int) -> ConsentTemplateVersion | None:
        return next((v for v in self.versions if v.version == number), None)


@dataclass(frozen=True)
class StudentFacts:
    """What the consent rules need to know about a student."""

    birth_date: date | None = None
    left_on: date | None = None
    """The last day at the school (the Abgangsdatum)."""

    def has_left(self, day: date) -> bool:
        return self.left_on is not None and day > self.left_on


EventId = int | str


@dataclass(frozen=True)
class FormReturned:
    """A returned paper form: the answer per option key (True = JA, False = NEIN, None = left
    blank or both ticked), the signing date written on it, the day it arrived, and which
    signature lines were signed."""

    event_id: EventId
    template_version: int
    answers: Mapping[str, bool | None]
    received_on: date
    signed_on: date | None = None
    signed_by: frozenset[SignerRole] = frozenset()
    recorded_by: str = ""
    recorded_at: datetime | None = None

    @property
    def declared_on(self) -> date:
        """The day the family declared its will: the signing date, else the arrival."""
        return self.signed_on or self.received_on


@dataclass(frozen=True)
class Revocation:
    """A revocation of some options (``options``) or of all (``options`` None). It is made
    on ``declared_on`` and takes effect on ``effective_on`` (same day or later: never back
    in time, processing before it stays lawful)."""

    event_id: EventId
    declared_on: date
    channel: Channel
    options: frozenset[str] | None = None
    effective_on: date | None = None
    note: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None

    @property
    def effective(self) -> date:
        return self.effective_on or self.declared_on

    def covers(self, option_key: str) -> bool:
        return self.options is None or option_key in self.options


@dataclass(frozen=True)
class Correction:
    """Supersedes the event ``supersedes`` (which stays in the history) with
    ``replacement``, or voids it when ``replacement`` is None (e.g. entered for the wrong
    student). A correction may itself be corrected."""

    event_id: EventId
    supersedes: EventId
    replacement: FormReturned | Revocation | None = None
    reason: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None


ConsentEvent = FormReturned | Revocation | Correction


@dataclass(frozen=True)
class EffectiveEvents:
    """The events in force after applying corrections, in recording order."""

    forms: tuple[FormReturned, ...] = field(default_factory=tuple)
    revocations: tuple[Revocation, ...] = field(default_factory=tuple)


def effective_events(events: list[ConsentEvent] | tuple[ConsentEvent, ...]) -> EffectiveEvents:
    """Resolve corrections: a superseded event no longer counts; a correction's replacement
    counts in its place unless that correction is superseded in turn (then the newer
    correction's replacement counts, and the original stays superseded)."""
    superseded = {event.supersedes for event in events if type(event) is Correction}
    if not superseded:  # the usual history: forms and revocations as recorded
        return EffectiveEvents(
            tuple(e for e in events if type(e) is FormReturned),
            tuple(e for e in events if type(e) is Revocation),
        )
    forms: list[FormReturned] = []
    revocations: list[Revocation] = []
    for event in events:
        if event.event_id in superseded:
            continue
        current = event.replacement if isinstance(event, Correction) else event
        if isinstance(current, FormReturned):
            forms.append(current)
        elif isinstance(current, Revocation):
            revocations.append(current)
    return EffectiveEvents(tuple(forms), tuple(revocations))


def signature_roles_for(age: int | None, signers: SignerRules) -> tuple[SignerRole, ...]:
    """The signature lines a form needs for a student of ``age`` (guardians first).

    Below the co-signature age the guardians sign; from it, the student in addition; from
    the age of signing alone, the student only. An unknown age gets every line, and a form
    signed on all of them is complete whatever the real age.
    """
    if age is None:
        return (SignerRole.GUARDIANS, SignerRole.STUDENT)
    if age >= signers.student_alone_age:
        return (SignerRole.STUDENT,)
    if age >= signers.co_signature_age:
        return (SignerRole.GUARDIANS, SignerRole.STUDENT)
    return (SignerRole.GUARDIANS,)


def roles_for_student(
    student: StudentFacts, day: date, signers: SignerRules
) -> tuple[SignerRole, ...]:
    """``signature_roles_for`` the student's age on ``day`` (print date or signing date)."""
    age = None if student.birth_date is None else age_on(student.birth_date, day)
    return signature_roles_for(age, signers)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def proof_retention_ends_on(
    left_on: date | None, retention_years: int = DEFAULT_RETENTION_YEARS
) -> date | None:
    """The last day the consent proof of a leaver is kept: the end of the school year in
    which the student left (31 July), plus ``retention_years``. None while the student is at
    the school: the proof is needed as long as the processing may go on."""
    if left_on is None:
        return None
    return add_years(school_year_of(left_on).last_day, retention_years)
