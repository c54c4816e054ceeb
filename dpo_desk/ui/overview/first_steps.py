"""„Erste Schritte“ on the overview: what a new school does next, each step a button that
opens its place, ticked off when the data shows it done. Hidden once all are done."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from dpo_desk.services.overview.first_steps import FirstStep
from dpo_desk.ui.common.text import literal, plain_label
from dpo_desk.ui.signals import AppSignals

DONE_MARK = "✓"
OPEN_MARK = "→"


@dataclass
class _Row:
    mark: QLabel
    button: QPushButton
    hint: QLabel
    step: FirstStep | None = None

    def set_visible(self, visible: bool) -> None:
        for widget in (self.mark, self.button, self.hint):
            widget.setVisible(visible)


class FirstStepsBox(QGroupBox):
    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signals = signals
        self.setTitle(self.tr("Erste Schritte"))
        self.setObjectName("firstSteps")
        self.setAccessibleName(self.tr("Erste Schritte"))
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(2, 1)
        self.rows: dict[str, _Row] = {}
        self.steps: list[FirstStep] = []

    def _row(self, key: str) -> _Row:
        """The widgets of one step, made on first use and then only updated."""
        if key not in self.rows:
            mark = plain_label("", f"firstStepMark_{key}")
            button = QPushButton()
            button.setObjectName(f"firstStep_{key}")
            button.clicked.connect(lambda _=False, k=key: self._open(k))
            hint = plain_label("", f"firstStepHint_{key}", wrap=True)
            line = len(self.rows)
            self.grid.addWidget(mark, line, 0)
            self.grid.addWidget(button, line, 1)
            self.grid.addWidget(hint, line, 2)
            self.rows[key] = _Row(mark, button, hint)
        return self.rows[key]

    def _open(self, key: str) -> None:
        step = self.rows[key].step
        if step is not None:
            self.signals.open_requested.emit(step.target, None)

    def show_steps(self, steps: list[FirstStep]) -> None:
        """Show ``steps`` (ticked when done); the box hides when every step is done."""
        self.steps = steps
        for row in self.rows.values():
            row.set_visible(False)
        for step in steps:
            row = self._row(step.key)
            row.step = step
            row.mark.setText(DONE_MARK if step.done else OPEN_MARK)
            row.mark.setAccessibleName(self.tr("erledigt") if step.done else self.tr("offen"))
            row.button.setText(literal(step.title + ("" if step.done else " …")))
            row.button.setAccessibleName(
                step.title + (self.tr(" (erledigt)") if step.done else self.tr(" (offen)"))
            )
            row.button.setFlat(step.done)
            row.hint.setText(self.tr("erledigt") if step.done else step.hint)
            row.set_visible(True)
        self.setVisible(any(not step.done for step in steps))

    def open_steps(self) -> list[str]:
        return [step.key for step in self.steps if not step.done]
