"""The 4 × 4 risk matrix as vector graphics: likelihood across, severity up, each cell in its
class colour with the class name written in it (readable without colour) and the numbers of
the scenarios rated there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from dpo_desk.core.dsfa.risk import (
    CLASS_LABELS,
    HIGH,
    LEVEL_LABELS,
    LEVELS,
    LOW,
    MEDIUM,
    RiskMatrix,
)
from dpo_desk.reports import fonts
from dpo_desk.reports.styles import MUTED_COLOUR, RULE_COLOUR, TEXT_COLOUR

CLASS_FILLS = {
    LOW: colors.HexColor("#cfe8c9"),
    MEDIUM: colors.HexColor("#fbe3a4"),
    HIGH: colors.HexColor("#f3b3a8"),
}
Cell = tuple[int, int]  # (likelihood, severity)


def numbers_by_cell(ratings: Sequence[tuple[int, int | None, int | None]]) -> dict[Cell, list[int]]:
    """``(number, likelihood, severity)`` triples grouped per cell; unrated ones left out."""
    cells: dict[Cell, list[int]] = {}
    for number, likelihood, severity in ratings:
        if likelihood is not None and severity is not None:
            cells.setdefault((likelihood, severity), []).append(number)
    return cells


class RiskMatrixDrawing(Flowable):
    """One matrix with a caption; ``numbers`` maps a cell to the scenario numbers in it."""

    LABEL_WIDTH = 19 * mm
    AXIS_HEIGHT = 12 * mm
    CAPTION_HEIGHT = 10 * mm

    def __init__(
        self, matrix: RiskMatrix, numbers: Mapping[Cell, Sequence[int]], caption: str, width: float
    ) -> None:
        super().__init__()
        self.matrix = matrix
        self.numbers = numbers
        self.caption = caption
        self.width = width
        self.cell = (width - self.LABEL_WIDTH) / 4
        self.height = self.CAPTION_HEIGHT + 4 * self.cell + self.AXIS_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        fonts.register_fonts()
        c = self.canv
        cell, left, bottom = self.cell, self.LABEL_WIDTH, self.AXIS_HEIGHT
        c.saveState()
        c.setFillColor(TEXT_COLOUR)
        c.setFont(fonts.BOLD, 9)
        c.drawCentredString(left + 2 * cell, self.height - 4 * mm, self.caption)
        c.setFont(fonts.ITALIC, 6.5)
        c.drawString(0, bottom + 4 * cell + 1.5 * mm, "Schwere ↑")
        for severity in LEVELS:
            for likelihood in LEVELS:
                self._cell(likelihood, severity)
        c.setFillColor(TEXT_COLOUR)
        for level in LEVELS:
            y = bottom + (level - 1) * cell + cell / 2
            c.setFont(fonts.BOLD, 7)
            c.drawRightString(left - 1.5 * mm, y + 0.8 * mm, str(level))
            c.setFont(fonts.REGULAR, 5.5)
            c.drawRightString(left - 1.5 * mm, y - 1.8 * mm, LEVEL_LABELS[level])
            x = left + (level - 1) * cell + cell / 2
            c.setFont(fonts.BOLD, 7)
            c.drawCentredString(x, bottom - 3 * mm, str(level))
            c.setFont(fonts.REGULAR, 5.5)
            c.drawCentredString(x, bottom - 5.5 * mm, LEVEL_LABELS[level])
        c.setFont(fonts.ITALIC, 6.5)
        c.drawCentredString(left + 2 * cell, 1 * mm, "Eintrittswahrscheinlichkeit →")
        c.restoreState()

    def _cell(self, likelihood: int, severity: int) -> None:
        c, cell = self.canv, self.cell
        risk = self.matrix.risk_class(likelihood, severity)
        x = self.LABEL_WIDTH + (likelihood - 1) * cell
        y = self.AXIS_HEIGHT + (severity - 1) * cell
        c.setFillColor(CLASS_FILLS[risk])
        c.setStrokeColor(RULE_COLOUR)
        c.setLineWidth(0.5)
        c.rect(x, y, cell, cell, stroke=1, fill=1)
        c.setFillColor(MUTED_COLOUR)
        c.setFont(fonts.REGULAR, 5)
        lines = simpleSplit(CLASS_LABELS[risk], fonts.REGULAR, 5, cell - 1.5 * mm)
        for index, line in enumerate(reversed(lines)):
            c.drawCentredString(x + cell / 2, y + 1.2 * mm + index * 5.5, line)
        found = self.numbers.get((likelihood, severity), ())
        if found:
            self._numbers(x, y + 2 * mm, [str(n) for n in found])

    def _numbers(self, x: float, y: float, numbers: list[str]) -> None:
        c = self.canv
        size = 9 if len(numbers) <= 4 else 7
        lines = simpleSplit(", ".join(numbers), fonts.BOLD, size, self.cell - 2 * mm)
        c.setFillColor(TEXT_COLOUR)
        c.setFont(fonts.BOLD, size)
        top = y + self.cell / 2 + (len(lines) - 1) * size * 0.55 + 1 * mm
        for index, line in enumerate(lines[:4]):
            c.drawCentredString(x + self.cell / 2, top - index * size * 1.1, line)


class MatrixPair(Flowable):
    """The matrix before and after the measures side by side."""

    def __init__(
        self,
        matrix: RiskMatrix,
        before: Mapping[Cell, Sequence[int]],
        after: Mapping[Cell, Sequence[int]],
        width: float,
    ) -> None:
        super().__init__()
        gap = 8 * mm
        half = (width - gap) / 2
        self.left = RiskMatrixDrawing(matrix, before, "Vor den Maßnahmen", half)
        self.right = RiskMatrixDrawing(matrix, after, "Nach den Maßnahmen", half)
        self.offset = half + gap
        self.width = width
        self.height = self.left.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.left.drawOn(self.canv, 0, 0)
        self.right.drawOn(self.canv, self.offset, 0)
