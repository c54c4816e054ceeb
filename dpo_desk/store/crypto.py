"""Encryption at rest with SQLCipher: key derivation, keyed connections, file detection.

The passphrase is turned into a raw 256-bit key once per opening (scrypt over the salt that
SQLCipher keeps in the first 16 bytes of every encrypted file), and every connection is
keyed with ``PRAGMA key = "x'<key><salt>'"`` as its very first statement. That keeps the
expensive key derivation out of every new connection, so an encrypted database starts
about as fast as a plain one. Neither passphrase nor key is ever written anywhere: the key
lives only in the ``DatabaseKey`` object in memory, whose ``repr`` hides it.

``sqlcipher3`` is optional. Without it plain databases work as before and
``crypto_available()`` is False ("Verschlüsselung nicht verfügbar").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
# scrypt, memory-hard (16 MiB per guess); about 50 ms on a school laptop.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
# Test-only: with this environment variable set to "1" the key derivation is cheap (N=2^4),
# so that a test suite that encrypts, re-keys and unlocks hundreds of times runs in seconds.
# A file keyed that way opens only with the same setting. The product never sets it; the
# test suite sets it in tests/conftest.py, and tests/store/test_key_derivation.py checks
# that without it the real cost applies.
TEST_CHEAP_KDF_ENV = "DPO_DESK_TEST_CHEAP_KDF"
TEST_SCRYPT_N = 2**4
MIN_PASSPHRASE_LENGTH = 8
MAX_ATTEMPTS = 5
UNAVAILABLE_MESSAGE = (
    "Verschlüsselung nicht verfügbar: Das Paket „sqlcipher3“ ist nicht installiert. "
    "Die Datenbank wird unverschlüsselt gespeichert."
)


class CryptoError(Exception):
    """Base of the encryption errors; messages are German."""


@dataclass(frozen=True)
class DatabaseKey:
    """The raw key of one encrypted file and the salt it was derived with."""

    key: bytes = field(repr=False)
    salt: bytes

    def pragma_value(self) -> str:
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def __repr__(self) -> str:  # never show the key, not even in a traceback
        return "DatabaseKey(<verborgen>)"


def cipher_module() -> ModuleType | None:
    """``sqlcipher3.dbapi2`` when installed, else None."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return None
    return dbapi2


def crypto_available() -> bool:
    return cipher_module() is not None


def scrypt_cost() -> int:
    """scrypt's N: the real cost, or the cheap test-only one (see ``TEST_CHEAP_KDF_ENV``)."""
    return TEST_SCRYPT_N if os.environ.get(TEST_CHEAP_KDF_ENV) == "1" else SCRYPT_N


def derive_key(passphrase: str, salt: bytes) -> DatabaseKey:
    raw = hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=scrypt_cost(),
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=64 * 1024 * 1024,
        dklen=KEY_BYTES,
    )
    return DatabaseKey(key=raw, salt=salt)


def new_key(passphrase: str) -> DatabaseKey:
    """A key with a fresh random salt, for encrypting a file anew."""
    return derive_key(passphrase, os.urandom(SALT_BYTES))


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is not acceptable (German), or None."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"Die Passphrase muss mindestens {MIN_PASSPHRASE_LENGTH} Zeichen lang sein."
    if passphrase != passphrase.strip():
        return "Die Passphrase darf nicht mit Leerzeichen beginnen oder enden."
    return None


def retry_delay(failed_attempts: int) -> float:
    """Seconds to wait after the n-th wrong passphrase: 0, 1, 2, 4, 8 ..."""
    if failed_attempts <= 1:
        return 0.0
    return float(2 ** (failed_attempts - 2))


def file_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def looks_encrypted(path: Path) -> bool:
    """True for a file that is no plain SQLite but has the shape of a SQLCipher file.

    SQLCipher files are whole pages (multiples of 512 bytes) of random-looking bytes; a
    letter or a truncated copy is not, so those are still reported as "not a database".
    """
    if not path.exists():
        return False
    size = path.stat().st_size
    if size < 1024 or size % 512:
        return False
    head = file_header(path)
    if head == SQLITE_HEADER:
        return False
    with path.open("rb") as handle:
        sample = handle.read(256)
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in sample)
    return printable < len(sample) * 0.8


def read_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def connect(
    path: Path | str,
    key: DatabaseKey | None,
    *,
    readonly: bool = False,
    timeout: float = 5.0,
    use_cipher: bool = False,
) -> Any:
    """A DB-API connection: keyed SQLCipher when ``key`` is given, else plain SQLite.

    The key is set before anything else touches the file. ``use_cipher`` takes the
    SQLCipher module for a plain file too (needed to export it into an encrypted one).
    ``isolation_level=None``: transactions are begun explicitly by the caller.
    """
    target = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    if key is None and not use_cipher:
        return sqlite3.connect(target, uri=True, timeout=timeout, isolation_level=None)
    module = cipher_module()
    if module is None:
        raise CryptoError(UNAVAILABLE_MESSAGE)
    conn = module.connect(target, uri=True, timeout=timeout, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f'PRAGMA key = "{key.pragma_value()}"')
        # Sorting and temporary tables stay in memory, never in a plain temporary file.
        conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def key_opens(path: Path, key: DatabaseKey) -> bool:
    """Whether ``key`` decrypts the file (reads page 1; writes nothing)."""
    module = cipher_module()
    if module is None:
        raise CryptoError(UNAVAILABLE_MESSAGE)
    try:
        conn = connect(path, key, readonly=True)
    except module.DatabaseError:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except module.DatabaseError:
        return False
    finally:
        conn.close()
