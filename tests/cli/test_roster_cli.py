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


def test_import_writes_a_verified_backup_first(school, tmp_path, capsys) -> None:
    path = csv_file(tmp_path, "1;Yılmaz;Elif;03.04.2014;7b")
    assert run(school, "roster", "import", str(path)) == 0
    assert list((school / "backups").glob("*vor-import*"))


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
