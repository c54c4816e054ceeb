"""Without the SQLCipher package the app still runs, unencrypted, and says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dpo_desk.app import open_app

ROOT = Path(__file__).resolve().parents[2]

WITHOUT_SQLCIPHER = """
import sys
sys.modules["sqlcipher3"] = None  # as on a machine where the package cannot be installed
from dpo_desk.app import open_app
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.safety.backup import create_backup
from dpo_desk.services.safety.encryption import change_passphrase, encryption_status
from dpo_desk.store.database import DatabaseError

plain, encrypted = sys.argv[1], sys.argv[2]
ctx = open_app(plain)
print(encryption_status(ctx).message)
print("Sicherung", create_backup(ctx).encrypted)
try:
    change_passphrase(ctx, "eine-lange-passphrase")
except ValidationError as exc:
    print(exc)
try:
    open_app(encrypted, "eine-lange-passphrase")
except DatabaseError as exc:
    print(type(exc).__name__, exc)
"""


def test_app_runs_unencrypted_and_reports_it(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    encrypted = tmp_path / "verschluesselt"
    ctx = open_app(str(encrypted), "eine-lange-passphrase")
    ctx.db.close()
    before = ctx.paths.database.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", WITHOUT_SQLCIPHER, str(tmp_path / "klar"), str(encrypted)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Verschlüsselung nicht verfügbar")
    assert lines[1] == "Sicherung False"
    assert lines[2].startswith("Verschlüsselung nicht verfügbar")
    assert lines[3].startswith("EncryptionUnavailable") and "sqlcipher3" in lines[3]
    assert ctx.paths.database.read_bytes() == before
