"""``dpo-desk backup`` and ``dpo-desk check`` as a script or an administrator uses them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dpo_desk.cli import main

# The local file only (backups, keys, the lock file, SQLite's own locking).
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def _run(data_dir: Path, *args: str, env: dict[str, str] | None = None):
    """The real command in a subprocess (exit code, stdout, stderr)."""
    environment = {k: v for k, v in os.environ.items() if k != "DPO_DESK_PASSPHRASE"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dpo_desk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_create_list_verify_restore(
    data_dir: Path, prepared, capsys: pytest.CaptureFixture[str]
) -> None:
    prepared.install("demo", data_dir)
    assert main(["backup", "create"]) == 0
    assert "Sicherung angelegt und geprüft" in capsys.readouterr().out
    assert main(["backup", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["schools"] == 2
    backup_file = data_dir / "backups" / listed[0]["key"]

    assert main(["backup", "verify", str(backup_file)]) == 0
    assert "in Ordnung" in capsys.readouterr().out

    add = ["school", "add", "--name", "Zwischenschule", "--state", "BE", "--street", "Weg 1"]
    assert main([*add, "--postcode", "10115", "--town", "Berlin"]) == 0
    assert main(["backup", "restore", str(backup_file)]) == 2  # no --yes, no terminal
    assert "--yes" in capsys.readouterr().err
    assert main(["backup", "restore", str(backup_file), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "zurückgespielt" in out
    assert main(["school", "list", "--format", "json"]) == 0
    names = [s["name"] for s in json.loads(capsys.readouterr().out)]
    assert "Zwischenschule" not in names and len(names) == 2


def test_verify_refuses_a_foreign_file_with_exit_3(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "fremd.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE rezepte (name TEXT)")
    conn.close()
    assert main(["backup", "verify", str(foreign)]) == 3
    assert "keine dpo_desk-Sicherung" in capsys.readouterr().err


def test_check_passes_and_fails_with_german_report(
    data_dir: Path, demo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    assert "in Ordnung" in capsys.readouterr().out
    conn = sqlite3.connect(data_dir / "dpo_desk.sqlite")
    with conn:
        conn.execute(
            "INSERT INTO audit_event (occurred_at, actor, entity_type, action, changes)"
            " VALUES ('2001-01-01 00:00:00', 'x', 'school', 'update', '{}')"
        )
    conn.close()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "Problem(e) gefunden" in err and "Reihenfolge" in err


def test_encrypted_database_from_a_script(data_dir: Path, tmp_path: Path, prepared) -> None:
    pytest.importorskip("sqlcipher3")
    from dpo_desk.app import open_app
    from dpo_desk.services.safety.encryption import change_passphrase

    prepared.install("demo", data_dir)
    ctx = open_app(str(data_dir))
    change_passphrase(ctx, "Schulhof-Geheimnis")
    ctx.db.close()

    locked = _run(data_dir, "school", "list")
    assert locked.returncode == 1
    assert "verschlüsselt" in locked.stderr and "--passphrase-file" in locked.stderr

    wrong = _run(data_dir, "school", "list", env={"DPO_DESK_PASSPHRASE": "falsch-falsch"})
    assert wrong.returncode == 1 and "Passphrase ist falsch" in wrong.stderr

    secret = tmp_path / "passphrase.txt"
    secret.write_text("Schulhof-Geheimnis\n", encoding="utf-8")
    secret.chmod(0o600)  # only the account running the script may read it
    listed = _run(data_dir, "--passphrase-file", str(secret), "school", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Lindenhof" in listed.stdout
    made = _run(data_dir, "backup", "create", env={"DPO_DESK_PASSPHRASE": "Schulhof-Geheimnis"})
    assert made.returncode == 0 and "verschlüsselt" in made.stdout
    checked = _run(data_dir, "--passphrase-file", str(secret), "check")
    assert checked.returncode == 0, checked.stderr
    log = (data_dir / "logs" / "dpo_desk.log").read_text(encoding="utf-8")
    assert "Schulhof-Geheimnis" not in log
