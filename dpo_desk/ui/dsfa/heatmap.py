"""Heat map of an assessment's risks: a 4 × 4 grid (likelihood across, severity up) in the
class colours, with the scenario numbers in the cells.

Shows the ratings before or after the measures, or both with arrows from before to after.
Every cell names its class in text, so the map reads without colour. Keyboard: the arrow
keys move the focused cell, Enter or Space selects it; a click selects the cell under the
mouse. Selecting emits ``cell_selected`` and ``scenarios_at`` names the scenarios there.
Painting only reads prepared texts, so a redraw after a rating change stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from dpo_desk.core.dsfa.risk import (
    CLASS_LABELS,
    HIGH,
    LEVEL_LABELS,
    LEVELS,
    LOW,
    MEDIUM,
    RiskMatrix,
)
from dpo_desk.ui.common.text import plain_tooltip

BEFORE, AFTER, BOTH = "before", "after", "both"
MODE_LABELS = {BEFORE: "Vor den Maßnahmen", AFTER: "Nach den Maßnahmen", BOTH: "Vorher und nachher"}
FILLS = {LOW: QColor("#cfe8c9"), MEDIUM: QColor("#fbe3a4"), HIGH: QColor("#f3b3a8")}
Cell = tuple[int, int]  # (likelihood, severity)


@dataclass(frozen=True)
class HeatPoint:
    number: int
    before: Cell | None
    after: Cell | None


class RiskHeatMap(QWidget):
    cell_selected = Signal(int, int)

    LEFT, BOTTOM, TOP = 86, 52, 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dsfaHeatMap")
        self.setAccessibleName(self.tr("Risikomatrix"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(300, 260)
        self.matrix = RiskMatrix.default()
        self.mode = BOTH
        self.points: dict[int, HeatPoint] = {}
        self.focus_cell: Cell = (1, 1)
        self.selected: Cell | None = None
        self._texts: dict[Cell, tuple[str, str]] = {}
        self._arrows: list[tuple[Cell, Cell]] = []
        self._update_description()

    # --- data --------------------------------------------------------------------------

    def set_matrix(self, matrix: RiskMatrix) -> None:
        self.matrix = matrix
        self._update_description()
        self.update()

    def set_points(self, points: list[HeatPoint]) -> None:
        self.points = {p.number: p for p in points}
        self._prepare()

    def update_point(self, point: HeatPoint) -> None:
        """One scenario's ratings changed: recompute the texts and schedule a repaint."""
        self.points[point.number] = point
        self._prepare()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self._prepare()

    def scenarios_at(self, cell: Cell) -> list[int]:
        """The numbers of the scenarios in ``cell`` in the current mode."""
        found = []
        for number, p in sorted(self.points.items()):
            if (self.mode in (BEFORE, BOTH) and p.before == cell) or (
                self.mode in (AFTER, BOTH) and p.after == cell
            ):
                found.append(number)
        return found

    def cell_text(self, cell: Cell) -> str:
        """What the cell says, in words (for the accessible description and tests)."""
        likelihood, severity = cell
        before, after = self._texts.get(cell, ("", ""))
        parts = [
            f"Eintrittswahrscheinlichkeit {likelihood} {LEVEL_LABELS[likelihood]}, "
            f"Schwere {severity} {LEVEL_LABELS[severity]}: "
            f"{CLASS_LABELS[self.matrix.risk_class(likelihood, severity)]}"
        ]
        if before:
            parts.append(f"vorher Szenario {before}")
        if after:
            parts.append(f"nachher Szenario {after}")
        return "; ".join(parts)

    def _prepare(self) -> None:
        before: dict[Cell, list[str]] = {}
        after: dict[Cell, list[str]] = {}
        self._arrows = []
        for number, p in sorted(self.points.items()):
            if p.before and self.mode in (BEFORE, BOTH):
                before.setdefault(p.before, []).append(str(number))
            if p.after and self.mode in (AFTER, BOTH):
                after.setdefault(p.after, []).append(str(number))
            if self.mode == BOTH and p.before and p.after and p.before != p.after:
                self._arrows.append((p.before, p.after))
        cells = set(before) | set(after)
        self._texts = {
            c: (", ".join(before.get(c, [])), ", ".join(after.get(c, []))) for c in cells
        }
        self._update_description()
        self.update()

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.cell_text(self.focus_cell))
        self.setToolTip(plain_tooltip(self.cell_text(self.focus_cell)))

    # --- geometry ----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(440, 380)

    def _cell_size(self) -> float:
        width = (self.width() - self.LEFT - 8) / 4
        height = (self.height() - self.BOTTOM - self.TOP) / 4
        return max(20.0, min(width, height))

    def cell_rect(self, cell: Cell) -> QRectF:
        size = self._cell_size()
        likelihood, severity = cell
        return QRectF(
            self.LEFT + (likelihood - 1) * size, self.TOP + (4 - severity) * size, size, size
        )

    def cell_at(self, x: float, y: float) -> Cell | None:
        for severity in LEVELS:
            for likelihood in LEVELS:
                if self.cell_rect((likelihood, severity)).contains(QPointF(x, y)):
                    return likelihood, severity
        return None

    # --- input -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        likelihood, severity = self.focus_cell
        moves = {
            Qt.Key_Left: (-1, 0),
            Qt.Key_Right: (1, 0),
            Qt.Key_Up: (0, 1),
            Qt.Key_Down: (0, -1),
        }
        key = event.key()
        if key in moves:
            dl, ds = moves[key]
            self.focus_cell = (min(4, max(1, likelihood + dl)), min(4, max(1, severity + ds)))
            self._update_description()
            self.update()
        elif key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.select(self.focus_cell)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.MouseFocusReason)
        self.focus_cell = cell
        self.select(cell)

    def select(self, cell: Cell) -> None:
        self.selected = cell
        self._update_description()
        self.update()
        self.cell_selected.emit(*cell)

    # --- painting ----------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        size = self._cell_size()
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() * 0.75))
        bold = QFont(base)
        bold.setBold(True)
        grey = QColor("#555555")
        for severity in LEVELS:
            for likelihood in LEVELS:
                cell = (likelihood, severity)
                rect = self.cell_rect(cell)
                risk = self.matrix.risk_class(likelihood, severity)
                painter.fillRect(rect, FILLS[risk])
                painter.setPen(QPen(QColor("#8c8c8c"), 1))
                painter.drawRect(rect)
                painter.setFont(small)
                painter.setPen(grey)
                label = CLASS_LABELS[risk]
                if painter.fontMetrics().horizontalAdvance(label) > rect.width() - 4:
                    label = label.replace(" ", "\n")
                painter.drawText(
                    rect.adjusted(2, 0, -2, -2), Qt.AlignHCenter | Qt.AlignBottom, label
                )
                before, after = self._texts.get(cell, ("", ""))
                text_rect = rect.adjusted(3, 3, -3, -size * 0.25)
                if before and after:
                    painter.setFont(base)
                    painter.drawText(
                        text_rect, Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, before
                    )
                    painter.setPen(Qt.black)
                    painter.setFont(bold)
                    painter.drawText(
                        text_rect, Qt.AlignHCenter | Qt.AlignBottom | Qt.TextWordWrap, after
                    )
                elif before or after:
                    painter.setPen(grey if before and self.mode == BOTH else Qt.black)
                    painter.setFont(base if before and self.mode == BOTH else bold)
                    painter.drawText(text_rect, Qt.AlignCenter | Qt.TextWordWrap, before or after)
        self._paint_arrows(painter, size)
        self._paint_axes(painter, size, small)
        self._paint_focus(painter)
        painter.end()

    def _paint_arrows(self, painter: QPainter, size: float) -> None:
        painter.setPen(QPen(QColor(40, 40, 40, 170), 1.6))
        painter.setBrush(QColor(40, 40, 40, 170))
        for start, end in self._arrows:
            a = self.cell_rect(start).center()
            b = self.cell_rect(end).center()
            line = b - a
            length = (line.x() ** 2 + line.y() ** 2) ** 0.5 or 1.0
            unit = QPointF(line.x() / length, line.y() / length)
            tip = b - unit * (size * 0.2)
            painter.drawLine(a + unit * (size * 0.2), tip)
            normal = QPointF(-unit.y(), unit.x())
            head = QPolygonF([tip, tip - unit * 8 + normal * 4, tip - unit * 8 - normal * 4])
            painter.drawPolygon(head)
        painter.setBrush(Qt.NoBrush)

    def _paint_axes(self, painter: QPainter, size: float, small: QFont) -> None:
        painter.setPen(self.palette().windowText().color())
        painter.setFont(small)
        for level in LEVELS:
            row = self.cell_rect((1, level))
            painter.drawText(
                QRectF(0, row.top(), self.LEFT - 6, size),
                Qt.AlignRight | Qt.AlignVCenter,
                f"{level} {LEVEL_LABELS[level]}",
            )
            column = self.cell_rect((level, 1))
            name = LEVEL_LABELS[level]
            fits = painter.fontMetrics().horizontalAdvance(name) <= size - 2
            painter.drawText(
                QRectF(column.left(), column.bottom() + 2, size, 30),
                Qt.AlignHCenter | Qt.AlignTop,
                f"{level}\n{name}" if fits else str(level),
            )
        bottom = self.cell_rect((1, 1)).bottom()
        painter.drawText(
            QRectF(self.LEFT, bottom + 32, 4 * size, 18),
            Qt.AlignHCenter,
            self.tr("Eintrittswahrscheinlichkeit →"),
        )
        painter.drawText(
            QRectF(0, self.TOP - 6, self.LEFT - 6, 16), Qt.AlignRight, self.tr("Schwere ↑")
        )

    def _paint_focus(self, painter: QPainter) -> None:
        if self.selected is not None:
            painter.setPen(QPen(QColor("#1f4e9c"), 3))
            painter.drawRect(self.cell_rect(self.selected).adjusted(2, 2, -2, -2))
        if self.hasFocus():
            painter.setPen(QPen(Qt.black, 2, Qt.DashLine))
            painter.drawRect(self.cell_rect(self.focus_cell).adjusted(4, 4, -4, -4))
