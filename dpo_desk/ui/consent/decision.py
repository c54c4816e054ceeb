"""Asking the person when an entry conflicts with what is recorded.

The services store nothing that conflicts with the history or changes no status without a
decision (``DecisionNeeded``): this dialog shows the German explanation as plain text and
returns the person's choice, or None ("Abbrechen": nothing is stored).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from dpo_desk.core.consent.events import Precedence
from dpo_desk.services.consent.recording import DecisionNeeded

CHOICE_TEXTS: dict[Precedence, str] = {
    Precedence.ENTRY: "Diese &Eingabe ist neuer",
    Precedence.RECORDED: "&Bisheriger Eintrag bleibt neuer",
    Precedence.CONFIRMED: "&Trotzdem speichern",
}
CHOICE_NAMES: dict[Precedence, str] = {
    Precedence.ENTRY: "consentDecisionEntry",
    Precedence.RECORDED: "consentDecisionRecorded",
    Precedence.CONFIRMED: "consentDecisionConfirm",
}


def ask_decision(parent: QWidget, needed: DecisionNeeded) -> Precedence | None:
    """The person's decision on ``needed``; None when cancelled."""
    box = QMessageBox(parent)
    box.setObjectName("consentDecision")
    box.setAccessibleName("Rückfrage zur Eingabe")
    box.setWindowTitle("Bitte entscheiden")
    box.setIcon(QMessageBox.Warning)
    box.setTextFormat(Qt.PlainText)
    box.setText(needed.message)
    if needed.review.undecided:
        box.setInformativeText(
            "Die Daten allein sagen nicht, welche Erklärung die neuere ist. Was gilt?"
        )
    else:
        box.setInformativeText("Trotzdem speichern (als Nachweis) oder abbrechen?")
    buttons = {}
    for choice in needed.choices:
        button = box.addButton(CHOICE_TEXTS[choice], QMessageBox.AcceptRole)
        button.setObjectName(CHOICE_NAMES[choice])
        buttons[button] = choice
    cancel = box.addButton("Abbrechen", QMessageBox.RejectRole)
    cancel.setObjectName("consentDecisionCancel")
    box.setDefaultButton(cancel)
    box.exec()
    return buttons.get(box.clickedButton())


NOT_STORED = "Nicht gespeichert: {message}"
