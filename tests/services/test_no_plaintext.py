"""No plaintext left behind: after setting a passphrase not one file under the data folder
or any backup folder the app has used holds a name, even when the process setting it was
killed half-way, and even with a half-written backup of a killed process lying around.

Each step greps every file's bytes for the names; the passphrase is set by a real process
that is killed (SIGKILL) after a random number of confirmed steps, and the next opening
finishes what it left (the journal).
"""

from __future__ import annotations

import random
import signal
import subprocess
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.services import settings
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.safety import backup
from dpo_desk.services.safety.encryption import encryption_status
from dpo_desk.services.schools import create_school
from dpo_desk.store.errors import WrongPassphrase
from dpo_desk.store.keys import is_encrypted
from tests.conftest import TEST_PERSON, sample_profile
from tests.store.worker_process import start_worker

pytest.importorskip("sqlcipher3")
pytestmark = [pytest.mark.no_database, pytest.mark.sqlite_only]  # the local file only

PASS = "Kein-Klartext-2026"
NAMES = ("Zwiebelfisch", "Quappendorf", "Schlehdornweg")
SCENARIOS = 2


def _worker(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return start_worker(data_dir, *args)


def _kill_after(proc: subprocess.Popen[str], steps: int) -> None:
    assert proc.stdout is not None
    for _ in range(steps):
        line = proc.stdout.readline()
        if not line.startswith("ok"):
            break  # finished (or failed) before that many steps
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)


def _files(folders: list[Path]) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def _with_names(folders: list[Path]) -> list[str]:
    found = []
    for path in _files(folders):
        data = path.read_bytes()
        if any(name.encode() in data for name in NAMES):
            found.append(str(path))
    return found


def _setup(data_dir: Path, elsewhere: Path) -> None:
    """A plain database; backups in the default folder and in one used before; a contract
    copy for a viewer; a half-written backup of a killed process in the old folder."""
    ctx = open_app(str(data_dir))
    settings.set_person(ctx, *TEST_PERSON)
    school = create_school(ctx, sample_profile(name="Grundschule Schlehdornweg"))
    roster = data_dir.parent / "liste.csv"
    rows = [f"{last};Kim;01.03.2015;5a" for last in NAMES[:2]]
    roster.write_text("\n".join(["Nachname;Vorname;Geburtsdatum;Klasse", *rows]) + "\n")
    apply_import(ctx, prepare_import(ctx, school.id, roster))
    roster.unlink()
    backup.create_backup(ctx)
    elsewhere.mkdir()
    backup.set_backup_folder(ctx, str(elsewhere))
    backup.create_backup(ctx)
    backup.set_backup_folder(ctx, "")
    ctx.db.close()
    _kill_after(_worker(data_dir, "half-backup", str(elsewhere)), 1)
    assert any(p.name.endswith(".tmp") for p in elsewhere.iterdir())


def _open(data_dir: Path):
    try:
        return open_app(str(data_dir), PASS)
    except WrongPassphrase:
        return open_app(str(data_dir))


@pytest.mark.parametrize("scenario", range(SCENARIOS))
def test_no_name_survives_setting_a_passphrase_with_kills_in_between(
    data_dir: Path, tmp_path: Path, scenario: int
) -> None:
    elsewhere = tmp_path / "usb-stick"
    folders = [data_dir, elsewhere]
    _setup(data_dir, elsewhere)
    assert _with_names(folders)  # plain text everywhere so far, the orphan included
    rng = random.Random(100 + scenario)
    for _attempt in range(4):
        _kill_after(_worker(data_dir, "encrypt", PASS), rng.randint(0, 4))
        ctx = _open(data_dir)  # the next start: orphans removed, journal finished
        encrypted = ctx.db.encrypted
        status = encryption_status(ctx)
        ctx.db.close()
        if encrypted:
            assert _with_names(folders) == []
            assert status.complete, status.message
            break
    else:
        proc = _worker(data_dir, "encrypt", PASS)
        proc.communicate(timeout=120)
    assert is_encrypted(data_dir / "dpo_desk.sqlite")
    assert _with_names(folders) == []
