"""Einstellungen → Server-Verbindung: the data folder's connection profile.

Shows where the data lie now (the local file, or the server and who is signed in). Connect
signs in once with the address and password before anything is saved (a wrong password or
an unreachable server changes nothing) and takes effect at the next start, so the open
window never mixes the two databases. The password goes to the operating system's
credential store only when ticked; otherwise it is asked at each start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.signals import AppSignals

RESTART = "Gilt ab dem nächsten Start von dpo_desk."


class ServerConnectionBox(QGroupBox):
    def __init__(self, ctx: ServiceContext, signals: AppSignals) -> None:
        super().__init__("Server-Verbindung")
        self.ctx = ctx
        self.signals = signals
        self.setObjectName("serverConnectionBox")
        self.mode = QLabel()
        self.mode.setObjectName("serverMode")
        self.mode.setTextFormat(Qt.PlainText)
        self.mode.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setObjectName("serverUrl")
        self.url.setAccessibleName("Server-Adresse")
        self.url.setPlaceholderText("postgresql://NAME@SERVER:5432/DATENBANK?sslmode=verify-full")
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setAccessibleName("Passwort")
        self.password.setEchoMode(QLineEdit.Password)
        self.keep = QCheckBox("Passwort im Schlüsselbund des Betriebssystems speichern")
        self.keep.setObjectName("serverKeepPassword")
        self.connect_button = QPushButton("Mit Server &verbinden")
        self.connect_button.setObjectName("serverConnectButton")
        self.connect_button.setAccessibleName("Mit Server verbinden")
        self.connect_button.clicked.connect(self.connect_server)
        self.local_button = QPushButton("Zur lokalen Datei zurück&gehen")
        self.local_button.setObjectName("serverDisconnectButton")
        self.local_button.setAccessibleName("Zur lokalen Datei wechseln")
        self.local_button.clicked.connect(self.use_local_file)
        self.message = QLabel()
        self.message.setObjectName("serverMessage")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.mode)
        form.addRow("&Internetadresse des Servers:", self.url)
        form.addRow("Passw&ort:", self.password)
        form.addRow(self.keep)
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.local_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.message)
        self.url.returnPressed.connect(self.connect_server)
        self.password.returnPressed.connect(self.connect_server)
        self.show_mode()

    def show_mode(self) -> None:
        from dpo_desk.store.server.target import load_profile, profile_path

        if self.ctx.server_mode:
            label = self.ctx.db.label  # type: ignore[union-attr]
            text = f"Diese Sitzung arbeitet auf dem Server {label}, angemeldet als "
            text += f"{self.ctx.actor}."
        else:
            text = f"Diese Sitzung arbeitet mit der lokalen Datei {self.ctx.paths.database}."
        try:
            saved = load_profile(self.ctx.paths.data_dir)
        except Exception as exc:  # a damaged profile: say so, offer to remove it
            saved = None
            text += f" {exc}"
        if saved is not None:
            text += f" Gespeichertes Serverprofil: {saved.label}."
            self.url.setText(saved.display_url())
        self.local_button.setEnabled(profile_path(self.ctx.paths.data_dir).exists())
        self.mode.setText(text)

    def connect_server(self) -> None:
        from dpo_desk.services.users.connection import connect
        from dpo_desk.store.errors import DatabaseError

        address = self.url.text().strip()
        if not address:
            self.message.setText("Bitte die Server-Adresse eingeben.")
            self.url.setFocus()
            return
        try:
            done = connect(
                self.ctx.paths.data_dir,
                address,
                self.password.text() or None,
                keep_password=self.keep.isChecked(),
            )
        except DatabaseError as exc:
            self.message.setText(str(exc))
            return
        finally:
            self.password.clear()
        notes = " ".join(done.notes)
        self.message.setText(
            f"Verbunden mit {done.target.label} als {done.actor}. {RESTART} {notes}".strip()
        )
        self.show_mode()

    def use_local_file(self) -> None:
        from dpo_desk.services.users.connection import disconnect
        from dpo_desk.store.errors import DatabaseError

        try:
            removed = disconnect(self.ctx.paths.data_dir)
        except DatabaseError as exc:
            self.message.setText(str(exc))
            return
        self.url.clear()
        if removed is not None:
            self.message.setText(f"Serverprofil {removed.label} entfernt. {RESTART}")
        self.show_mode()
