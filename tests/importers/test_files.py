from __future__ import annotations

import os
import random
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from dpo_desk.importers.files import MAX_FILE_BYTES, RosterFileError, read_table

HEADER = "Nachname;Vorname;Geburtsdatum;Klasse"


def write(tmp_path: Path, data: bytes, name: str = "liste.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "prefix", "label"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8"),
        ("cp1252", b"", "Windows-1252"),
        ("utf-16", b"", "UTF-16"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes, label: str) -> None:
    text = f"{HEADER}\r\nGroß-Übel;Jürgen;01.02.2014;7a\r\n"
    table = read_table(write(tmp_path, prefix + text.encode(encoding)))
    assert table.headings[0] == "Nachname"  # no BOM left in the first heading
    assert table.rows[0].cells[:2] == ["Groß-Übel", "Jürgen"]
    assert label in table.file_kind


def test_turkish_and_polish_letters_survive_utf8(tmp_path: Path) -> None:
    text = f"{HEADER}\nŞahin;Işıl;01.02.2014;7a\nWójcik;Łucja;01.02.2014;7a\n"
    table = read_table(write(tmp_path, text.encode()))
    assert [r.cells[0] for r in table.rows] == ["Şahin", "Wójcik"]
    assert table.rows[1].cells[1] == "Łucja"


@pytest.mark.parametrize(("sep", "name"), [(";", "Semikolon"), (",", "Komma"), ("\t", "Tabulator")])
def test_separator_is_detected(tmp_path: Path, sep: str, name: str) -> None:
    text = sep.join(["Nachname", "Vorname", "Klasse"]) + "\n" + sep.join(["A", "B", "5a"]) + "\n"
    table = read_table(write(tmp_path, text.encode()))
    assert table.headings == ["Nachname", "Vorname", "Klasse"]
    assert table.rows[0].cells == ["A", "B", "5a"]
    assert name in table.file_kind


def test_quoted_fields_with_separators_and_line_breaks_keep_line_numbers(tmp_path: Path) -> None:
    text = 'Nachname,Vorname,Bemerkung\n"Nowak, geb. Kral",Jan,"zwei\nZeilen"\nDemir,Elif,x\n'
    table = read_table(write(tmp_path, text.encode()))
    assert table.rows[0].cells == ["Nowak, geb. Kral", "Jan", "zwei\nZeilen"]
    assert [r.line for r in table.rows] == [2, 4]


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, f"{HEADER}\n\nA;B;01.01.2014;5a\n".encode()))
    assert [r.line for r in table.rows] == [3]


def test_row_with_too_many_fields_is_reported_at_its_line(tmp_path: Path) -> None:
    text = f"{HEADER}\nA;B;01.01.2014;5a\nNowak; Jan;Piotr;01.01.2014;5a\n"
    table = read_table(write(tmp_path, text.encode()))
    assert "5 Felder" in table.row_problems[3]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "ist leer"),
        (b"  \r\n\r\n", "ist leer"),
        (HEADER.encode() + b"\r\n", "nur die Kopfzeile"),
        (b"\x00\x01\x02\x03binary\x00data", "keine Textdatei"),
        (HEADER.encode() + b"\nM\x81ller;J\x8drgen;01.01.2014;5a\n", "Zeichenkodierung"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "alte Excel-Datei"),
        (b"PK\x03\x04 not really a zip", "keine lesbare Excel-Datei"),
        (HEADER.encode() + b'\n"Nowak;Jan;01.01.2014;5a\n', "Zeile 2: Die Anführungszeichen"),
        (HEADER.encode() + b'\n"Nowak"x;Jan;01.01.2014;5a\n', "Zeile 2"),
    ],
)
def test_unusable_files_get_a_german_message(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(RosterFileError, match=message):
        read_table(write(tmp_path, data))


def test_random_bytes_never_crash(tmp_path: Path) -> None:
    rng = random.Random(7)
    for attempt in range(30):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
        path = write(tmp_path, data, f"zufall{attempt}.csv")
        try:
            read_table(path)
        except RosterFileError as exc:
            assert str(exc)


def test_file_over_50_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "riesig.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(RosterFileError, match="50 MB"):
        read_table(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RosterFileError, match=r"fehlt\.csv"):
        read_table(tmp_path / "fehlt.csv")


def test_xlsx_dates_and_numeric_ids_become_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Schüler-ID", "Nachname", "Vorname", "Geburtsdatum", "Klasse"])
    sheet.append([1001, "Nguyễn", "Văn Đức", datetime(2014, 4, 3), "7b"])
    sheet.append([None, None, None, None, None])
    sheet.append([1002.0, "=1+1", "=2+2", "3.4.2014", "7b"])
    sheet["B4"].data_type = "s"  # text that merely starts with "=" (no formula)
    path = tmp_path / "liste.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.file_kind == "Excel (XLSX)"
    assert table.rows[0].cells == ["1001", "Nguyễn", "Văn Đức", "03.04.2014", "7b"]
    assert table.rows[1].line == 4
    # Text stays text; a real formula is never evaluated (no cached value: empty).
    assert table.rows[1].cells[:3] == ["1002", "=1+1", ""]


def test_formula_like_cells_stay_plain_text(tmp_path: Path) -> None:
    text = f'{HEADER}\n=HYPERLINK("x");@SUM;01.01.2014;+5a\n'
    table = read_table(write(tmp_path, text.encode()))
    assert table.rows[0].cells[:2] == ['=HYPERLINK("x")', "@SUM"]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\nA;B;01.01.2014;5a\n".encode())
    os.chmod(path, 0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(RosterFileError, match="kann nicht gelesen werden"):
            read_table(path)
    finally:
        os.chmod(path, 0o600)
