"""Pure rules of the roster: school years, dates in German notation, pupil ages, classes.

No Qt, no SQL: plain values in, plain values (or German messages) out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from dpo_desk.core.dates import format_date
from dpo_desk.core.validation import visible_text_problem

SCHOOL_YEAR_START_MONTH = 8  # 1 August: the usual start of the school year in Germany
MIN_PUPIL_AGE = 4
MAX_PUPIL_AGE = 25

_YEAR_PATTERN = re.compile(r"^\s*(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s*$")
_GRADE_DIGITS = re.compile(r"(\d{1,2})")
_UPPER_STAGE = {"ef": 11, "e1": 11, "e2": 11, "q1": 12, "q2": 13, "q3": 13, "q4": 13}


@dataclass(frozen=True, order=True)
class SchoolYear:
    """A school year named by the calendar year it starts in: 2026 is "2026/27"."""

    start: int

    def __str__(self) -> str:
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @cached_property
    def first_day(self) -> date:
        return date(self.start, SCHOOL_YEAR_START_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, SCHOOL_YEAR_START_MONTH - 1, 31)

    def next(self) -> SchoolYear:
        return SchoolYear(self.start + 1)


def parse_school_year(text: str) -> SchoolYear:
    """ "2026/27", "2026/2027" or "2026-27"; ValueError with a German message otherwise."""
    match = _YEAR_PATTERN.match(text or "")
    if match:
        start, end = int(match.group(1)), match.group(2)
        expected = start + 1
        if int(end) in (expected, expected % 100) and 1990 <= start <= 2100:
            return SchoolYear(start)
    raise ValueError(f"„{text}“ ist kein Schuljahr. Bitte in der Form 2026/27 angeben.")


def school_year_of(day: date) -> SchoolYear:
    return SchoolYear(day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1)


def age_on(birth_date: date, day: date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def pupil_age_problem(birth_date: date, school_year: SchoolYear) -> str | None:
    """A German message when nobody born then could be a pupil in that school year."""
    age = age_on(birth_date, school_year.first_day)
    if birth_date >= school_year.first_day:
        return f"Das Geburtsdatum {format_date(birth_date)} liegt nach Beginn des Schuljahres."
    if age < MIN_PUPIL_AGE or age > MAX_PUPIL_AGE:
        return (
            f"Das Geburtsdatum {format_date(birth_date)} ergibt ein Alter von {age} Jahren zu "
            f"Beginn des Schuljahres {school_year}; das ist für Schüler nicht plausibel "
            f"({MIN_PUPIL_AGE} bis {MAX_PUPIL_AGE} Jahre)."
        )
    return None


def grade_of_class(name: str) -> int | None:
    """The grade a class name stands for: "7b" → 7, "10 a" → 10, "Q1" → 12 (NRW), else None."""
    text = name.strip().casefold().replace(" ", "")
    if text[:2] in _UPPER_STAGE:
        return _UPPER_STAGE[text[:2]]
    match = _GRADE_DIGITS.search(text)
    if match:
        grade = int(match.group(1))
        return grade if 1 <= grade <= 13 else None
    return None


def clean_text(value: str) -> str:
    """NFC, no surrounding or doubled spaces: how names are stored."""
    if not value:
        return ""
    if value.isascii() and value.isprintable() and "  " not in value:
        return value.strip()  # the usual cell: nothing to normalise or join
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def name_text_problem(text: str) -> str | None:
    """Why a name (or class, or guardian) cannot be stored as it is (German), or None:
    the one rule for readable text (``core.validation.visible_text_problem``)."""
    return visible_text_problem(text)


def name_key(last_name: str, first_names: str) -> str:
    return f"{clean_text(last_name).casefold()}|{clean_text(first_names).casefold()}"


def person_key(last_name: str, first_names: str, birth_date: date) -> str:
    """Matches the same person across imports when no ID from the source system exists."""
    return f"{name_key(last_name, first_names)}|{birth_date.isoformat()}"


@lru_cache(maxsize=4096)
def class_sort_key(name: str) -> tuple[int, str]:
    """Grade, then name (cached: asked once per student of a list, for a few class names)."""
    grade = grade_of_class(name)
    return (grade if grade is not None else 99, name.casefold())


SORT_LETTERS = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ß": "ss", "ø": "o", "æ": "ae"})


@lru_cache(maxsize=65536)
def sort_key(text: str) -> str:
    """Alphabetical order as in a German class list: "Çetin" next to "Cetin", "Đặng" by D.

    Cached, and plain ASCII taken as it is: a district lists 20,000 students by name, and
    most names (and every first name) come up again and again."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFD", text.casefold().translate(SORT_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
