"""Risk model of impact assessments (DSFA): the two four-step scales and the risk matrix.

The matrix maps a likelihood × severity pair to a risk class. It is data: a default per the
domain reference, editable per school, stored with every signed-off assessment so that an old
report shows what applied then. ``cells[severity - 1][likelihood - 1]`` holds the class code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

LEVELS = (1, 2, 3, 4)
LEVEL_LABELS: dict[int, str] = {
    1: "geringfügig",
    2: "überschaubar",
    3: "substanziell",
    4: "groß",
}
LIKELIHOOD_NAME = "Eintrittswahrscheinlichkeit"
SEVERITY_NAME = "Schwere des möglichen Schadens"

LOW = "low"
MEDIUM = "medium"
HIGH = "high"
RISK_CLASSES = (LOW, MEDIUM, HIGH)
CLASS_LABELS: dict[str, str] = {LOW: "geringes Risiko", MEDIUM: "Risiko", HIGH: "hohes Risiko"}
CLASS_RANK: dict[str, int] = {LOW: 0, MEDIUM: 1, HIGH: 2}
MATRIX_FORMAT = 1


def level_label(level: int | None) -> str:
    """``"3 – substanziell"``; a dash for a missing rating."""
    return "–" if level is None else f"{level} – {LEVEL_LABELS[level]}"


def is_level(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in LEVELS


def default_class(likelihood: int, severity: int) -> str:
    """Domain default: product ≤ 3 low, 4–8 medium, ≥ 9 high; severity 4 never below medium."""
    product = likelihood * severity
    risk = LOW if product <= 3 else MEDIUM if product <= 8 else HIGH
    if severity == 4 and risk == LOW:
        risk = MEDIUM
    return risk


@dataclass(frozen=True)
class RiskMatrix:
    """The 4 × 4 grid of risk classes; rows are severities 1–4, columns likelihoods 1–4."""

    cells: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if len(self.cells) != 4 or any(len(row) != 4 for row in self.cells):
            raise ValueError("risk matrix must be 4 × 4")
        for row in self.cells:
            for value in row:
                if value not in CLASS_LABELS:
                    raise ValueError(f"unknown risk class {value!r}")

    @classmethod
    def default(cls) -> RiskMatrix:
        return cls(tuple(tuple(default_class(lk, sv) for lk in LEVELS) for sv in LEVELS))

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[str]]) -> RiskMatrix:
        return cls(tuple(tuple(row) for row in rows))

    def risk_class(self, likelihood: int, severity: int) -> str:
        if not (is_level(likelihood) and is_level(severity)):
            raise ValueError(f"rating out of range: {likelihood}, {severity}")
        return self.cells[severity - 1][likelihood - 1]

    def class_or_none(self, likelihood: int | None, severity: int | None) -> str | None:
        """The class of a rating, or None while the rating is incomplete."""
        if likelihood is None or severity is None:
            return None
        return self.risk_class(likelihood, severity)

    def with_cell(self, likelihood: int, severity: int, risk: str) -> RiskMatrix:
        rows = [list(row) for row in self.cells]
        rows[severity - 1][likelihood - 1] = risk
        return RiskMatrix.from_rows(rows)

    @property
    def is_default(self) -> bool:
        return self == RiskMatrix.default()

    def to_json(self) -> dict[str, Any]:
        return {"format": MATRIX_FORMAT, "cells": [list(row) for row in self.cells]}

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> RiskMatrix:
        """The stored matrix; None or an empty value means the default."""
        if not value or not value.get("cells"):
            return cls.default()
        return cls.from_rows(value["cells"])


def matrix_warnings(matrix: RiskMatrix) -> list[str]:
    """What is doubtful about an edited matrix (German); the UI asks the user to confirm.

    A class that no cell reaches, and cells whose class is lower than that of a cell with
    lower (or equal) likelihood and severity (a higher rating giving a lower class).
    """
    warnings: list[str] = []
    present = {value for row in matrix.cells for value in row}
    for risk in RISK_CLASSES:
        if risk not in present:
            warnings.append(
                f"Die Risikoklasse „{CLASS_LABELS[risk]}“ kommt in der Matrix nicht vor "
                "und kann nie erreicht werden."
            )
    for severity in LEVELS:
        for likelihood in LEVELS:
            here = CLASS_RANK[matrix.risk_class(likelihood, severity)]
            for lower_l, lower_s, axis in (
                (likelihood - 1, severity, LIKELIHOOD_NAME),
                (likelihood, severity - 1, SEVERITY_NAME),
            ):
                if lower_l < 1 or lower_s < 1:
                    continue
                below = matrix.risk_class(lower_l, lower_s)
                if CLASS_RANK[below] > here:
                    warnings.append(
                        f"Feld Eintrittswahrscheinlichkeit {likelihood} / Schwere {severity}: "
                        f"„{CLASS_LABELS[matrix.risk_class(likelihood, severity)]}“ ist "
                        f"niedriger als „{CLASS_LABELS[below]}“ bei geringerer {axis} "
                        f"(Feld {lower_l} / {lower_s})."
                    )
    return warnings


def higher_class(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if CLASS_RANK[a] >= CLASS_RANK[b] else b


def class_label(risk: str | None) -> str:
    return "nicht bewertet" if risk is None else CLASS_LABELS[risk]
