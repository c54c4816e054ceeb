"""Who is working: name and function, asked at the first start and kept in the settings.

The change log and every "freigegeben/abgeschlossen von" name this person ("Anna Berg
(Sekretariat)"); until someone has said who they are, no change can be saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.people import FUNCTIONS
from dpo_desk.core.validation import Problem
from dpo_desk.services import settings
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.common.text import plain_label
from dpo_desk.ui.operations import Operations


class PersonForm(QWidget):
    """Name and function; used by the dialog and the settings page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("personName")
        self.name.setAccessibleName(self.tr("Ihr Name"))
        self.name.setPlaceholderText(self.tr("z. B. Anna Berg"))
        self.name.setMaxLength(100)
        self.function = QComboBox()
        self.function.setObjectName("personFunction")
        self.function.setAccessibleName(self.tr("Ihre Funktion"))
        self.function.addItem(self.tr("– bitte wählen –"), "")
        for function in FUNCTIONS:
            self.function.addItem(function, function)
        self.error = error_label("personError")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        name_label = QLabel(self.tr("Ihr &Name:"))
        name_label.setBuddy(self.name)
        function_label = QLabel(self.tr("Ihre &Funktion:"))
        function_label.setBuddy(self.function)
        form.addRow(name_label, self.name)
        form.addRow(function_label, self.function)
        form.addRow(self.error)

    def set_person(self, person: settings.Person) -> None:
        self.name.setText(person.name)
        self.function.setCurrentIndex(max(0, self.function.findData(person.function)))
        self.error.clear()

    def values(self) -> tuple[str, str]:
        return self.name.text(), self.function.currentData() or ""

    def show_problems(self, problems: list[Problem]) -> None:
        self.error.setText("\n".join(p.message for p in problems))
        field = next((p.field for p in problems), "")
        (self.function if field == "function" else self.name).setFocus()


class PersonDialog(QDialog):
    """ "Wer arbeitet?" – window-modal; "Später" leaves it open to be asked again."""

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operations = operations
        self.setObjectName("personDialog")
        self.setAccessibleName(self.tr("Wer arbeitet?"))
        self.setWindowTitle(self.tr("Wer arbeitet?"))
        self.setWindowModality(Qt.WindowModal)
        intro = plain_label(
            self.tr(
                "Bitte geben Sie Ihren Namen und Ihre Funktion an. Sie stehen im "
                "Änderungsprotokoll bei jeder Ihrer Eingaben und auf Freigaben und "
                "Abschlüssen („freigegeben von …“). Ohne diese Angabe kann nichts gespeichert "
                "werden."
            ),
            "personIntro",
            wrap=True,
        )
        self.form = PersonForm()
        self.form.set_person(settings.person(ctx))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.setObjectName("personButtons")
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Übernehmen"))
        buttons.button(QDialogButtonBox.Ok).setObjectName("personSave")
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Später"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_to_screen(self, 480, 260)
        self.form.name.setFocus()

    def accept(self) -> None:
        name, function = self.form.values()
        saved = self.operations.run(
            lambda: settings.set_person(self.ctx, name, function),
            parent=self,
            errors=self.form.show_problems,
        )
        if saved is not None:
            super().accept()
