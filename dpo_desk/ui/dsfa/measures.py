"""The measures of one risk scenario: links into the school's TOM catalogue, or a new
measure written into the catalogue and linked at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.register.values import PROTECTION_GOALS, TomData
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.dsfa.views import ScenarioView
from dpo_desk.services.register.toms import list_toms

Runner = Callable[[Callable[[], object], str], bool]


class MeasuresBox(QWidget):
    def __init__(self, ctx: ServiceContext, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.run = ctx, run
        self.view: ScenarioView | None = None
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
        self.buttons = [
            self._button("linkTom", "Verknüpfen", self.link),
            self._button("unlinkTom", "Entfernen", self.unlink),
            self._button("addNewTom", "Anlegen", self.add_new),
        ]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.measures)
        row = QHBoxLayout()
        row.addWidget(self.tom_choice, 1)
        row.addWidget(self.buttons[0])
        row.addWidget(self.buttons[1])
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.new_tom, 1)
        row.addWidget(self.goal)
        row.addWidget(self.buttons[2])
        layout.addLayout(row)

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.setAccessibleName(self.tr(text))
        button.clicked.connect(slot)
        return button

    def edit_widgets(self) -> list[QWidget]:
        return [*self.buttons, self.tom_choice, self.new_tom, self.goal]

    def set_school(self, school_id: int | None) -> None:
        self.tom_choice.clear()
        if school_id is not None:
            for tom in list_toms(self.ctx, school_id):
                self.tom_choice.addItem(f"{tom.title} ({tom.owner})", tom.id)

    def show_measures(self, view: ScenarioView | None) -> None:
        self.view = view
        self.measures.clear()
        for measure in view.measures if view else ():
            item = QListWidgetItem(measure.title)
            item.setData(Qt.UserRole, measure.id)
            self.measures.addItem(item)

    def link(self) -> None:
        view, tom_id = self.view, self.tom_choice.currentData()
        if view is not None and tom_id is not None:
            self.run(
                lambda: scenarios.link_measures(self.ctx, view.id, [tom_id]),
                self.tr("Maßnahme verknüpft."),
            )

    def unlink(self) -> None:
        item = self.measures.currentItem()
        if item is not None:
            measure_id = item.data(Qt.UserRole)
            self.run(
                lambda: scenarios.unlink_measure(self.ctx, measure_id),
                self.tr("Maßnahme entfernt."),
            )

    def add_new(self) -> None:
        view = self.view
        if view is not None:
            data = TomData(self.new_tom.text(), "", self.goal.currentData())
            if self.run(
                lambda: scenarios.add_new_measure(self.ctx, view.id, data),
                self.tr("Maßnahme im TOM-Katalog angelegt und verknüpft."),
            ):
                self.new_tom.clear()
