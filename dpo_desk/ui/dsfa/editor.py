"""The text parts of the DSFA editor: description, purposes, necessity (with guiding
questions), the DPO's opinion and the head's decision with their dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from dpo_desk.core.dsfa.rules import DECISION_LABELS, NECESSITY_QUESTIONS, AssessmentData
from dpo_desk.ui.common.date_field import DateField, check_dates

TEXTS = {
    "description": "Systematische Beschreibung",
    "purposes": "Zwecke",
    "necessity": "Notwendigkeit und Verhältnismäßigkeit",
    "dpo_opinion": "Stellungnahme der/des DSB",
    "head_decision_text": "Auflagen / Anmerkungen",
}
DATES = {
    "dpo_opinion_date": "Datum der Stellungnahme",
    "decided_on": "Datum der Entscheidung",
    "next_review": "Nächste Überprüfung",
}


def _text_edit(name: str, label: str, height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(f"dsfa_{name}")
    edit.setAccessibleName(label)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class DescriptionForm(QWidget):
    """Art. 35(7) a and b: what is processed, why, and whether it is necessary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = {
            name: _text_edit(name, self.tr(TEXTS[name]), 70)
            for name in ("description", "purposes", "necessity")
        }
        questions = QLabel("\n".join(f"• {q}" for q in NECESSITY_QUESTIONS))
        questions.setObjectName("necessityQuestions")
        questions.setStyleSheet("color: #555;")
        questions.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Systematische &Beschreibung:"), self.edits["description"])
        form.addRow(self.tr("&Zwecke:"), self.edits["purposes"])
        form.addRow(self.tr("&Notwendigkeit und\nVerhältnismäßigkeit:"), self.edits["necessity"])
        form.addRow(self.tr("Leitfragen:"), questions)


class DecisionForm(QWidget):
    """Art. 35(2) opinion of the DPO, the decision of the head, dates and next review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = {
            name: _text_edit(name, self.tr(TEXTS[name]), 60)
            for name in ("dpo_opinion", "head_decision_text")
        }
        self.dates: dict[str, DateField] = {}
        for name, label in DATES.items():
            field = DateField(
                f"dsfa_{name}", self.tr(label), past=name != "next_review", optional=True
            )
            field.set_placeholder(self.tr("TT.MM.JJJJ (leer: beim Abschluss heute)"))
            self.dates[name] = field
        self.decision = QComboBox()
        self.decision.setObjectName("dsfa_head_decision")
        self.decision.setAccessibleName(self.tr("Entscheidung der Schulleitung"))
        self.decision.addItem(self.tr("– noch nicht entschieden –"), "")
        for code, label in DECISION_LABELS.items():
            self.decision.addItem(label, code)
        form = QFormLayout(self)
        form.addRow(self.tr("Stellungnahme der/des &DSB:"), self.edits["dpo_opinion"])
        form.addRow(self.tr("Datum der Stellungnahme:"), self.dates["dpo_opinion_date"])
        form.addRow(self.tr("&Entscheidung der Schulleitung:"), self.decision)
        form.addRow(self.tr("Auflagen / Anmer&kungen:"), self.edits["head_decision_text"])
        form.addRow(self.tr("Datum der Entscheidung:"), self.dates["decided_on"])
        form.addRow(self.tr("Nächste Ü&berprüfung:"), self.dates["next_review"])


def fill(description: DescriptionForm, decision: DecisionForm, data: AssessmentData) -> None:
    for name, edit in {**description.edits, **decision.edits}.items():
        edit.setPlainText(getattr(data, name))
    for name, field in decision.dates.items():
        field.set_date(getattr(data, name))
    decision.decision.setCurrentIndex(max(0, decision.decision.findData(data.head_decision)))


def read(description: DescriptionForm, decision: DecisionForm, today: date) -> AssessmentData:
    """The entered values; a malformed date raises ValidationError naming the field."""
    texts = {name: e.toPlainText() for name, e in {**description.edits, **decision.edits}.items()}
    for field in decision.dates.values():
        field.today = lambda: today
    check_dates(*decision.dates.values())
    days = {name: field.date() for name, field in decision.dates.items()}
    return AssessmentData(**texts, **days, head_decision=decision.decision.currentData())


def set_read_only(description: DescriptionForm, decision: DecisionForm, frozen: bool) -> None:
    for edit in {**description.edits, **decision.edits}.values():
        edit.setReadOnly(frozen)
    for field in decision.dates.values():
        field.set_read_only(frozen)
    decision.decision.setEnabled(not frozen)
