"""Which file is a database at all, whether it is encrypted, and the key that opens it.

Every passphrase check goes through ``key_for`` (or ``unlock_key``), which keeps count of
wrong passphrases outside the database (``PassphraseAttempts``): while the pause after
the last wrong one runs, no key is even derived.
"""

from __future__ import annotations

from pathlib import Path

from dpo_desk.store import crypto
from dpo_desk.store.attempts import PassphraseAttempts, pause_message
from dpo_desk.store.crypto import SQLITE_HEADER, DatabaseKey
from dpo_desk.store.errors import (
    DatabaseError,
    EncryptionUnavailable,
    PassphrasePaused,
    PassphraseRequired,
    WrongPassphrase,
)

WRONG_MESSAGE = (
    "Die Passphrase ist falsch (oder die Datei ist beschädigt). Die Datenbank wurde nicht "
    "verändert."
)


def check_file(path: Path) -> None:
    """Refuse anything that is neither SQLite nor encrypted before SQLite touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if not path.is_file():
        raise DatabaseError(
            f"„{path}“ ist keine Datei (ein Ordner oder ein Gerät). Sie wurde nicht verändert."
        )
    try:
        header = crypto.file_header(path)
        encrypted = header != SQLITE_HEADER and crypto.looks_encrypted(path)
    except OSError as exc:
        raise DatabaseError(
            f"Die Datenbank „{path}“ kann nicht gelesen werden: {exc.strerror}."
        ) from exc
    if header != SQLITE_HEADER and not encrypted:
        raise DatabaseError(
            f"Die Datei „{path}“ ist keine dpo_desk-Datenbank (keine SQLite-Datei oder "
            "beschädigt). Sie wurde nicht verändert. Bitte eine Sicherung wiederherstellen "
            "oder einen anderen Datenordner wählen."
        )


def is_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` is (most likely) a SQLCipher-encrypted database."""
    try:
        return crypto.file_header(path) != SQLITE_HEADER and crypto.looks_encrypted(path)
    except OSError:
        return False


def matching_key(path: Path, passphrase: str, attempts: PassphraseAttempts) -> DatabaseKey:
    """The key ``passphrase`` gives for the encrypted file ``path``, counting a wrong one.

    Raises ``PassphrasePaused`` while the pause after wrong passphrases runs (nothing is
    derived then) and ``WrongPassphrase`` when it does not open the file.
    """
    wait = attempts.wait_seconds()
    if wait > 0:
        raise PassphrasePaused(pause_message(wait, attempts.failed), wait)
    for key in crypto.candidate_keys(passphrase, crypto.read_salt(path)):
        if crypto.key_opens(path, key):
            attempts.reset()
            return key
        key.wipe()
    attempts.record_failure()
    raise WrongPassphrase(WRONG_MESSAGE)


def key_for(
    path: Path, passphrase: str | None, attempts: PassphraseAttempts | None = None
) -> DatabaseKey | None:
    """The key that opens ``path``; None for a plain file. Raises the passphrase errors.

    A new (missing or empty) file gets a fresh key when a passphrase is given.
    """
    if not path.exists() or path.stat().st_size == 0:
        if not passphrase:
            return None
        if not crypto.crypto_available():
            raise EncryptionUnavailable(crypto.UNAVAILABLE_MESSAGE)
        return crypto.new_key(passphrase)
    check_file(path)
    if not is_encrypted(path):
        return None
    if not crypto.crypto_available():
        raise EncryptionUnavailable(
            f"Die Datenbank „{path}“ ist verschlüsselt, aber die Verschlüsselung ist auf "
            "diesem Rechner nicht verfügbar (Paket „sqlcipher3“ fehlt). Die Datei wurde "
            "nicht verändert."
        )
    if not passphrase:
        raise PassphraseRequired(
            f"Die Datenbank „{path}“ ist verschlüsselt. Bitte die Passphrase eingeben."
        )
    return matching_key(path, passphrase, attempts or PassphraseAttempts(path.parent))
