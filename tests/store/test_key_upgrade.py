"""Files keyed with the legacy scrypt (before Argon2id) still open with their passphrase,
and the opening re-keys them and their backups to Argon2id."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from dpo_desk.app import open_app
from dpo_desk.core.people import SYSTEM_ACTOR
from dpo_desk.services.safety import backup
from dpo_desk.services.schools import create_school, list_schools
from dpo_desk.store import crypto
from dpo_desk.store.backup import copy_database, verify_backup
from dpo_desk.store.models import AuditEvent
from tests.conftest import sample_profile

pytest.importorskip("sqlcipher3")
pytestmark = [pytest.mark.no_database, pytest.mark.sqlite_only]  # the local file only

PASS = "Alte-Passphrase-2025"


def _legacy_key() -> crypto.DatabaseKey:
    salt = os.urandom(crypto.SALT_BYTES)
    while crypto.salt_cost(salt) is not None:  # a random salt, as scrypt files had
        salt = os.urandom(crypto.SALT_BYTES)
    return crypto.DatabaseKey(key=bytearray(crypto._scrypt(PASS, salt)), salt=salt)


def test_a_scrypt_file_opens_and_is_upgraded_with_its_backups(data_dir: Path) -> None:
    ctx = open_app(str(data_dir))
    with ctx.acting_as("Alte Version"):  # an older version never asked who is working
        create_school(ctx, sample_profile())
    plain_backup = backup.create_backup(ctx).path
    ctx.db.close()
    legacy = _legacy_key()
    for path in (data_dir / "dpo_desk.sqlite", plain_backup):  # as an older version wrote
        keyed = path.with_name(path.name + ".neu")
        copy_database(path, None, keyed, legacy)
        keyed.replace(path)
    assert crypto.read_salt(data_dir / "dpo_desk.sqlite") == legacy.salt

    ctx = open_app(str(data_dir), PASS)
    try:
        assert [s.name for s in list_schools(ctx)] == ["Testschule am See"]
        assert ctx.db.key is not None and not ctx.db.key.outdated
        salt = crypto.read_salt(data_dir / "dpo_desk.sqlite")
        assert crypto.salt_cost(salt) == crypto.argon2_cost()
        assert crypto.read_salt(plain_backup) == salt  # the backup follows
        assert verify_backup(plain_backup, ctx.db.key).counts["schools"] == 1
        # Nobody has said who is working yet: the log names the app, the opening succeeds.
        with ctx.reading() as session:
            actors = session.scalars(
                select(AuditEvent.actor).where(AuditEvent.action == "key_derivation")
            ).all()
        assert actors == [SYSTEM_ACTOR]
    finally:
        ctx.db.close()
    open_app(str(data_dir), PASS).db.close()  # and opens again
