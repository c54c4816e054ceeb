"""Signing in to the server at start (server mode).

Shown when no password for the profile is at hand (none in the credential store, none
given): the person types it, optionally keeps it in the operating system's credential
store. Wrong passwords are answered in German and the dialog stays open; after
``MAX_TRIES`` it gives up. The password lives only in the line edit and is cleared after
each try.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MAX_TRIES = 5
# try_sign_in(password, keep) -> None when signed in, else the German reason.
SignInAttempt = Callable[[str, bool], "str | None"]


class SignInDialog(QDialog):
    def __init__(
        self, server_label: str, try_sign_in: SignInAttempt, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("dpo_desk – Anmeldung am Server"))
        self._try = try_sign_in
        self.tries = 0
        intro = QLabel(self.tr("Bitte mit Ihrem Passwort am Server anmelden:"))
        intro.setWordWrap(True)
        server = QLabel(server_label)
        server.setObjectName("signInServer")
        server.setTextFormat(server.textFormat().PlainText)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setObjectName("signInPassword")
        self.password.setAccessibleName(self.tr("Passwort"))
        self.keep = QCheckBox(self.tr("Passwort im Schlüsselbund des Betriebssystems &speichern"))
        self.keep.setObjectName("signInKeep")
        self.keep.setAccessibleName(self.keep.text().replace("&", ""))
        self.error = QLabel("")
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(self.error.textFormat().PlainText)
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.tr("Server:"), server)
        form.addRow(self.tr("&Passwort:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("&Anmelden"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.keep)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.password.setFocus()

    def _submit(self) -> None:
        password = self.password.text()
        self.password.clear()
        if not password:
            self.error.setText(self.tr("Bitte das Passwort eingeben."))
            return
        self.tries += 1
        problem = self._try(password, self.keep.isChecked())
        if problem is None:
            self.accept()
            return
        if self.tries >= MAX_TRIES:
            self.error.setText(problem)
            self.reject()
            return
        self.error.setText(problem)
        self.password.setFocus()
