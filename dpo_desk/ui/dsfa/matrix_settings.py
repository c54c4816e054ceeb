"""Settings section "Risikomatrix (DSFA)": the school's 4 × 4 grid of risk classes.

A change applies to assessments signed off from now on; signed-off versions keep theirs.
An edit that leaves a class unreachable or is not monotone is shown and must be confirmed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.core.dsfa.risk import CLASS_LABELS, LEVEL_LABELS, LEVELS, RiskMatrix
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa.matrix import (
    MatrixNeedsConfirmation,
    get_matrix,
    matrix_problems,
    matrix_version,
    set_matrix,
)
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.dsfa.heatmap import FILLS
from dpo_desk.ui.signals import AppSignals


class RiskMatrixSettings(QGroupBox):
    def __init__(self, ctx: ServiceContext, signals: AppSignals) -> None:
        super().__init__()
        self.ctx, self.signals = ctx, signals
        self.school_id: int | None = None
        self.row_version: int | None = None
        self.box: QMessageBox | None = None
        self.setTitle(self.tr("Risikomatrix für Folgenabschätzungen (DSFA)"))
        self.setObjectName("riskMatrixSettings")
        self.setAccessibleName(self.tr("Risikomatrix"))
        grid = QGridLayout()
        # Narrow enough for a laptop's screen: headings wrap, cells shorten their text.
        grid.addWidget(QLabel(self.tr("Schwere ↑\nWahrscheinlichkeit →")), 0, 0)
        self.cells: dict[tuple[int, int], QComboBox] = {}
        for likelihood in LEVELS:
            heading = QLabel(f"{likelihood} {LEVEL_LABELS[likelihood]}")
            heading.setWordWrap(True)
            grid.addWidget(heading, 0, likelihood)
        for row, severity in enumerate(reversed(LEVELS), start=1):
            grid.addWidget(QLabel(f"{severity} {LEVEL_LABELS[severity]}"), row, 0)
            for likelihood in LEVELS:
                combo = QComboBox()
                combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(6)
                combo.setObjectName(f"matrixCell_{likelihood}_{severity}")
                combo.setAccessibleName(
                    self.tr("Wahrscheinlichkeit %1, Schwere %2")
                    .replace("%1", str(likelihood))
                    .replace("%2", str(severity))
                )
                for code, label in CLASS_LABELS.items():
                    combo.addItem(label, code)
                combo.currentIndexChanged.connect(lambda _=0, c=combo: self._colour(c))
                grid.addWidget(combo, row, likelihood)
                self.cells[(likelihood, severity)] = combo
        note = QLabel(
            self.tr(
                "Gilt für Folgenabschätzungen, die ab jetzt abgeschlossen werden. "
                "Abgeschlossene Versionen behalten die Matrix, die damals galt."
            )
        )
        note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Matrix s&peichern"))
        self.save_button.setObjectName("saveMatrixButton")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Standard wiederherstellen"))
        self.reset_button.setObjectName("resetMatrixButton")
        self.reset_button.clicked.connect(lambda: self.show_matrix(RiskMatrix.default()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addLayout(buttons)
        signals.school_changed.connect(self.set_school)
        self.setEnabled(False)

    def set_school(self, school_id: int | None) -> None:
        self.school_id = school_id
        self.setEnabled(school_id is not None)
        if school_id is not None:
            self.row_version = matrix_version(self.ctx, school_id)
            self.show_matrix(get_matrix(self.ctx, school_id))

    def show_matrix(self, matrix: RiskMatrix) -> None:
        for (likelihood, severity), combo in self.cells.items():
            combo.setCurrentIndex(combo.findData(matrix.risk_class(likelihood, severity)))
            self._colour(combo)

    def matrix(self) -> RiskMatrix:
        rows = [[self.cells[(lk, sv)].currentData() for lk in LEVELS] for sv in LEVELS]
        return RiskMatrix.from_rows(rows)

    def _colour(self, combo: QComboBox) -> None:
        combo.setStyleSheet(f"background-color: {FILLS[combo.currentData()].name()};")

    def save(self) -> None:
        if self.school_id is None:
            return
        matrix = self.matrix()
        try:
            self._store(matrix, confirmed=False)
        except MatrixNeedsConfirmation as exc:
            self.box = ask_yes_no(
                self,
                self.tr("Risikomatrix prüfen"),
                self.tr("Die geänderte Matrix ist ungewöhnlich:")
                + "\n\n"
                + "\n".join(f"• {p.message}" for p in exc.problems)
                + "\n\n"
                + self.tr("Trotzdem speichern?"),
                "confirmMatrix",
                lambda: self._store(matrix, confirmed=True),
                icon=QMessageBox.Warning,
            )

    def _store(self, matrix: RiskMatrix, confirmed: bool) -> None:
        """Save through the operations; a doubtful matrix (unconfirmed) raises for asking."""
        school_id, version = self.school_id, self.row_version
        if school_id is None:
            return
        if not confirmed:
            problems = matrix_problems(matrix)
            if problems:
                raise MatrixNeedsConfirmation(problems)
        saved = self.signals.operations.run(
            lambda: set_matrix(self.ctx, school_id, matrix, True, expected_version=version),
            parent=self,
            on_reload=lambda: self.set_school(school_id),
        )
        if saved is not None:
            self.row_version = matrix_version(self.ctx, school_id)
            self.signals.status_message.emit(self.tr("Risikomatrix gespeichert."))
