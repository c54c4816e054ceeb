"""Personen & Rollen: the DPO's page for people, their roles per school and their accounts
(server mode; the same as ``dpo-desk user …``).

The page only offers; the services decide (``services.users.accounts``): a person without
the right to manage people sees the list of what she may see but every change is refused
in German, and the server's own policies refuse again. On the laptop (one local file, one
person) there is nobody to manage: the page says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.access import Right
from dpo_desk.services.changes import Area
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.users.dialogs import PasswordDialog, PersonDialog, RoleDialog

COLUMNS = ("Anmeldename", "Name", "Funktion", "Rollen", "Konto")
LOCAL_TEXT = (
    "Personen und Rollen gibt es im Servermodus: Dort meldet sich jede Person mit eigenem "
    "Namen an und hat je Schule eine Rolle (Datenschutzbeauftragte/r, Schulleitung, "
    "Sekretariat, Lesen). Diese Arbeitsstation nutzt die lokale Datei; alles, was Sie hier "
    "tun, gilt für Sie allein. Einrichtung des Servers: siehe docs/SERVER.md."
)


class UsersPage(Page):
    title = "Personen & Rollen"
    object_name = "usersPage"
    areas = frozenset({Area.USERS, Area.SCHOOLS})

    def __init__(self, ctx, signals) -> None:
        super().__init__(ctx, signals)
        self.users: list = []  # UserInfo, in table order
        self.dialog: QWidget | None = None  # the dialog open now (tests drive it)
        self.intro = QLabel()
        self.intro.setObjectName("usersIntro")
        self.intro.setTextFormat(Qt.PlainText)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("usersTable")
        self.table.setAccessibleName("Personen")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        self.add_button = self._button("Person &anlegen …", "addPersonButton", self._add)
        self.grant_button = self._button("Rolle &vergeben …", "grantRoleButton", self._grant)
        self.revoke_button = self._button("Rolle ent&ziehen …", "revokeRoleButton", self._revoke)
        self.lock_button = self._button("&Sperren", "lockPersonButton", self._toggle_active)
        self.password_button = self._button(
            "&Passwort setzen …", "setPasswordButton", self._password
        )
        for button in (
            self.add_button,
            self.grant_button,
            self.revoke_button,
            self.lock_button,
            self.password_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def _button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").replace(" …", ""))
        button.clicked.connect(slot)
        return button

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        from dpo_desk.services.users.accounts import list_users

        server = self.ctx.server_mode
        self.table.setVisible(server)
        if not server:
            self.users = []
            self.intro.setText(LOCAL_TEXT)
            self._update_buttons()
            return
        manages = self.ctx.may(Right.USERS)
        self.intro.setText(
            "Personen mit Zugang zu dieser Datenbank und ihre Rolle je Schule. "
            + (
                "Änderungen gelten sofort; jede steht im Änderungsprotokoll."
                if manages
                else "Personen und Rollen verwalten dürfen nur Datenschutzbeauftragte."
            )
        )
        chosen = self.selected()
        self.users = list_users(self.ctx)
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            roles = "; ".join(f"{school}: {role}" for school, role in user.roles)
            if user.administrator:
                roles = "Administration (alle Schulen)" + (f"; {roles}" if roles else "")
            cells = (
                user.login,
                user.display_name,
                user.function,
                roles,
                "aktiv" if user.active else "gesperrt",
            )
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if chosen is not None:
            self.select(chosen.login)
        self._update_buttons()

    def selected(self):  # type: ignore[no-untyped-def]
        """The UserInfo of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def select(self, login: str) -> None:
        for row, user in enumerate(self.users):
            if user.login == login:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        manages = self.ctx.server_mode and self.ctx.may(Right.USERS)
        person = self.selected()
        self.add_button.setEnabled(manages)
        for button in (self.grant_button, self.revoke_button, self.lock_button):
            button.setEnabled(manages and person is not None)
        self.password_button.setEnabled(self.ctx.server_mode and person is not None)
        self.lock_button.setText(
            self.tr("Ent&sperren") if person is not None and not person.active else "&Sperren"
        )

    # --- changing -----------------------------------------------------------------------

    def _open(self, dialog: QWidget, on_ok) -> None:  # type: ignore[no-untyped-def]
        self.dialog = dialog
        dialog.accepted.connect(on_ok)
        dialog.open()

    def _run(self, work, login: str) -> None:  # type: ignore[no-untyped-def]
        if self.operations.run(work, parent=self, initiator=self) is not None:
            self.reload()
            self.select(login)

    def _schools(self) -> list[tuple[int, str]]:
        from dpo_desk.services.schools import list_schools

        return [(school.id, school.name) for school in list_schools(self.ctx)]

    def _add(self) -> None:
        from dpo_desk.services.users import accounts

        dialog = PersonDialog(self, self.ctx.access.administrator)

        def create() -> None:
            login = dialog.login.text().strip().lower()
            self._run(
                lambda: accounts.add_user(
                    self.ctx,
                    login,
                    dialog.display_name.text(),
                    dialog.password.text(),
                    function=dialog.function.text(),
                    administrator=dialog.administrator.isChecked(),
                ),
                login,
            )

        self._open(dialog, create)

    def _grant(self, *, with_role: bool = True) -> None:
        from dpo_desk.services.users import accounts

        person = self.selected()
        if person is None:
            return
        label = f"{person.display_name} ({person.login})"
        dialog = RoleDialog(self, label, self._schools(), self.school_id, with_role=with_role)

        def change() -> None:
            school_id = dialog.chosen_school()
            assert school_id is not None
            if with_role:
                role = dialog.chosen_role()
                self._run(
                    lambda: accounts.grant(self.ctx, person.login, school_id, role), person.login
                )
            else:
                self._run(lambda: accounts.revoke(self.ctx, person.login, school_id), person.login)

        self._open(dialog, change)

    def _revoke(self) -> None:
        self._grant(with_role=False)

    def _toggle_active(self) -> None:
        from dpo_desk.services.users import accounts

        person = self.selected()
        if person is not None:
            self._run(
                lambda: accounts.set_active(self.ctx, person.login, not person.active),
                person.login,
            )

    def _password(self) -> None:
        from dpo_desk.services.users import accounts

        person = self.selected()
        if person is None:
            return
        dialog = PasswordDialog(self, f"{person.display_name} ({person.login})")

        def change() -> None:
            secret = dialog.password.text()
            self._run(
                lambda: accounts.change_password(self.ctx, person.login, secret), person.login
            )

        self._open(dialog, change)
