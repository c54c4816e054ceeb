"""Opening a server database from the window: sign in, keep the password if wanted."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from dpo_desk.services.context import ServiceContext
from dpo_desk.store.server.target import ServerTarget
from dpo_desk.ui.users.sign_in import SignInDialog


def open_server_gui(
    data_dir: str | None, database_url: str | None, target: ServerTarget, parent: QWidget | None
) -> ServiceContext | None:
    """Sign in with the stored password, else ask; None when the person cancels.
    Every other ``DatabaseError`` (unreachable, newer schema, no account) propagates."""
    from dpo_desk.app import open_app
    from dpo_desk.store.server import secrets
    from dpo_desk.store.server.errors import PasswordNeeded, SignInFailed

    try:
        return open_app(data_dir, database_url=database_url)
    except (PasswordNeeded, SignInFailed):
        pass
    opened: list[ServiceContext] = []

    def attempt(password: str, keep: bool) -> str | None:
        try:
            opened.append(open_app(data_dir, database_url=database_url, password=password))
        except SignInFailed as exc:
            return str(exc)
        if keep:
            try:
                secrets.store(target.secret_key, password)
            except secrets.CredentialStoreUnavailable as exc:
                QMessageBox.information(parent, "dpo_desk", str(exc))
        return None

    SignInDialog(target.label, attempt, parent).exec()
    return opened[0] if opened else None
