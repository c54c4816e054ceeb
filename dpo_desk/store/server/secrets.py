"""The server password in the operating system's credential store (``keyring``).

Windows Credential Manager, the macOS keychain or the Secret Service of a Linux desktop
keep it encrypted under the person's login; dpo_desk never writes it to a file. Where no
credential store exists (a server without a desktop, CI), ``load`` finds nothing and the
app asks for the password at start instead; ``store`` then says so in German.
"""

from __future__ import annotations

import logging

from dpo_desk.store.errors import DatabaseError

SERVICE = "dpo_desk"
log = logging.getLogger(__name__)


class CredentialStoreUnavailable(DatabaseError):
    """No usable credential store on this computer; the message is German."""


def load(key: str) -> str | None:
    """The stored password for ``key``, or None (nothing stored, or no store at all)."""
    try:
        import keyring

        return keyring.get_password(SERVICE, key)
    except Exception as exc:  # keyring.errors.KeyringError, D-Bus errors, a locked store
        log.info("credential store not usable: %s", type(exc).__name__)
        return None


def store(key: str, password: str) -> None:
    try:
        import keyring

        keyring.set_password(SERVICE, key, password)
    except Exception as exc:
        raise CredentialStoreUnavailable(
            "Das Passwort konnte nicht im Schlüsselbund des Betriebssystems gespeichert "
            f"werden ({type(exc).__name__}). Es wird stattdessen bei jedem Start abgefragt."
        ) from None


def forget(key: str) -> bool:
    try:
        import keyring

        keyring.delete_password(SERVICE, key)
        return True
    except Exception:
        return False
