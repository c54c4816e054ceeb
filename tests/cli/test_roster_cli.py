from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dpo_desk.cli import main
from tests.conftest import sample_profile

HEAD = "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse"


@pytest.fixture
def school(ctx, data_dir: Path) -> Path:
    from dpo_desk.services.schools import create_school

    create_school(ctx, sample_profile())
    return data_dir


def csv_file(tmp_path: Path, *lines: str, head: str = HEAD) -> Path:
    path = tmp_path / "liste.csv"
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.mark.both_backends
def test_import_then_list_as_json(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;Yılmaz;Elif;03.04.2014;7b", "2;Nowak;Jan;01.02.2013;8a")
    assert run(school, "roster", "import", str(path), "--school-year", "2026/27") == 0
    out = capsys.readouterr().out
    assert "Neu: 2  Geändert: 0  Unverändert: 0" in out
    assert "Gespeichert: 2 neu" in out
    assert run(school, "roster", "list", "--class", "7b", "--format", "json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["key"] and row["last_name"] == "Yılmaz" and row["class"] == "7b"
    assert row["birth_date"] == "2014-04-03" and row["status"] == "active"


@pytest.mark.both_backends
def test_rejected_file_exits_3_with_problems_on_stderr(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;Yılmaz;Elif;03.04.2014;7b", "2;Nowak;Jan;31.02.2013;8a")
    assert run(school, "roster", "import", str(path)) == 3
    captured = capsys.readouterr()
    assert "Fehler: Zeile 3, Spalte „Geburtsdatum“" in captured.err
    assert "Es wurde nichts gespeichert" in captured.err
    assert run(school, "roster", "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_valid_rows_only_and_dry_run(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;Yılmaz;Elif;03.04.2014;7b", "2;Nowak;Jan;31.02.2013;8a")
    assert run(school, "roster", "import", str(path), "--dry-run", "--valid-rows-only") == 0
    assert "Probelauf" in capsys.readouterr().out
    assert run(school, "roster", "import", str(path), "--valid-rows-only") == 0
    assert "Ausgelassen wegen Fehlern: 1 Zeilen (3)" in capsys.readouterr().out


def test_map_option_and_leavers(school, tmp_path, capsys) -> None:
    head = "Zuname;Vorname;Datum;Gruppe"
    path = csv_file(tmp_path, "Nowak;Jan;01.02.2013;5a", "Demir;Can;01.02.2013;5a", head=head)
    args = ["roster", "import", str(path), "--map", "birth_date=Datum", "--map", "class=Gruppe"]
    assert run(school, *args) == 0
    path = csv_file(tmp_path, "Nowak;Jan;01.02.2013;5a", head=head)  # mapping remembered
    assert run(school, "roster", "import", str(path), "--leavers-left-on", "18.12.2026") == 0
    assert "1 als abgegangen markiert" in capsys.readouterr().out
    assert run(school, "roster", "list", "--include-left", "--format", "csv") == 0
    out = capsys.readouterr().out
    assert "left;2026-12-18" in out


def test_missing_columns_and_bad_map_are_rejected(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "Nowak;Jan;5a", head="Zuname;Vorname;Gruppe")
    assert run(school, "roster", "import", str(path)) == 3
    assert "fehlen Spalten" in capsys.readouterr().err
    assert run(school, "roster", "import", str(path), "--map", "religion=X") == 2
    assert "kein Feld" in capsys.readouterr().err


def test_unreadable_file_exits_3(school, tmp_path, capsys) -> None:
    path = tmp_path / "foto.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    assert run(school, "roster", "import", str(path)) == 3
    assert "keine Textdatei" in capsys.readouterr().err


def test_csv_output_neutralises_formulas(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, '1;=HYPERLINK("http://x");Elif;03.04.2014;7b')
    assert run(school, "roster", "import", str(path)) == 0
    capsys.readouterr()
    assert run(school, "roster", "list", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    assert rows[0]["last_name"] == '\'=HYPERLINK("http://x")'


@pytest.mark.sqlite_only
def test_import_writes_a_verified_backup_first(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;Yılmaz;Elif;03.04.2014;7b")
    assert run(school, "roster", "import", str(path)) == 0
    assert list((school / "backups").glob("*vor-import*"))


@pytest.mark.sqlite_only
def test_failed_backup_stops_the_import(school, tmp_path, capsys) -> None:
    from dpo_desk.app import open_app
    from dpo_desk.services.safety.backup import set_backup_folder

    stick = tmp_path / "usb-stick"
    stick.mkdir()
    ctx = open_app(str(school))
    set_backup_folder(ctx, str(stick))
    ctx.db.close()
    stick.rmdir()  # the stick was pulled out
    path = csv_file(tmp_path, "1;Yılmaz;Elif;03.04.2014;7b")
    assert run(school, "roster", "import", str(path)) == 1
    assert "nichts importiert" in capsys.readouterr().err
    assert run(school, "roster", "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_xlsx_export_imports_like_csv(school, tmp_path, capsys) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Schülernummer", "Familienname", "Rufname", "Geb.-Datum", "Klasse", "Konfession"])
    sheet.append([4711, "Đặng", "Đức Anh", datetime(2014, 4, 3), "7b", "bud"])
    sheet.append([4712, "Wróbel", "Paweł", "1.2.2013", "8a", "rk"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    assert run(school, "roster", "import", str(path)) == 0
    out = capsys.readouterr().out
    assert "Excel (XLSX)" in out and "„Konfession“" in out
    assert run(school, "roster", "list", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["external_id"], r["last_name"], r["birth_date"]) for r in rows] == [
        ("4711", "Đặng", "2014-04-03"),
        ("4712", "Wróbel", "2013-02-01"),
    ]


def test_leavers_are_counted_not_named_on_stdout(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;5a", "2;Zwiebelfisch;Can;01.02.2013;5a")
    assert run(school, "roster", "import", str(path)) == 0
    capsys.readouterr()
    path = csv_file(tmp_path, "1;Nowak;Jan;01.02.2013;5a")
    assert run(school, "roster", "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Nicht mehr in der Liste: 1" in out
    assert "Zwiebelfisch" not in out


def test_text_in_a_wrong_encoding_is_flagged(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;MÃ¼ller;JÃ¶rg;01.02.2013;5a", "2;Nowak;Jan;01.02.2013;5a")
    assert run(school, "roster", "import", str(path), "--dry-run") == 0
    err = capsys.readouterr().err
    assert "Hinweis: Achtung, falsche Zeichenkodierung?" in err
    assert "Zeile 2: „MÃ¼ller“, gemeint wohl „Müller“" in err


FULL_DISK = """
import resource, signal, sys
from dpo_desk.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # the disk is full
sys.exit(main(["--data-dir", sys.argv[1], "roster", "import", sys.argv[3]]))
"""


@pytest.mark.sqlite_only
def test_disk_full_during_an_import_is_a_german_message(school, tmp_path, ctx) -> None:
    import subprocess
    import sys

    rows = [f"{i};Name{i:04d};Vorname;01.02.2013;5a" for i in range(1, 3001)]
    path = csv_file(tmp_path, *rows)
    database = school / "dpo_desk.sqlite"
    ctx.db.close()
    before = database.read_bytes()
    limit = len(before) + 64 * 1024  # room for the backup before the import, not for more
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(school), str(limit), str(path)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "voll" in proc.stderr and "Traceback" not in proc.stderr
    assert "nicht gespeichert" in proc.stderr or "unverändert" in proc.stderr
    assert database.read_bytes() == before
