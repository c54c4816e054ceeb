"""Validation results that name the place and the problem, in German."""

from __future__ import annotations

import re
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


def require(problems: list[Problem], field: str, label: str, value: str) -> None:
    if not value.strip():
        problems.append(Problem(field, f"{label}: Bitte ausfüllen."))


def check_email(problems: list[Problem], field: str, label: str, value: str) -> None:
    if value.strip() and not EMAIL_PATTERN.match(value.strip()):
        problems.append(Problem(field, f"{label}: „{value}“ ist keine gültige E-Mail-Adresse."))
