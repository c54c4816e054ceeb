"""The ways a database cannot be used; every message is German and says what to do.

``dpo_desk.store.database`` re-exports them; they live here so that the key, lock and
staging modules can raise them without importing the engine.
"""

from __future__ import annotations

import sqlite3
from typing import Any


class DatabaseError(Exception):
    """The database cannot be used as it is; the message is German and names the file."""


class PassphraseRequired(DatabaseError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not decrypt the file (or the file is damaged)."""


class PassphrasePaused(WrongPassphrase):
    """Too many wrong passphrases lately: the next try must wait ``seconds``."""

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class EncryptionUnavailable(DatabaseError):
    """The file is encrypted but SQLCipher (``sqlcipher3``) is not installed."""


class DatabaseBusy(DatabaseError):
    """Another window or program held the write lock longer than the busy timeout."""


class DatabaseFull(DatabaseError):
    """The disk (or the database's size limit) is full; the transaction was rolled back."""


class DatabaseInUse(DatabaseError):
    """Another window or process has the database open (restore, re-key refused), or holds
    it alone for such a step (opening refused)."""


class DatabaseLocked(DatabaseError):
    """The app is locked: the key is forgotten until the passphrase is entered again."""


class UntrustedDatabase(DatabaseError):
    """A database file failed the checks a file from outside must pass; it was not used."""


BUSY_MESSAGE = (
    "Die Datenbank ist gerade von einem anderen Fenster oder Programm belegt. Die Änderung "
    "wurde nicht gespeichert. Bitte in einigen Sekunden erneut versuchen."
)
FULL_MESSAGE = (
    "Der Datenträger mit dem Datenordner ist voll. Die Änderung wurde nicht gespeichert; "
    "die bisherigen Daten sind unverändert. Bitte Platz schaffen und erneut versuchen."
)
IN_USE_MESSAGE = (
    "Die Datenbank ist noch in einem anderen Fenster oder von einem anderen Programm "
    "geöffnet. Bitte dieses schließen und den Vorgang erneut starten. Es wurde nichts "
    "verändert."
)
HELD_MESSAGE = (
    "Die Datenbank wird gerade von einem anderen Fenster wiederhergestellt oder neu "
    "verschlüsselt. Bitte warten, bis das abgeschlossen ist, und dann erneut öffnen."
)
LOCKED_MESSAGE = (
    "dpo_desk ist gesperrt. Bitte zuerst mit der Passphrase entsperren; es wurde nichts "
    "gelesen oder gespeichert."
)


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def is_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database or disk is full" in text or "disk i/o error" in text


def is_db_error(exc: BaseException) -> bool:
    """An sqlite3 or sqlcipher3 ``DatabaseError`` (corrupt file, not a database, ...)."""
    from dpo_desk.store.crypto import cipher_module

    module: Any = cipher_module()
    kinds: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,)
    if module is not None:
        kinds += (module.DatabaseError,)
    return isinstance(exc, kinds)
