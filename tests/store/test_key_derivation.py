"""The product derives keys at full cost; only the test suite may make it cheap."""

from __future__ import annotations

import hashlib

import pytest

from dpo_desk.store import crypto

SALT = bytes(range(16))


def test_without_the_test_setting_keys_are_derived_at_full_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(crypto.TEST_CHEAP_KDF_ENV, raising=False)
    assert crypto.scrypt_cost() == crypto.SCRYPT_N >= 2**14
    expected = hashlib.scrypt(
        b"Lindenbl\xc3\xbcte-2026", salt=SALT, n=2**14, r=8, p=1, maxmem=64 << 20, dklen=32
    )
    assert crypto.derive_key("Lindenblüte-2026", SALT).key == expected


def test_the_cheap_setting_gives_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(crypto.TEST_CHEAP_KDF_ENV, raising=False)
    real = crypto.derive_key("Lindenblüte-2026", SALT)
    monkeypatch.setenv(crypto.TEST_CHEAP_KDF_ENV, "1")
    assert crypto.scrypt_cost() == crypto.TEST_SCRYPT_N
    assert crypto.derive_key("Lindenblüte-2026", SALT).key != real.key
