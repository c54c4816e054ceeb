"""Encryption at rest with SQLCipher: key derivation, keyed connections, file detection.

The passphrase is turned into a raw 256-bit key once per opening and every connection is
keyed with ``PRAGMA key = "x'<key><salt>'"`` as its very first statement, which keeps the
expensive key derivation out of every new connection. SQLCipher keeps the 16-byte salt in
the first bytes of the file, and with a raw key the salt is ours to choose: it carries the
key derivation's parameters, so every file (the database, each backup) says how its key is
derived, and a later version can raise the cost without a sidecar file:

    bytes 0-1  ``SALT_MAGIC``          bytes 3-5  log2(memory KiB), time cost, lanes
    byte  2    1 = Argon2id            bytes 6-15 random

Files written before that (scrypt, N=2^14, fully random salt) still open ("legacy") and are
re-keyed to Argon2id when opened with their passphrase (``DatabaseKey.outdated``).
Argon2id follows RFC 9106's second recommendation (64 MiB, 3 passes, 4 lanes): about as
expensive per guess as SQLCipher's own default (PBKDF2-HMAC-SHA512, 256,000 rounds) and
memory-hard. Neither passphrase nor key is ever written anywhere; the key lives only in the
``DatabaseKey`` object, whose ``repr`` hides it and whose bytes ``wipe()`` overwrites.

``sqlcipher3`` is optional. Without it plain databases work as before and
``crypto_available()`` is False ("Verschlüsselung nicht verfügbar").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
SALT_MAGIC = b"\xd9\x0d"
KDF_ARGON2ID = 1


@dataclass(frozen=True)
class Argon2Cost:
    """Argon2id parameters; ``memory_log2`` is log2 of the memory in KiB."""

    memory_log2: int
    time_cost: int
    lanes: int

    @property
    def memory_kib(self) -> int:
        return 1 << self.memory_log2

    def plausible(self) -> bool:
        """Bounds for a salt read from a file: a hostile header must not ask for 16 GiB."""
        return 3 <= self.memory_log2 <= 20 and 1 <= self.time_cost <= 16 and 1 <= self.lanes <= 8

    def at_least(self, other: Argon2Cost) -> bool:
        return (
            self.memory_log2 >= other.memory_log2
            and self.time_cost >= other.time_cost
            and self.lanes >= other.lanes
        )


# RFC 9106, second recommended option (also argon2-cffi's default profile).
ARGON2_COST = Argon2Cost(memory_log2=16, time_cost=3, lanes=4)
# Legacy scrypt (files written before Argon2id), kept to open and upgrade them.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
# Test-only: with this environment variable set to "1" new keys are derived cheaply, so that
# a test suite that encrypts, re-keys and unlocks hundreds of times runs in seconds. The
# cheap parameters are written into the salt like the real ones, so such a file still says
# how it was keyed. The product never sets it; the test suite sets it in tests/conftest.py,
# and tests/store/test_key_derivation.py checks that without it the real cost applies.
TEST_CHEAP_KDF_ENV = "DPO_DESK_TEST_CHEAP_KDF"
TEST_ARGON2_COST = Argon2Cost(memory_log2=3, time_cost=1, lanes=1)
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

    key: bytearray
    salt: bytes

    def pragma_value(self) -> str:
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    @property
    def outdated(self) -> bool:
        """Derived with the legacy scrypt or a weaker Argon2 cost than today's."""
        cost = salt_cost(self.salt)
        return cost is None or not cost.at_least(argon2_cost())

    def wipe(self) -> None:
        """Overwrite the key bytes (locking forgets the key)."""
        for index in range(len(self.key)):
            self.key[index] = 0

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


def _cheap() -> bool:
    return os.environ.get(TEST_CHEAP_KDF_ENV) == "1"


def scrypt_cost() -> int:
    """Legacy scrypt's N: the real cost, or the cheap test-only one."""
    return TEST_SCRYPT_N if _cheap() else SCRYPT_N


def argon2_cost() -> Argon2Cost:
    """The cost of new keys: the real one, or the cheap test-only one."""
    return TEST_ARGON2_COST if _cheap() else ARGON2_COST


