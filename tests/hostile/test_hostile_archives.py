"""The hostile archive corpus (tests/hostile/archives.py): each archive is refused by
``dpo-desk import`` with exit 3 and a German message, within its time limit, and the
database is byte for byte unchanged (nothing half-imported)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.cli import main
from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.register import contracts
from tests.hostile.archives import CASES, make, special_files

SECONDS_PER_FILE = 60  # generous for a busy machine; each takes well under a second alone


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, prepared) -> tuple[bytes, Path]:
    """A good archive of the demo (with a contract as attachment), and a data folder with
    the demo (closed), made once."""
    folder = tmp_path_factory.mktemp("archiv") / "daten"
    prepared.install("demo", folder)
    ctx = open_app(str(folder))
    try:
        from dpo_desk.services.schools import find_school

        school = find_school(ctx, "199001")
        processor = next(iter(_processors(ctx, school.id)))
        contract = folder.parent / "avv.pdf"
        contract.write_bytes(b"%PDF-1.4 unterschriebener Vertrag")
        contracts.attach_contract(ctx, processor, contract)
        archive = export_school(ctx, school.id, folder.parent / "gut.zip").path
    finally:
        ctx.db.close()
    return archive.read_bytes(), folder


def _processors(ctx, school_id: int) -> list[int]:
    from dpo_desk.services.register.processors import list_processors

    return [p.id for p in list_processors(ctx, school_id)]


@pytest.fixture
def live(data_dir: Path, good) -> Path:
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(good[1], data_dir)
    return data_dir


def test_the_good_archive_is_accepted(live: Path, good, tmp_path: Path, capsys) -> None:
    path = tmp_path / "gut.zip"
    path.write_bytes(good[0])
    assert main(["import", str(path), "--school", "199001", "--dry-run"]) == 0
    assert "unverändert" in capsys.readouterr().err


@pytest.mark.timeout(SECONDS_PER_FILE)
@pytest.mark.no_database
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_archive_is_refused_and_nothing_written(
    case: str, live: Path, good, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(good[0], tmp_path / "korpus", case)
    database = live / "dpo_desk.sqlite"
    before = _digest(database)
    code = main(["import", str(path), "--school", "199001", "--on-conflict", "replace"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert ("Fehler" in err and "nicht importiert" in err) or "nichts verändert" in err, err
    assert "Traceback" not in err
    assert _digest(database) == before
    assert not Path(f"{database}-wal").exists()


@pytest.mark.timeout(SECONDS_PER_FILE)
@pytest.mark.no_database
def test_a_folder_or_a_pipe_is_refused(live: Path, tmp_path: Path, capsys) -> None:
    for path in special_files(tmp_path / "sonder").values():
        assert main(["import", str(path)]) == 3
        assert "keine gewöhnliche Datei" in capsys.readouterr().err or path.is_dir()


@pytest.mark.timeout(SECONDS_PER_FILE)
@pytest.mark.no_database
@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("anlage-zu-gross", "größer als erlaubt"),
        ("anlage-eines-eintrags-fehlt", "Anlage"),
        ("datenpanne-datum-gibt-es-nicht", "breaches/0/aware_at: ist kein gültiges Datum"),
        ("datenpanne-datum-text", "breaches/0/aware_at"),
        ("anfrage-datum", "requests/0/received_on"),
        ("dsfa-plan-datum", "/due_on: hat nicht die erwartete Form"),
    ],
)
def test_the_message_names_the_broken_place(
    case: str, said: str, live: Path, good, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(good[0], tmp_path / "korpus", case)
    assert main(["import", str(path), "--school", "199001"]) == 3
    assert said in capsys.readouterr().err
