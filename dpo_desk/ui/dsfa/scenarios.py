"""The risk part of the DSFA editor: scenario list, the selected scenario's texts, ratings
and measures, and the heat map beside them. A residual rating above the inherent one asks
for confirmation and a reason before it is saved."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.dsfa.risk import LEVEL_LABELS, LEVELS, class_label
from dpo_desk.core.dsfa.rules import ScenarioData, residual_above_inherent
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import plan, scenarios
from dpo_desk.services.dsfa.views import AssessmentDetail, ScenarioView
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.dsfa.heatmap import BOTH, MODE_LABELS, HeatPoint, RiskHeatMap
from dpo_desk.ui.dsfa.measures import MeasuresBox
from dpo_desk.ui.dsfa.scenario_sources import add_chosen, fill_scenario_sources
from dpo_desk.ui.operations import Operations

RATINGS = (
    ("inherent_likelihood", "W vorher"),
    ("inherent_severity", "S vorher"),
    ("residual_likelihood", "W nachher"),
    ("residual_severity", "S nachher"),
)


def point_of(view: ScenarioView) -> HeatPoint:
    d = view.data
    before = (
        (d.inherent_likelihood, d.inherent_severity)
        if d.inherent_likelihood and d.inherent_severity
        else None
    )
    after = (
        (d.residual_likelihood, d.residual_severity)
        if d.residual_likelihood and d.residual_severity
        else None
    )
    return HeatPoint(view.number, before, after)


class ScenarioPanel(QWidget):
    changed = Signal(str)  # status message after a saved change

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operations = operations
        self.page: QWidget | None = None
        """The DSFA page: saving edits on the way to another scenario is its own change."""
        self.detail: AssessmentDetail | None = None
        self.shown: ScenarioView | None = None
        self.box: QMessageBox | None = None
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.setAccessibleName(self.tr("Risikoszenarien"))
        self.list.currentRowChanged.connect(self._switch)
        self.catalogue = QComboBox()
        self.catalogue.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.catalogue.setMinimumContentsLength(12)
        self.catalogue.setObjectName("scenarioCatalogue")
        self.catalogue.setAccessibleName(self.tr("Szenario aus dem Katalog"))
        fill_scenario_sources(self.catalogue, ctx)
        self.add_catalogue = self._button(
            "addCatalogueScenario", "Aus Katalog", self.add_from_catalogue
        )
        self.add_new = self._button("addNewScenario", "Neues Szenario", self.add_new_scenario)
        self.delete = self._button("deleteScenario", "Löschen", self.delete_current)

        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {"title": QLineEdit()}
        for name in ("source", "event", "damage", "residual_reason"):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(56)
            self.fields[name] = edit
        labels = {
            "title": "Bezeichnung",
            "source": "Risikoquelle",
            "event": "Was kann passieren",
            "damage": "Schaden für Betroffene",
            "residual_reason": "Begründung",
        }
        for name, widget in self.fields.items():
            widget.setObjectName(f"scenario_{name}")
            widget.setAccessibleName(self.tr(labels[name]))
        self.ratings: dict[str, QComboBox] = {}
        for name, label in RATINGS:
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setObjectName(f"scenario_{name}")
            combo.setAccessibleName(self.tr(label))
            combo.addItem(self.tr("– offen –"), None)
            for level in LEVELS:
                combo.addItem(f"{level} {LEVEL_LABELS[level]}", level)
            self.ratings[name] = combo
        self.classes = QLabel()
        self.classes.setTextFormat(Qt.PlainText)
        self.classes.setObjectName("scenarioClasses")
        self.classes.setWordWrap(True)
        self.move_up = self._button("moveScenarioUp", "Nach &oben", lambda: self.move(-1))
        self.move_down = self._button("moveScenarioDown", "Nach unt&en", lambda: self.move(1))
        self.measure_box = MeasuresBox(ctx, self._run)
        self.save = self._button("saveScenario", "Szenario spe&ichern", self.save_current)
        self.error = error_label("scenarioError")

        self.heatmap = RiskHeatMap()
        self.mode = QComboBox()
        self.mode.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(12)
        self.mode.setObjectName("heatMapMode")
        self.mode.setAccessibleName(self.tr("Darstellung der Risikomatrix"))
        for code, label in MODE_LABELS.items():
            self.mode.addItem(self.tr(label), code)
        self.mode.setCurrentIndex(self.mode.findData(BOTH))
        self.mode.currentIndexChanged.connect(
            lambda: self.heatmap.set_mode(self.mode.currentData())
        )
        self.cell_list = QLabel(self.tr("Feld anklicken oder mit Pfeiltasten und Enter wählen."))
        self.cell_list.setObjectName("heatMapCellScenarios")
        self.cell_list.setWordWrap(True)
        self.heatmap.cell_selected.connect(self._cell_selected)
        self._layout()

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.setAccessibleName(self.tr(text).replace("&", ""))
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        self.list.setMinimumHeight(70)
        self.list.setMaximumHeight(120)
        row = QHBoxLayout()
        row.addWidget(self.catalogue, 1)
        row.addWidget(self.add_catalogue)
        left.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.add_new)
        row.addWidget(self.delete)
        left.addLayout(row)
        order = QHBoxLayout()  # a second row: four buttons side by side are too wide for a laptop
        order.addWidget(self.move_up)
        order.addWidget(self.move_down)
        left.addLayout(order)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)  # labels above fields when narrow
        for name, label in (
            ("title", "&Bezeichnung:"),
            ("source", "Risiko&quelle:"),
            ("event", "Was kann passie&ren:"),
            ("damage", "Schaden &für Betroffene:"),
        ):
            form.addRow(self.tr(label), self.fields[name])
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Vor den Maßnahmen:")), 0, 0)
        grid.addWidget(self.ratings["inherent_likelihood"], 0, 1)
        grid.addWidget(self.ratings["inherent_severity"], 0, 2)
        grid.addWidget(QLabel(self.tr("Nach den Maßnahmen:")), 1, 0)
        grid.addWidget(self.ratings["residual_likelihood"], 1, 1)
        grid.addWidget(self.ratings["residual_severity"], 1, 2)
        grid.addWidget(QLabel(self.tr("Wahrscheinlichkeit")), 2, 1)
        grid.addWidget(QLabel(self.tr("Schwere")), 2, 2)
        form.addRow(grid)
        form.addRow(self.classes)
        form.addRow(self.tr("Be&gründung (nachher):"), self.fields["residual_reason"])
        form.addRow(self.tr("Maßnahmen:"), self.measure_box)
        form.addRow(self.error)
        form.addRow(self.save)
        legend = QLabel(self.tr("grau: vorher · fett: nachher · Pfeil: Wirkung"))
        legend.setObjectName("heatMapLegend")
        legend.setStyleSheet("color: #555;")
        legend.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(legend, 1)
        left.addLayout(row)
        left.addWidget(self.heatmap, 3)
        left.addWidget(self.cell_list)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 4)
        layout.addLayout(form, 5)

    # --- loading -----------------------------------------------------------------------

    def set_assessment(self, detail: AssessmentDetail | None) -> None:
        if self.keep_edits() and detail is not None and self.detail and detail.id == self.detail.id:
            detail = self.detail
        row = self.list.currentRow()
        self.detail = detail
        self.list.blockSignals(True)
        self.list.clear()
        for view in detail.scenarios if detail else []:
            self.list.addItem(QListWidgetItem(f"{view.number}. {view.data.title}"))
        self.list.blockSignals(False)
        self.heatmap.set_matrix(detail.matrix if detail else self.heatmap.matrix)
        self.heatmap.set_points([point_of(v) for v in detail.scenarios] if detail else [])
        self.measure_box.set_school(detail.school_id if detail else None)
        fill_scenario_sources(self.catalogue, self.ctx)
        editable = detail is not None and not detail.frozen
        for widget in self.edit_widgets():
            widget.setEnabled(editable)
        for field in self.fields.values():
            field.setReadOnly(not editable)
        if self.list.count():
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        self._show_current()

    def edit_widgets(self) -> list[QWidget]:
        """Everything that changes the assessment (disabled for a signed-off version)."""
        names = (
            "addCatalogueScenario",
            "addNewScenario",
            "deleteScenario",
            "saveScenario",
            "moveScenarioUp",
            "moveScenarioDown",
        )
        found = [self.findChild(QWidget, name) for name in names]
        found += self.measure_box.edit_widgets()
        return [*found, *self.ratings.values()]

    def _switch(self) -> None:
        self.keep_edits()
        self._show_current()

    def keep_edits(self) -> bool:
        """Save the edits of the scenario on screen before another one (or a reload) takes its
        place; edits that need a confirmation or are invalid stay on screen unsaved."""
        shown, detail = self.shown, self.detail
        if shown is None or detail is None or detail.frozen:
            return False
        data = replace(self.values(), catalogue_key=shown.data.catalogue_key)
        if data == shown.data or residual_above_inherent(data):
            return False
        saved = self.operations.run(
            lambda: scenarios.update_scenario(self.ctx, shown.id, data, shown.row_version),
            parent=self,
            initiator=self.page,
            errors=self.error,
        )
        if saved is None:  # invalid, changed or deleted meanwhile: said so, input kept
            return False
        self.shown = None
        self.detail = dsfa.get_assessment(self.ctx, detail.id)
        self.heatmap.update_point(point_of(ScenarioView(shown.id, shown.number, data)))
        QTimer.singleShot(0, lambda: self.changed.emit(self.tr("Szenario gespeichert.")))
        return True

    def current(self) -> ScenarioView | None:
        row = self.list.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.scenarios):
            return None
        return self.detail.scenarios[row]

    def _show_current(self) -> None:
        view = self.current()
        data = view.data if view else ScenarioData()
        for name, widget in self.fields.items():
            value = getattr(data, name)
            widget.setText(value) if isinstance(widget, QLineEdit) else widget.setPlainText(value)
        for name, combo in self.ratings.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(data, name))))
        self.measure_box.show_measures(view)
        if view and self.detail:
            before = self.detail.matrix.class_or_none(
                data.inherent_likelihood, data.inherent_severity
            )
            after = self.detail.matrix.class_or_none(
                data.residual_likelihood, data.residual_severity
            )
            self.classes.setText(
                self.tr("Risiko vorher: %1 · nachher: %2")
                .replace("%1", class_label(before))
                .replace("%2", class_label(after))
            )
        else:
            self.classes.clear()
        self.error.clear()
        self.shown = view

    def values(self) -> ScenarioData:
        view = self.current()
        texts = {
            name: w.text() if isinstance(w, QLineEdit) else w.toPlainText()
            for name, w in self.fields.items()
        }
        ratings = {name: combo.currentData() for name, combo in self.ratings.items()}
        return ScenarioData(
            **texts, **ratings, catalogue_key=view.data.catalogue_key if view else ""
        )

    # --- actions -----------------------------------------------------------------------

    def _run(self, action, message: str) -> bool:
        """Run a write; the DSFA page reloads the assessment (it did not start it)."""
        if self.operations.run(action, parent=self, errors=self.error) is None:
            return False
        self.changed.emit(message)
        return True

    def add_from_catalogue(self) -> None:
        if self.detail is not None:
            key = self.catalogue.currentData()
            if self._run(
                lambda: add_chosen(self.ctx, self.detail.id, key),
                self.tr("Szenario hinzugefügt."),
            ):
                self.list.setCurrentRow(self.list.count() - 1)

    def add_new_scenario(self) -> None:
        if self.detail is not None:
            data = ScenarioData(title=self.tr("Neues Szenario"))
            if self._run(
                lambda: scenarios.add_scenario(self.ctx, self.detail.id, data),
                self.tr("Szenario hinzugefügt."),
            ):
                self.list.setCurrentRow(self.list.count() - 1)
                self.fields["title"].setFocus()
                self.fields["title"].selectAll()

    def delete_current(self) -> None:
        view = self.current()
        if view is not None:
            self._run(
                lambda: scenarios.delete_scenario(self.ctx, view.id), self.tr("Szenario gelöscht.")
            )

    def move(self, offset: int) -> None:
        """Move the chosen scenario up or down; the numbers in the list, the heat map and the
        report follow, the moved scenario stays chosen."""
        view = self.current()
        if view is None:
            return
        target = self.list.currentRow() + offset
        if self._run(
            lambda: plan.move_scenario(self.ctx, view.id, offset),
            self.tr("Reihenfolge geändert."),
        ):
            self.list.setCurrentRow(max(0, min(target, self.list.count() - 1)))

    def save_current(self) -> None:
        view = self.current()
        if view is None or self.detail is None:
            return
        data = self.values()
        if residual_above_inherent(data) and data.residual_reason.strip():
            self.box = ask_yes_no(
                self,
                self.tr("Bewertung nach Maßnahmen"),
                self.tr(
                    "Die Bewertung nach den Maßnahmen liegt über der vor den Maßnahmen. "
                    "Mit der Begründung speichern?"
                ),
                "confirmResidualAbove",
                lambda: self._save(view, data),
            )
            return
        self._save(view, data)

    def _save(self, view: ScenarioView, data: ScenarioData) -> None:
        if self._run(
            lambda: scenarios.update_scenario(self.ctx, view.id, data, view.row_version),
            self.tr("Szenario gespeichert."),
        ):
            self.heatmap.update_point(point_of(ScenarioView(view.id, view.number, data)))

    def _cell_selected(self, likelihood: int, severity: int) -> None:
        numbers = self.heatmap.scenarios_at((likelihood, severity))
        titles = {v.number: v.data.title for v in self.detail.scenarios} if self.detail else {}
        text = self.heatmap.cell_text((likelihood, severity)).split(";")[0]
        if numbers:
            text += "\n" + "\n".join(f"{n}. {titles.get(n, '')}" for n in numbers)
        else:
            text += "\n" + self.tr("Kein Szenario in diesem Feld.")
        self.cell_list.setText(text)
