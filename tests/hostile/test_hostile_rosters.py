"""The hostile roster corpus (tests/hostile/rosters.py): each file is refused by
``dpo-desk roster import`` with exit 3 and a German message, the database is byte for byte
unchanged, and each is done within its time limit (a FIFO, ``/dev/zero`` or a zip bomb
would otherwise block, never end or fill the memory)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dpo_desk.app import open_app
from dpo_desk.cli import main
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile
from tests.hostile.rosters import CASES, make

SECONDS_PER_FILE = 30  # generous for a busy machine; each takes well under a second alone


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def school_template(tmp_path_factory: pytest.TempPathFactory, prepared) -> Path:
    """A data folder with one school, made once and copied for each file."""
    folder = tmp_path_factory.mktemp("schule") / "daten"
    prepared.install("empty", folder)
    ctx = open_app(str(folder))
    create_school(ctx, sample_profile())
    ctx.db.close()
    return folder


@pytest.fixture
def school_folder(data_dir: Path, school_template: Path) -> Path:
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.copytree(school_template, data_dir)
    return data_dir


@pytest.mark.timeout(SECONDS_PER_FILE)
@pytest.mark.no_database
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_roster_is_refused_and_nothing_written(
    case: str, school_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path / "korpus", case)
    database = school_folder / "dpo_desk.sqlite"
    before = _digest(database)
    code = main(["roster", "import", str(path)])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "Fehler" in err and "Traceback" not in err
    assert _digest(database) == before
    assert not Path(f"{database}-wal").exists()
    assert not list((school_folder / "backups").glob("*"))  # not even a backup "vor-import"


@pytest.mark.parametrize(
    ("name", "content"),
    [("gut.csv", None), ("gut.xlsx", "xlsx")],
)
def test_the_corpus_starts_from_files_that_import(
    name: str, content: str | None, school_folder: Path, tmp_path: Path
) -> None:
    """The hostile files are variations of these two, which import fine: a refusal in the
    corpus is about what was changed, not about a broken base."""
    from tests.hostile import xlsx_parts
    from tests.hostile.rosters import GOOD, HEADER

    path = tmp_path / name
    if content == "xlsx":
        path.write_bytes(xlsx_parts.normal())
    else:
        path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    assert main(["roster", "import", str(path)]) == 0
