"""The text parts of the DSFA editor: description, purposes, necessity (with guiding
questions), the DPO's opinion and the head's decision with their dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dpo_desk.core.dates import parse_entered_date
from dpo_desk.core.dsfa.rules import DECISION_LABELS, NECESSITY_QUESTIONS, AssessmentData
from dpo_desk.core.validation import Problem, ValidationError

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


def parse_day(text: str, label: str, today: date) -> date | None:
    """A date of the decision part; full dates, ISO and "12.9.26" are understood."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_entered_date(text, today, past=label != DATES["next_review"])
    except ValueError as exc:
        raise ValidationError([Problem(label, f"{label}: {exc}")]) from None


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
        self.dates: dict[str, QLineEdit] = {}
        for name, label in DATES.items():
            edit = QLineEdit()
            edit.setObjectName(f"dsfa_{name}")
            edit.setAccessibleName(self.tr(label))
            edit.setPlaceholderText(self.tr("TT.MM.JJJJ (leer: beim Abschluss heute)"))
            self.dates[name] = edit
        self.decision = QComboBox()
        self.decision.setObjectName("dsfa_head_decision")
        self.decision.setAccessibleName(self.tr("Entscheidung der Schulleitung"))
        self.decision.addItem(self.tr("– noch nicht entschieden –"), "")
        for code, label in DECISION_LABELS.items():
            self.decision.addItem(label, code)
        form = QFormLayout(self)
        form.addRow(self.tr("&Stellungnahme der/des DSB:"), self.edits["dpo_opinion"])
        form.addRow(self.tr("Datum der Stellungnahme:"), self.dates["dpo_opinion_date"])
        form.addRow(self.tr("&Entscheidung der Schulleitung:"), self.decision)
        form.addRow(self.tr("&Auflagen / Anmerkungen:"), self.edits["head_decision_text"])
        form.addRow(self.tr("Datum der Entscheidung:"), self.dates["decided_on"])
        form.addRow(self.tr("Nächste Ü&berprüfung:"), self.dates["next_review"])


def fill(description: DescriptionForm, decision: DecisionForm, data: AssessmentData) -> None:
    for name, edit in {**description.edits, **decision.edits}.items():
        edit.setPlainText(getattr(data, name))
    for name, edit in decision.dates.items():
        day = getattr(data, name)
        edit.setText(day.strftime("%d.%m.%Y") if day else "")
    decision.decision.setCurrentIndex(max(0, decision.decision.findData(data.head_decision)))


def read(description: DescriptionForm, decision: DecisionForm, today: date) -> AssessmentData:
    """The entered values; a malformed date raises ValidationError naming the field."""
    texts = {name: e.toPlainText() for name, e in {**description.edits, **decision.edits}.items()}
    problems: list[Problem] = []
    days: dict[str, date | None] = {}
    for name, edit in decision.dates.items():
        try:
            days[name] = parse_day(edit.text(), DATES[name], today)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return AssessmentData(**texts, **days, head_decision=decision.decision.currentData())


def set_read_only(description: DescriptionForm, decision: DecisionForm, frozen: bool) -> None:
    for edit in {**description.edits, **decision.edits}.values():
        edit.setReadOnly(frozen)
    for edit in decision.dates.values():
        edit.setReadOnly(frozen)
    decision.decision.setEnabled(not frozen)
