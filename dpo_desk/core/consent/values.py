"""Consent (Einwilligung): templates, their versions, the events recorded per student, and
the rules of who must sign and how long proof is kept.

Pure values, no Qt, no SQL. The recorded events are in ``core.consent.events``, the status
of a consent on a day in ``core.consent.status``, the checks of user input in
``core.consent.validation``, the shipped starter templates in ``core.consent.catalogue``.
Background: the consent part of shared/DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from dpo_desk.core.roster import age_on, school_year_of

__all__ = [
    "ChangeKind",
    "Channel",
    "ConsentOption",
    "ConsentTemplate",
    "ConsentTemplateVersion",
    "Duration",
    "DurationKind",
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
    """One part of a form answered JA or NEIN on its own (e.g. "Teilnahme per Video").
    ``short`` names it in lists for teachers ("Video"); default: the key, capitalised."""

    key: str
    label: str
    short: str = ""

    @property
    def short_label(self) -> str:
        return self.short.strip() or self.key.replace("_", " ").replace("-", " ").capitalize()


class ChangeKind(StrEnum):
    """How a version came about: the first text, an editorial fix of the one before
    (spelling, layout: what families agreed to stays the same), or a new wording."""

    FIRST = ""
    EDITORIAL = "editorial"
    WORDING = "wording"


CHANGE_KIND_LABELS: dict[ChangeKind, str] = {
    ChangeKind.FIRST: "erste Fassung",
    ChangeKind.EDITORIAL: "redaktionelle Korrektur",
    ChangeKind.WORDING: "neue Fassung",
}


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
    change_kind: ChangeKind = ChangeKind.FIRST
    renew_consents: bool = False
    """A new wording whose DPO decided that consents to earlier versions must be given again
    ("neu einzuholen" from ``released_on``)."""
    head_signature: bool = False
    """Print the signature block of the head of school under the letter."""

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
        return self.by_number.get(number)

    @cached_property
    def renewal_from(self) -> dict[int, date | None]:
        """Per version number: from which day consents given on it must be given again
        (a later version with ``renew_consents``), or None. Cached: asked per student."""
        result: dict[int, date | None] = {}
        for version in self.versions:
            later = [
                later.released_on or date.min
                for later in self.versions
                if later.version > version.version and later.renew_consents
            ]
            result[version.version] = min(later) if later else None
        return result


@dataclass(frozen=True)
class StudentFacts:
    """What the consent rules need to know about a student."""

    birth_date: date | None = None
    left_on: date | None = None
    """The last day at the school (the Abgangsdatum)."""

    def has_left(self, day: date) -> bool:
        return self.left_on is not None and day > self.left_on


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
