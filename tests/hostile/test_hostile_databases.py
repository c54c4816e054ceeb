"""The hostile database corpus (tests/hostile/databases.py): each file is refused by
``dpo-desk backup restore --yes`` with exit 3 and a German reason, the live database is
byte for byte unchanged and no file is left behind, each within its time limit. The same
files are refused by ``backup verify``; an altered live file is reported by ``check``."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.cli import main
from dpo_desk.store.crypto import crypto_available
from tests.hostile.databases import CASES, ENCRYPTED_CASES, make

SECONDS_PER_FILE = 60  # generous for a busy machine; each takes well under a second alone
ALL = sorted(CASES) + (sorted(ENCRYPTED_CASES) if crypto_available() else [])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def live(data_dir: Path, prepared) -> Path:
    """The data folder with the register demo as the live database (closed)."""
    prepared.install("register", data_dir)
    open_app(str(data_dir)).db.close()
    return data_dir


@pytest.mark.timeout(SECONDS_PER_FILE)
@pytest.mark.parametrize("case", ALL)
def test_hostile_database_is_refused_and_nothing_changes(
    case: str, live: Path, prepared, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = make(prepared.file("register"), tmp_path / "korpus", case)
    database = live / "dpo_desk.sqlite"
    before, files = _digest(database), _listing(live)
    code = main(["backup", "restore", str(hostile), "--yes"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "Fehler" in err and "Traceback" not in err
    assert _digest(database) == before
    assert _listing(live) == files
    assert main(["backup", "verify", str(hostile)]) == 3


@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("trigger-loescht-einwilligungen", "Trigger „leeren“"),
        ("fremde-sicht", "unerwartete Sicht (View) „alle“"),
        ("tabelle-fehlt", "Tabelle „dsfa_threshold“ fehlt"),
    ],
)
def test_check_reports_an_altered_live_file_and_a_backup_replaces_it(
    case: str, said: str, live: Path, prepared, tmp_path: Path, capsys
) -> None:
    assert main(["backup", "create"]) == 0
    good = next((live / "backups").glob("dpo_desk_*.sqlite"))
    database = live / "dpo_desk.sqlite"
    altered = make(prepared.file("register"), tmp_path, case)
    shutil.copyfile(altered, database)
    capsys.readouterr()
    assert main(["check"]) == 1
    assert said in capsys.readouterr().err
    assert main(["school", "list"]) == 1  # everyday commands refuse it
    assert "Sicherung zurückspielen" in capsys.readouterr().err
    assert main(["backup", "restore", str(good), "--yes"]) == 0
    assert main(["check"]) == 0
    kept = list((live / "backups").glob("*vor-wiederherstellung-beschaedigt*"))
    assert len(kept) == 1 and kept[0].read_bytes() == altered.read_bytes()


def test_a_stored_path_out_of_the_data_folder_is_never_read_or_deleted(
    live: Path, tmp_path: Path
) -> None:
    """The migration that moves contracts into the database reads only inside
    ``anhaenge``; the file the hostile path names stays untouched."""
    from dpo_desk.store.attachments import read_confined

    victim = live.parent / "opfer"
    victim.mkdir()
    (victim / "geheim.txt").write_text("geheim")
    root = live / "anhaenge"
    assert read_confined(root, "../../opfer/geheim.txt") is None
    assert read_confined(root, "/etc/passwd") is None
    (root / "vertraege").mkdir(parents=True)
    link = root / "vertraege" / "link.pdf"
    link.symlink_to(victim / "geheim.txt")
    assert read_confined(root, "vertraege/link.pdf") is None  # a symlink out counts too
    assert (victim / "geheim.txt").read_text() == "geheim"


@pytest.mark.parametrize(
    "case", ["trigger-loescht-einwilligungen", "vertragspfad-nach-oben", "json-kaputt"]
)
def test_the_staging_copy_is_checked_itself(case: str, live: Path, prepared, tmp_path) -> None:
    """The checks run on the staging copy, not only on the file named: a file swapped after
    its verification is still refused before it replaces anything."""
    from dpo_desk.services.safety.check import invariant_problems
    from dpo_desk.store.errors import UntrustedDatabase
    from dpo_desk.store.staging import staged_copy

    hostile = make(prepared.file("register"), tmp_path, case)
    database = live / "dpo_desk.sqlite"
    before = _digest(database)
    with (
        pytest.raises(UntrustedDatabase, match="wurde nicht übernommen"),
        staged_copy(database, hostile, None, None, "test", invariants=invariant_problems),
    ):
        pytest.fail("a hostile file reached the swap")
    assert _digest(database) == before
    assert not [p for p in live.iterdir() if p.name.endswith(".tmp")]
