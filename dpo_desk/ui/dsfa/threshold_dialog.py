"""Threshold analysis of one activity: the nine WP 248 criteria as questions with their
explanations, the items of the authority's list for the school's state (with source and
date; a note and WP 248 alone when the state has none), the suggested conclusion updating
as the DPO answers, and a reason when departing from it. The questions scroll, so the
dialog fits 1024×600."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.dsfa.threshold import (
    CONCLUSION_LABELS,
    INDICATORS,
    THRESHOLD,
    ThresholdAnswers,
    suggested_conclusion,
)
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa.threshold import threshold_lists
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.fields import plain_label
from dpo_desk.ui.common.screen import fit_to_screen, scrolled
from dpo_desk.ui.common.text import window_title
from dpo_desk.ui.signals import AppSignals


class ThresholdDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        activity_id: int,
        activity_name: str,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.activity_id = ctx, signals, activity_id
        self.setObjectName("dsfaThresholdDialog")
        self.setAccessibleName(self.tr("Schwellwertanalyse"))
        self.setWindowTitle(
            window_title(self.tr("Schwellwertanalyse: %1").replace("%1", activity_name))
        )
        stored = dsfa.get_threshold(ctx, activity_id)
        self.row_version = stored.row_version if stored else 0
        answers = stored.answers if stored else ThresholdAnswers()
        checklist = QWidget()
        layout = QVBoxLayout(checklist)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Trifft das Kriterium auf die Verarbeitung zu? Ab %1 erfüllten Kriterien "
                    "ist eine Folgenabschätzung in der Regel erforderlich."
                ).replace("%1", str(THRESHOLD))
            )
        )
        self.boxes: dict[str, QCheckBox] = {}
        for indicator in INDICATORS:
            box = QCheckBox(indicator.question)
            box.setObjectName(f"indicator_{indicator.key}")
            box.setAccessibleName(indicator.question)
            box.setAccessibleDescription(indicator.explanation)
            box.setChecked(indicator.key in answers.indicators)
            box.toggled.connect(self._update_suggestion)
            explanation = QLabel(indicator.explanation)
            explanation.setWordWrap(True)
            explanation.setStyleSheet("color: #555; margin-left: 22px;")
            layout.addWidget(box)
            layout.addWidget(explanation)
            self.boxes[indicator.key] = box
        self.list_boxes: dict[str, QCheckBox] = {}
        lists = threshold_lists(ctx, activity_id)
        for mandatory in lists.lists:
            title = QLabel(f"<b>{mandatory.title}</b>")
            layout.addWidget(title)
            layout.addWidget(
                plain_label(
                    self.tr("Quelle: %1, Stand %2")
                    .replace("%1", mandatory.source)
                    .replace("%2", mandatory.date_label)
                )
            )
            for item in mandatory.items:
                box = QCheckBox(item.text)
                box.setObjectName(f"list_item_{item.key}")
                box.setAccessibleName(item.text)
                box.setChecked(item.key in answers.list_items)
                box.toggled.connect(self._update_suggestion)
                layout.addWidget(box)
                self.list_boxes[item.key] = box
        if lists.note:
            note = plain_label(lists.note, "thresholdListNote")
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        self.state_list = QCheckBox(
            self.tr("Die Verarbeitung steht aus einem anderen Grund auf der Muss-Liste")
            if lists.lists
            else self.tr("Die Verarbeitung steht auf der Liste der Aufsichtsbehörde (Muss-Liste)")
        )
        self.state_list.setObjectName("indicator_state_list")
        self.state_list.setChecked(answers.on_state_list)
        self.state_list.toggled.connect(self._update_suggestion)
        layout.addWidget(self.state_list)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("thresholdSuggestion")
        self.suggestion.setWordWrap(True)
        layout.addWidget(self.suggestion)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolled(checklist, name="thresholdChecklist", horizontal=False), 1)
        layout = outer
        form = QFormLayout()
        self.conclusion = QComboBox()
        self.conclusion.setObjectName("thresholdConclusion")
        self.conclusion.setAccessibleName(self.tr("Ergebnis"))
        for code, label in CONCLUSION_LABELS.items():
            self.conclusion.addItem(label, code)
        self.reasoning = QPlainTextEdit(stored.reasoning if stored else "")
        self.reasoning.setObjectName("thresholdReasoning")
        self.reasoning.setAccessibleName(self.tr("Begründung"))
        self.reasoning.setTabChangesFocus(True)
        self.reasoning.setMaximumHeight(80)
        form.addRow(self.tr("&Ergebnis:"), self.conclusion)
        form.addRow(self.tr("&Begründung:"), self.reasoning)
        layout.addLayout(form)
        self.error = error_label("thresholdError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setText(self.tr("&Speichern"))
        self.save_button.setObjectName("saveThresholdButton")
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 640)
        self._update_suggestion()
        if stored:
            self.conclusion.setCurrentIndex(self.conclusion.findData(stored.conclusion))

    def answers(self) -> ThresholdAnswers:
        return ThresholdAnswers(
            {key for key, box in self.boxes.items() if box.isChecked()},
            self.state_list.isChecked(),
            {key for key, box in self.list_boxes.items() if box.isChecked()},
        )

    def _update_suggestion(self) -> None:
        answers = self.answers()
        suggested = suggested_conclusion(answers)
        self.suggestion.setText(
            self.tr("%1 von %2 Kriterien erfüllt. Auswertung: <b>%3</b>")
            .replace("%1", str(answers.count))
            .replace("%2", str(len(INDICATORS)))
            .replace("%3", CONCLUSION_LABELS[suggested])
        )
        self.conclusion.setCurrentIndex(self.conclusion.findData(suggested))

    def save(self) -> None:
        answers, conclusion = self.answers(), self.conclusion.currentData()
        reasoning, version = self.reasoning.toPlainText(), self.row_version
        result = self.signals.operations.run(
            lambda: dsfa.record_threshold(
                self.ctx,
                self.activity_id,
                answers,
                conclusion,
                reasoning,
                expected_version=version,
            ),
            parent=self,
            initiator=self,
            errors=self.error,
            on_gone=self.reject,
        )
        if result is None:
            return
        self.row_version = result.row_version
        self.signals.status_message.emit(
            self.tr("Schwellwertanalyse gespeichert: %1").replace(
                "%1", CONCLUSION_LABELS[result.conclusion]
            )
        )
        self.accept()
