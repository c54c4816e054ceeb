"""The risk part of the DSFA editor: scenario list, the selected scenario's texts, ratings
and measures, and the heat map beside them. A residual rating above the inherent one asks
for confirmation and a reason before it is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from dpo_desk.core.dsfa import LEVEL_LABELS, LEVELS, class_label
from dpo_desk.core.dsfa_rules import ScenarioData, residual_above_inherent
from dpo_desk.core.records import PROTECTION_GOALS, TomData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services import dsfa_scenarios as scenarios
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa_views import AssessmentDetail, ScenarioView
from dpo_desk.services.records_toms import list_toms
from dpo_desk.ui.widgets.dsfa_heatmap import BOTH, MODE_LABELS, HeatPoint, RiskHeatMap

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

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: AssessmentDetail | None = None
        self.box: QMessageBox | None = None
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.setAccessibleName(self.tr("Risikoszenarien"))
        self.list.currentRowChanged.connect(self._show_current)
        self.catalogue = QComboBox()
        self.catalogue.setObjectName("scenarioCatalogue")
        self.catalogue.setAccessibleName(self.tr("Szenario aus dem Katalog"))
        for entry in scenarios.scenario_catalogue():
            self.catalogue.addItem(entry.title, entry.key)
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
            combo.setObjectName(f"scenario_{name}")
            combo.setAccessibleName(self.tr(label))
            combo.addItem(self.tr("– offen –"), None)
            for level in LEVELS:
                combo.addItem(f"{level} {LEVEL_LABELS[level]}", level)
            self.ratings[name] = combo
        self.classes = QLabel()
        self.classes.setObjectName("scenarioClasses")
        self.measures = QListWidget()
        self.measures.setObjectName("scenarioMeasures")
        self.measures.setAccessibleName(self.tr("Maßnahmen des Szenarios"))
        self.measures.setMaximumHeight(90)
        self.tom_choice = QComboBox()
        self.tom_choice.setObjectName("tomChoice")
        self.tom_choice.setAccessibleName(self.tr("Maßnahme aus dem TOM-Katalog"))
        self.new_tom = QLineEdit()
        self.new_tom.setObjectName("newTomTitle")
        self.new_tom.setAccessibleName(self.tr("Neue Maßnahme"))
        self.new_tom.setPlaceholderText(self.tr("Neue Maßnahme für den TOM-Katalog …"))
        self.goal = QComboBox()
        self.goal.setObjectName("newTomGoal")
        self.goal.setAccessibleName(self.tr("Schutzziel der neuen Maßnahme"))
        for code, label in PROTECTION_GOALS.items():
            self.goal.addItem(label, code)
        self.save = self._button("saveScenario", "Szenario &speichern", self.save_current)
        self.error = QLabel()
        self.error.setObjectName("scenarioError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")

        self.heatmap = RiskHeatMap()
        self.mode = QComboBox()
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
        self.list.setMinimumHeight(90)
        row = QHBoxLayout()
        row.addWidget(self.catalogue, 1)
        row.addWidget(self.add_catalogue)
        left.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.add_new)
        row.addWidget(self.delete)
        left.addLayout(row)
        form = QFormLayout()
        for name, label in (
            ("title", "&Bezeichnung:"),
            ("source", "Risiko&quelle:"),
            ("event", "Was kann &passieren:"),
            ("damage", "Schaden für &Betroffene:"),
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
        form.addRow(self.tr("Maßnahmen:"), self.measures)
        row = QHBoxLayout()
        row.addWidget(self.tom_choice, 1)
        row.addWidget(self._button("linkTom", "Verknüpfen", self.link_tom))
        row.addWidget(self._button("unlinkTom", "Entfernen", self.unlink_tom))
        form.addRow(row)
        row = QHBoxLayout()
        row.addWidget(self.new_tom, 1)
        row.addWidget(self.goal)
        row.addWidget(self._button("addNewTom", "Anlegen", self.add_tom))
        form.addRow(row)
        form.addRow(self.error)
        form.addRow(self.save)
        left.addWidget(self.mode)
        legend = QLabel(self.tr("grau: vorher · fett: nachher · Pfeil: Wirkung der Maßnahmen"))
        legend.setObjectName("heatMapLegend")
        legend.setStyleSheet("color: #555;")
        left.addWidget(legend)
        left.addWidget(self.heatmap, 3)
        left.addWidget(self.cell_list)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 4)
        layout.addLayout(form, 5)

    # --- loading -----------------------------------------------------------------------

    def set_assessment(self, detail: AssessmentDetail | None) -> None:
        row = self.list.currentRow()
        self.detail = detail
        self.list.blockSignals(True)
        self.list.clear()
        for view in detail.scenarios if detail else []:
            self.list.addItem(QListWidgetItem(f"{view.number}. {view.data.title}"))
        self.list.blockSignals(False)
        self.heatmap.set_matrix(detail.matrix if detail else self.heatmap.matrix)
        self.heatmap.set_points([point_of(v) for v in detail.scenarios] if detail else [])
        self.tom_choice.clear()
        if detail is not None:
            for tom in list_toms(self.ctx, detail.school_id):
                self.tom_choice.addItem(f"{tom.title} ({tom.owner})", tom.id)
        editable = detail is not None and not detail.frozen
        for widget in self.edit_widgets():
            widget.setEnabled(editable)
        if self.list.count():
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        self._show_current()

    def edit_widgets(self) -> list[QWidget]:
        """Everything that changes the assessment (disabled for a signed-off version)."""
        names = ("addCatalogueScenario", "addNewScenario", "deleteScenario", "saveScenario")
        names += ("linkTom", "unlinkTom", "addNewTom", "newTomTitle", "newTomGoal", "tomChoice")
        found = [self.findChild(QWidget, name) for name in names]
        return [*found, *self.fields.values(), *self.ratings.values()]

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
        self.measures.clear()
        for measure in view.measures if view else ():
            item = QListWidgetItem(measure.title)
            item.setData(Qt.UserRole, measure.id)
            self.measures.addItem(item)
        if view and self.detail:
            matrix = self.detail.matrix
            self.classes.setText(
                self.tr("Risiko vorher: %1 · nachher: %2")
                .replace(
                    "%1",
                    class_label(
                        matrix.class_or_none(data.inherent_likelihood, data.inherent_severity)
                    ),
                )
                .replace(
                    "%2",
                    class_label(
                        matrix.class_or_none(data.residual_likelihood, data.residual_severity)
                    ),
                )
            )
        else:
            self.classes.clear()
        self.error.clear()

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
        try:
            action()
        except ValidationError as exc:
            self.error.setText("\n".join(p.message for p in exc.problems))
            return False
        self.changed.emit(message)
        return True

    def add_from_catalogue(self) -> None:
        if self.detail is not None:
            key = self.catalogue.currentData()
            if self._run(
                lambda: scenarios.add_from_catalogue(self.ctx, self.detail.id, key),
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

    def save_current(self) -> None:
        view = self.current()
        if view is None or self.detail is None:
            return
        data = self.values()
        if residual_above_inherent(data) and data.residual_reason.strip():
            self.box = QMessageBox(
                QMessageBox.Question,
                self.tr("Bewertung nach Maßnahmen"),
                self.tr(
                    "Die Bewertung nach den Maßnahmen liegt über der vor den Maßnahmen. "
                    "Mit der Begründung speichern?"
                ),
                QMessageBox.Yes | QMessageBox.No,
                self,
            )
            self.box.setObjectName("confirmResidualAbove")
            self.box.setDefaultButton(QMessageBox.No)
            self.box.buttonClicked.connect(
                lambda b: (
                    self._save(view, data)
                    if self.box.standardButton(b) == QMessageBox.Yes
                    else None
                )
            )
            self.box.open()
            return
        self._save(view, data)

    def _save(self, view: ScenarioView, data: ScenarioData) -> None:
        if self._run(
            lambda: scenarios.update_scenario(self.ctx, view.id, data),
            self.tr("Szenario gespeichert."),
        ):
            self.heatmap.update_point(point_of(ScenarioView(view.id, view.number, data)))

    def link_tom(self) -> None:
        view, tom_id = self.current(), self.tom_choice.currentData()
        if view is not None and tom_id is not None:
            self._run(
                lambda: scenarios.link_measures(self.ctx, view.id, [tom_id]),
                self.tr("Maßnahme verknüpft."),
            )

    def unlink_tom(self) -> None:
        item = self.measures.currentItem()
        if item is not None:
            measure_id = item.data(Qt.UserRole)
            self._run(
                lambda: scenarios.unlink_measure(self.ctx, measure_id),
                self.tr("Maßnahme entfernt."),
            )

    def add_tom(self) -> None:
        view = self.current()
        if view is not None:
            data = TomData(self.new_tom.text(), "", self.goal.currentData())
            if self._run(
                lambda: scenarios.add_new_measure(self.ctx, view.id, data),
                self.tr("Maßnahme im TOM-Katalog angelegt und verknüpft."),
            ):
                self.new_tom.clear()

    def _cell_selected(self, likelihood: int, severity: int) -> None:
        numbers = self.heatmap.scenarios_at((likelihood, severity))
        titles = {v.number: v.data.title for v in self.detail.scenarios} if self.detail else {}
        text = self.heatmap.cell_text((likelihood, severity)).split(";")[0]
        if numbers:
            text += "\n" + "\n".join(f"{n}. {titles.get(n, '')}" for n in numbers)
        else:
            text += "\n" + self.tr("Kein Szenario in diesem Feld.")
        self.cell_list.setText(text)
