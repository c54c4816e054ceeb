"""The product derives keys at full cost (Argon2id, RFC 9106); only the test suite may make
it cheap. Files keyed with the legacy scrypt still open and are upgraded on opening."""

from __future__ import annotations

import hashlib

import pytest
from argon2.low_level import Type, hash_secret_raw

from dpo_desk.store import crypto

SALT = bytes(range(16))
PASS = "Lindenblüte-2026"


def test_without_the_test_setting_new_keys_cost_what_rfc_9106_recommends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(crypto.TEST_CHEAP_KDF_ENV, raising=False)
    assert crypto.argon2_cost() == crypto.ARGON2_COST
    key = crypto.new_key(PASS)
    cost = crypto.salt_cost(key.salt)
    assert cost is not None and cost.memory_kib == 64 * 1024
    assert (cost.time_cost, cost.lanes) == (3, 4)
    expected = hash_secret_raw(
        PASS.encode(),
        key.salt,
        time_cost=3,
        memory_cost=65536,
        parallelism=4,
        hash_len=32,
        type=Type.ID,
    )
    assert bytes(key.key) == expected
    assert not key.outdated
    # The salt keeps 10 random bytes: two new keys never share one.
    assert crypto.new_salt() != crypto.new_salt()


def test_the_cheap_setting_is_written_into_the_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(crypto.TEST_CHEAP_KDF_ENV, "1")
    cheap = crypto.new_key(PASS)
    assert crypto.salt_cost(cheap.salt) == crypto.TEST_ARGON2_COST
    monkeypatch.delenv(crypto.TEST_CHEAP_KDF_ENV)
    # The file says how it was keyed, so it opens without the setting too ...
    assert crypto.derive_key(PASS, cheap.salt).key == cheap.key
    # ... and counts as outdated, so the product re-keys it at full cost.
    assert cheap.outdated


def test_legacy_scrypt_salts_derive_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(crypto.TEST_CHEAP_KDF_ENV, raising=False)
    assert crypto.scrypt_cost() == crypto.SCRYPT_N >= 2**14
    expected = hashlib.scrypt(
        b"Lindenbl\xc3\xbcte-2026", salt=SALT, n=2**14, r=8, p=1, maxmem=64 << 20, dklen=32
    )
    key = crypto.derive_key(PASS, SALT)
    assert bytes(key.key) == expected and key.outdated


def test_a_hostile_salt_cannot_ask_for_gigabytes() -> None:
    salt = crypto.SALT_MAGIC + bytes([crypto.KDF_ARGON2ID, 30, 3, 4]) + bytes(10)
    assert crypto.salt_cost(salt) is None  # treated as a legacy salt, never as 1 TiB


def test_wiping_forgets_the_key() -> None:
    key = crypto.derive_key(PASS, crypto.new_salt(crypto.TEST_ARGON2_COST))
    key.wipe()
    assert not any(key.key)
    assert "verborgen" in repr(key)
