"""The small dialogs of the people page: a new person, a role at a school, a password.

Each only collects input; the page runs the service (``services.users.accounts``), which
checks everything again and answers in German. Dialogs open window-modal (``open``), so
the page stays responsive and tests drive them like a person would.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.access import ROLE_LABELS, Role


def _field(name: str, label: str, *, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    if password:
        edit.setEchoMode(QLineEdit.Password)
    return edit


class _FormDialog(QDialog):
    """A titled form with OK/Cancel and a plain-text line for what is missing."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(object_name)
        self.setWindowModality(Qt.WindowModal)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setObjectName("dialogOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)

    def missing(self) -> str | None:
        """What must be filled in before OK (German), or None."""
        return None

    def accept(self) -> None:
        problem = self.missing()
        if problem:
            self.problem.setText(problem)
            return
        super().accept()


def _passwords_problem(first: QLineEdit, second: QLineEdit) -> str | None:
    if not first.text():
        return "Bitte ein Passwort eingeben."
    if first.text() != second.text():
        return "Die beiden Passwörter stimmen nicht überein."
    return None


class PersonDialog(_FormDialog):
    """A new person: login, name, function, first password (twice)."""

    def __init__(self, parent: QWidget | None, may_make_administrators: bool) -> None:
        super().__init__("Person anlegen", "personDialog", parent)
        self.login = _field("personLogin", "Anmeldename")
        self.login.setPlaceholderText("z. B. s.mueller")
        self.display_name = _field("personName", "Vor- und Nachname")
        self.function = _field("personFunction", "Funktion")
        self.function.setPlaceholderText("z. B. Sekretariat")
        self.password = _field("personPassword", "Erstes Passwort", password=True)
        self.again = _field("personPasswordAgain", "Passwort wiederholen", password=True)
        self.administrator = QCheckBox("Administration des Schulträgers (alle Schulen)")
        self.administrator.setObjectName("personAdministrator")
        self.administrator.setVisible(may_make_administrators)
        self.add_row("&Anmeldename:", self.login)
        self.add_row("&Name:", self.display_name)
        self.add_row("&Funktion:", self.function)
        self.add_row("&Passwort:", self.password)
        self.add_row("Passwort &wiederholen:", self.again)
        self.form.addRow(self.administrator)

    def missing(self) -> str | None:
        if not self.login.text().strip():
            return "Bitte einen Anmeldenamen eingeben."
        if not self.display_name.text().strip():
            return "Bitte den Namen der Person eingeben."
        return _passwords_problem(self.password, self.again)


class RoleDialog(_FormDialog):
    """A role at a school (grant), or only the school (revoke: ``with_role=False``)."""

    def __init__(
        self,
        parent: QWidget | None,
        person: str,
        schools: Sequence[tuple[int, str]],
        current_school: int | None,
        *,
        with_role: bool = True,
    ) -> None:
        title = "Rolle vergeben" if with_role else "Rolle entziehen"
        super().__init__(title, "roleDialog", parent)
        who = QLabel(person)
        who.setTextFormat(Qt.PlainText)
        self.add_row("Person:", who)
        self.school = QComboBox()
        self.school.setObjectName("roleSchool")
        self.school.setAccessibleName("Schule")
        for school_id, name in schools:
            self.school.addItem(name, school_id)
        index = self.school.findData(current_school)
        self.school.setCurrentIndex(max(index, 0))
        self.add_row("&Schule:", self.school)
        self.role = QComboBox()
        self.role.setObjectName("roleRole")
        self.role.setAccessibleName("Rolle")
        for role in Role:
            self.role.addItem(ROLE_LABELS[role], role.value)
        if with_role:
            self.add_row("&Rolle:", self.role)
        else:
            self.role.hide()

    def chosen_school(self) -> int | None:
        data = self.school.currentData()
        return int(data) if data is not None else None

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def missing(self) -> str | None:
        return None if self.chosen_school() is not None else "Bitte eine Schule wählen."


class PasswordDialog(_FormDialog):
    """A new password for a person (twice)."""

    def __init__(self, parent: QWidget | None, person: str) -> None:
        super().__init__("Passwort setzen", "passwordDialog", parent)
        who = QLabel(person)
        who.setTextFormat(Qt.PlainText)
        self.add_row("Person:", who)
        self.password = _field("newPassword", "Neues Passwort", password=True)
        self.again = _field("newPasswordAgain", "Passwort wiederholen", password=True)
        self.add_row("&Neues Passwort:", self.password)
        self.add_row("Passwort &wiederholen:", self.again)

    def missing(self) -> str | None:
        return _passwords_problem(self.password, self.again)
