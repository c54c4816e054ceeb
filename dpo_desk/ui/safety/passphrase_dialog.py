"""Asking for the passphrase (at start, to unlock) and choosing a new one.

Wrong entries: a clear message, a growing pause before the next try (the field is disabled
meanwhile, the window stays responsive), and after the last allowed try the dialog gives up.
With ``waiting`` the pause comes from the wrong passphrases counted in the data folder
(``store.attempts``), so it also runs on after a restart and a pause still running when
the dialog opens is kept. The passphrase lives only in the line edit and is cleared right
after use.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.store.crypto import MAX_ATTEMPTS, passphrase_problem, retry_delay


def _password_field(name: str, accessible: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    return field


class PassphraseDialog(QDialog):
    """Ask for the passphrase until ``try_passphrase`` accepts it or the tries run out.

    ``try_passphrase`` returns None when accepted, else the German reason to show.
    """

    def __init__(
        self,
        try_passphrase: Callable[[str], str | None],
        parent: QWidget | None = None,
        title: str = "",
        prompt: str = "",
        max_attempts: int = MAX_ATTEMPTS,
        delay: Callable[[int], float] = retry_delay,
        failed_before: int = 0,
        waiting: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title or self.tr("Passphrase eingeben"))
        self._try = try_passphrase
        self._max_attempts = max_attempts
        self._delay = delay
        self._waiting = waiting
        self.failed_attempts = failed_before
        self.gave_up = False

        self.prompt = QLabel(
            prompt or self.tr("Die Datenbank ist verschlüsselt. Bitte die Passphrase eingeben.")
        )
        self.prompt.setWordWrap(True)
        self.field = _password_field("passphraseEdit", self.tr("Passphrase"))
        self.message = QLabel("")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("passphraseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Öffnen"))
        self.buttons.button(QDialogButtonBox.Ok).setObjectName("passphraseOkButton")
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.field)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.field.setFocus()
        self._pause_if_waiting()

    def _pause_if_waiting(self) -> bool:
        """Disable input while the persisted pause runs; True when it does."""
        wait = self._waiting() if self._waiting is not None else 0.0
        if wait <= 0:
            return False
        self.message.setText(
            self.tr(
                "Nach falschen Passphrasen ist die nächste Eingabe erst in %1 Sekunden möglich."
            ).replace("%1", str(max(1, round(wait))))
        )
        self._pause(wait)
        return True

    def _pause(self, wait: float) -> None:
        self.field.setEnabled(False)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        QTimer.singleShot(int(wait * 1000) + 50, self._enable)

    def _submit(self) -> None:
        if not self.field.isEnabled():
            return
        passphrase = self.field.text()
        self.field.clear()
        if not passphrase:
            self.message.setText(self.tr("Bitte die Passphrase eingeben."))
            return
        if self._pause_if_waiting():
            return
        problem = self._try(passphrase)
        if problem is None:
            self.accept()
            return
        self.failed_attempts += 1
        remaining = self._max_attempts - self.failed_attempts
        if remaining <= 0:
            self.gave_up = True
            self.message.setText(
                self.tr("Zu viele falsche Versuche. Bitte das Programm neu starten.")
            )
            self.field.setEnabled(False)
            self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
            return
        wait = self._waiting() if self._waiting is not None else self._delay(self.failed_attempts)
        self.message.setText(
            self.tr("%1 Noch %2 Versuch(e).").replace("%1", problem).replace("%2", str(remaining))
        )
        if wait > 0:
            self._pause(wait)

    def _enable(self) -> None:
        if self.gave_up:
            return
        self.field.setEnabled(True)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)
        self.field.setFocus()


class NewPassphraseDialog(QDialog):
    """Set, change or remove the passphrase: asks for the current one where needed."""

    def __init__(self, encrypted: bool, remove: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.remove = remove
        if remove:
            title = self.tr("Passphrase entfernen")
        elif encrypted:
            title = self.tr("Passphrase ändern")
        else:
            title = self.tr("Passphrase festlegen")
        self.setWindowTitle(title)
        self.current = _password_field("currentPassphraseEdit", self.tr("Bisherige Passphrase"))
        self.new = _password_field("newPassphraseEdit", self.tr("Neue Passphrase"))
        self.repeat = _password_field(
            "repeatPassphraseEdit", self.tr("Neue Passphrase wiederholen")
        )
        self.message = QLabel("")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("newPassphraseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        if encrypted:
            form.addRow(self.tr("&Bisherige Passphrase:"), self.current)
        if not remove:
            form.addRow(self.tr("&Neue Passphrase:"), self.new)
            form.addRow(self.tr("&Wiederholen:"), self.repeat)
        note = QLabel(
            self.tr(
                "Die Datenbank wird danach unverschlüsselt gespeichert, ebenso die Sicherungen."
            )
            if remove
            else self.tr(
                "Mindestens 8 Zeichen. Die Passphrase wird nirgends gespeichert: Wer sie "
                "vergisst, kann die Daten nicht mehr öffnen. Bitte sicher verwahren."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setObjectName("newPassphraseOkButton")
        buttons.button(QDialogButtonBox.Ok).setText(title)
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def values(self) -> tuple[str | None, str | None]:
        """(new passphrase or None to remove, current passphrase or None)."""
        new = None if self.remove else self.new.text()
        return new, self.current.text() or None

    def _submit(self) -> None:
        if not self.remove:
            problem = passphrase_problem(self.new.text())
            if problem:
                self.message.setText(problem)
                return
            if self.new.text() != self.repeat.text():
                self.message.setText(self.tr("Die beiden neuen Passphrasen stimmen nicht überein."))
                return
        self.accept()

    def clear(self) -> None:
        for field in (self.current, self.new, self.repeat):
            field.clear()
