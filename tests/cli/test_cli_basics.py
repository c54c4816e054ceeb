"""The command line as a script would use it: exit codes, formats, German messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dpo_desk import __version__
from dpo_desk.cli import main


def run(*args: str) -> int:
    return main(list(args))


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        run("--version")
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.both_backends
def test_school_add_and_list_as_json(data_dir: Path, capsys) -> None:
    code = run(
        "--data-dir",
        str(data_dir),
        "school",
        "add",
        "--name",
        "Realschule Nord",
        "--school-number",
        "4711",
        "--street",
        "Nordweg 2",
        "--postcode",
        "20095",
        "--town",
        "Hamburg",
        "--state",
        "HH",
    )
    assert code == 0
    capsys.readouterr()
    assert run("--data-dir", str(data_dir), "school", "list", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "key": "4711",
            "name": "Realschule Nord",
            "school_number": "4711",
            "town": "Hamburg",
            "state": "HH",
        }
    ]


@pytest.mark.both_backends
def test_rejected_input_exits_3_with_german_messages(data_dir: Path, capsys) -> None:
    code = run(
        "--data-dir",
        str(data_dir),
        "school",
        "add",
        "--name",
        "X",
        "--state",
        "BE",
        "--postcode",
        "12",
    )
    err = capsys.readouterr().err
    assert code == 3
    assert "PLZ: „12“ ist keine Postleitzahl" in err
    assert "Es wurde nichts gespeichert." in err


def test_wrong_usage_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        run("school", "add", "--state", "XX")
    assert done.value.code == 2
    assert "Fehler" in capsys.readouterr().err


# Not both_backends: 26 s on the server, for the rules of the demo's seeding (the same on
# both); make test-all-backends runs it there.
def test_demo_is_rerunnable_without_duplicates(data_dir: Path, demo, capsys) -> None:
    # ``demo`` is a copy of a database the same command filled from empty; run it again.
    assert run("--data-dir", str(data_dir), "demo") == 0
    capsys.readouterr()
    run("--data-dir", str(data_dir), "school", "list", "--format", "json")
    names = sorted(r["name"] for r in json.loads(capsys.readouterr().out))
    assert names == ["Gesamtschule Rheinblick", "Grundschule am Lindenhof"]


def test_csv_output_neutralises_formulas(data_dir: Path, capsys) -> None:
    run(
        "--data-dir",
        str(data_dir),
        "school",
        "add",
        "--name",
        '=HYPERLINK("x")',
        "--street",
        "Weg 1",
        "--postcode",
        "12345",
        "--town",
        "Ort",
        "--state",
        "BE",
    )
    capsys.readouterr()
    run("--data-dir", str(data_dir), "school", "list", "--format", "csv")
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out


def test_unwritable_data_dir_is_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner")
    result = subprocess.run(
        [sys.executable, "-m", "dpo_desk", "--data-dir", str(blocker / "unter"), "school", "list"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "kann nicht angelegt werden" in result.stderr


@pytest.mark.sqlite_only
@pytest.mark.no_database
def test_foreign_database_file_is_refused_and_untouched(data_dir: Path, capsys) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / "dpo_desk.sqlite"
    db.write_bytes(b"\x00\x01 kein SQLite " * 100)
    before = db.read_bytes()
    assert run("--data-dir", str(data_dir), "school", "list") == 1
    assert "keine dpo_desk-Datenbank" in capsys.readouterr().err
    assert db.read_bytes() == before