def salt_cost(salt: bytes) -> Argon2Cost | None:
    """The Argon2id cost a salt carries; None for a legacy (scrypt) salt."""
    if len(salt) != SALT_BYTES or salt[:2] != SALT_MAGIC or salt[2] != KDF_ARGON2ID:
        return None
    cost = Argon2Cost(salt[3], salt[4], salt[5])
    return cost if cost.plausible() else None


def new_salt(cost: Argon2Cost | None = None) -> bytes:
    cost = cost or argon2_cost()
    head = SALT_MAGIC + bytes([KDF_ARGON2ID, cost.memory_log2, cost.time_cost, cost.lanes])
    return head + os.urandom(SALT_BYTES - len(head))


def _argon2(passphrase: str, salt: bytes, cost: Argon2Cost) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.lanes,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _scrypt(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=scrypt_cost(),
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=64 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


def derive_key(passphrase: str, salt: bytes) -> DatabaseKey:
    """The key for a file with ``salt``: Argon2id as the salt says, else legacy scrypt."""
    cost = salt_cost(salt)
    raw = _argon2(passphrase, salt, cost) if cost else _scrypt(passphrase, salt)
    return DatabaseKey(key=bytearray(raw), salt=salt)


def candidate_keys(passphrase: str, salt: bytes) -> Iterator[DatabaseKey]:
    """The keys to try for a file, derived one by one: a legacy scrypt salt may by chance
    start like ours (odds about 1 in 10^8), so such a file is also tried with scrypt."""
    yield derive_key(passphrase, salt)
    if salt_cost(salt) is not None:
        yield DatabaseKey(key=bytearray(_scrypt(passphrase, salt)), salt=salt)


def new_key(passphrase: str) -> DatabaseKey:
    """A key with a fresh salt at today's cost, for encrypting a file anew."""
    return derive_key(passphrase, new_salt())


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is not acceptable (German), or None."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"Die Passphrase muss mindestens {MIN_PASSPHRASE_LENGTH} Zeichen lang sein."
    if passphrase != passphrase.strip():
        return "Die Passphrase darf nicht mit Leerzeichen beginnen oder enden."
    return None


MAX_RETRY_DELAY_S = 300.0


def retry_delay(failed_attempts: int) -> float:
    """Seconds to wait after the n-th wrong passphrase: 0, 1, 2, 4, 8 ... at most 5 min."""
    if failed_attempts <= 1:
        return 0.0
    return min(MAX_RETRY_DELAY_S, float(2 ** min(failed_attempts - 2, 16)))


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


# A path is handed to SQLite as a URI: "?" and "#" in a folder name must not end it.
_URI_ESCAPES = str.maketrans({"%": "%25", "?": "%3f", "#": "%23"})


def connect(
    path: Path | str,
    key: DatabaseKey | None,
    *,
    readonly: bool = False,
    timeout: float = 5.0,
    use_cipher: bool = False,
    shared: bool = False,
) -> Any:
    """A DB-API connection: keyed SQLCipher when ``key`` is given, else plain SQLite.

    The key is set before anything else touches the file. ``use_cipher`` takes the
    SQLCipher module for a plain file too (needed to export it into an encrypted one).
    ``isolation_level=None``: transactions are begun explicitly by the caller.
    ``shared``: the connection may be used by another thread later (one at a time: the
    engine's pool hands it to one session at once).
    """
    target = "file:" + str(path).translate(_URI_ESCAPES) + ("?mode=ro" if readonly else "")
    if key is None and not use_cipher:
        conn = sqlite3.connect(
            target,
            uri=True,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=not shared,
        )
    else:
        module = cipher_module()
        if module is None:
            raise CryptoError(UNAVAILABLE_MESSAGE)
        conn = module.connect(
            target,
            uri=True,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=not shared,
        )
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f'PRAGMA key = "{key.pragma_value()}"')
            # Sorting and temporary tables stay in memory, never in a plain temporary file.
            conn.execute("PRAGMA temp_store = MEMORY")
    # A file from outside may carry views or triggers calling functions: never run those.
    conn.execute("PRAGMA trusted_schema = OFF")
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
