"""Validation results that name the place and the problem, in German."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
POSTCODE_PATTERN = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: ``field`` names where, ``message`` says what (German)."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


class ValidationError(Exception):
    """Input rejected before anything was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.message for p in problems))


# Characters that turn how a text is shown around (embeddings, overrides, isolates): a name
# holding them can display as another name.
_DIRECTION_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# Letters that draw nothing (Hangul fillers, the empty Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Unicode categories that show nothing on their own: controls, format characters, private
# and unassigned code points, separators, combining marks.
_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def _invisible(char: str) -> bool:
    return char in _BLANK_LETTERS or unicodedata.category(char) in _INVISIBLE


def visible_text_problem(value: str) -> str | None:
    """Why a name or title cannot be stored as typed (German), or None.

    For one-line texts a person reads (names of people, schools, classes, entries): control
    characters (a broken file, a pasted escape sequence), writing-direction overrides, and
    text made only of invisible characters are refused. Empty text is the caller's matter.
    Importers use the same rule, so a list and the keyboard are held to one standard.
    """
    if not value:
        return None
    if any(unicodedata.category(char) == "Cc" for char in value):
        return "Enthält Steuerzeichen (unsichtbare Zeichen, etwa aus einer beschädigten Datei)."
    if any(char in _DIRECTION_CONTROLS for char in value):
        return "Enthält Zeichen, die die Schreibrichtung umkehren. Bitte neu eintippen."
    if all(_invisible(char) for char in value):
        return "Besteht nur aus unsichtbaren Zeichen. Bitte lesbaren Text eingeben."
    return None


def check_visible(problems: list[Problem], field: str, label: str, value: str) -> None:
    """Add the problem of a one-line text that is filled in but not readable."""
    if problem := visible_text_problem(value):
        problems.append(Problem(field, f"{label}: {problem}"))


def require(problems: list[Problem], field: str, label: str, value: str) -> None:
    """A required one-line text: filled in, and readable."""
    if not value.strip():
        problems.append(Problem(field, f"{label}: Bitte ausfüllen."))
    else:
        check_visible(problems, field, label, value)


def check_email(problems: list[Problem], field: str, label: str, value: str) -> None:
    if value.strip() and not EMAIL_PATTERN.match(value.strip()):
        problems.append(Problem(field, f"{label}: „{value}“ ist keine gültige E-Mail-Adresse."))
