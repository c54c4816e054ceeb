"""Generator of hostile roster files: about a hundred ways a "Schülerliste" can be broken,
oversized, a trap for the reader or not a file at all. Nothing is checked in as a binary:
``make(folder)`` writes them all, seeded, in well under a second.

Each case is (id, writer); a writer gets the target path and creates whatever belongs
there (a file, a FIFO, a symlink, a folder). Every one of them must be refused with exit 3
and nothing written (tests/hostile/test_hostile_rosters.py).
"""

from __future__ import annotations

import gzip
import os
import random
import socket
from collections.abc import Callable
from pathlib import Path

from tests.hostile import xlsx_parts as x

Writer = Callable[[Path], None]
HEADER = "Nachname;Vorname;Geburtsdatum;Klasse"
GOOD = "Muster;Max;01.02.2015;5a"


def _csv(*lines: str, encoding: str = "utf-8") -> Writer:
    return lambda path: path.write_bytes("\n".join(lines).encode(encoding) + b"\n")


def _bytes(data: bytes) -> Writer:
    return lambda path: path.write_bytes(data)


def _build(factory: Callable[[], bytes]) -> Writer:
    """Bytes made only when the case is written (some take a moment to build)."""
    return lambda path: path.write_bytes(factory())


def _named(field: int, value: str) -> Writer:
    cells = GOOD.split(";")
    cells[field] = value
    return _csv(HEADER, ";".join(cells))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink(target: str) -> Writer:
    return lambda path: path.symlink_to(target)


def _loop(path: Path) -> None:
    other = path.with_name(path.name + ".b")
    path.symlink_to(other)
    other.symlink_to(path)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))


def _sparse(size: int) -> Writer:
    def write(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return write


def _many_rows(count: int) -> Writer:
    return _csv(HEADER, *[f"Name{i};Kim;01.02.2015;5a" for i in range(count)])


def _random(size: int, seed: int) -> Writer:
    return _bytes(random.Random(seed).randbytes(size))


def _bomb_sheet(rows: int) -> bytes:
    body = "".join(x.student_row(n) for n in range(2, 40))
    filler = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>' + "A" * 900 + "</t></is></c></row>"
    big = "".join(filler.format(n=n) for n in range(40, 40 + rows))
    return x.package(x.sheet(x.header_row() + body + big))


def _strings_bomb() -> bytes:
    shared = f'{x.XML}<sst xmlns="{x.NS}">' + "<si><t>a</t></si>" * 2_000_000 + "</sst>"
    return x.package(x.sheet(x.header_row() + x.student_row(2)), shared=shared)


def _entities() -> bytes:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + f']><sst xmlns="{x.NS}"><si><t>&i;</t></si></sst>'
    )
    return x.package(x.sheet(x.header_row() + x.student_row(2)), shared=lol)


def _external_entity() -> bytes:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{x.NS}"><si><t>&e;</t></si></sst>'
    )
    sheet = x.sheet(x.header_row() + x.student_row(2, {0: '<c r="A2" t="s"><v>0</v></c>'}))
    return x.package(sheet, shared=xxe)


def _cell(raw: str, column: int = 2) -> bytes:
    return x.package(x.sheet(x.header_row() + x.student_row(2, {column: raw})))


def _xlsx_rows(rows: str, dimension: str | None = None) -> bytes:
    return x.package(x.sheet(x.header_row() + rows, dimension))


def _xlsx_name(value: str) -> bytes:
    return _cell(x.text_cell("A2", value), 0)


def _wide_row(cells: int) -> bytes:
    from openpyxl.utils import get_column_letter

    row = (
        '<row r="2">'
        + "".join(x.text_cell(f"{get_column_letter(i + 1)}2", f"x{i}") for i in range(cells))
        + "</row>"
    )
    return _xlsx_rows(row)


def _many_members() -> bytes:
    extra = {f"xl/media/bild{i}.xml": b"<x/>" for i in range(600)}
    return x.package(x.sheet(x.header_row() + x.student_row(2)), extra=extra)


def _truncated() -> bytes:
    data = x.normal()
    return data[: len(data) // 2]


def _crc() -> bytes:
    data = bytearray(x.normal())
    spot = data.find(b"PK\x01\x02")
    data[spot - 40] ^= 0xFF  # a byte inside the last member's compressed data
    return bytes(data)


CSV_CASES: dict[str, Writer] = {
    "leer": _bytes(b""),
    "nur-leerzeichen": _bytes(b"   \n\t\n  "),
    "nur-kopfzeile": _csv(HEADER),
    "zufallsbytes": _random(4096, 1),
    "nullbytes": _bytes((HEADER + "\n" + GOOD).encode().replace(b";", b"\x00")),
    "utf16-ohne-bom": _bytes((HEADER + "\n" + GOOD + "\n").encode("utf-16-le")),
    "million-spalten": _bytes((";" * 1_000_000 + "\n" + GOOD + "\n").encode()),
    "201-spalten": _csv(";".join(f"Spalte{i}" for i in range(201)), GOOD),
    "zeile-mit-300-feldern": _csv(HEADER, ";".join(["x"] * 300)),
    "zelle-5000-zeichen": _csv(HEADER, "A" * 5000 + ";Max;01.02.2015;5a"),
    "zelle-200000-zeichen": _csv(HEADER, '"' + "A" * 200_000 + '";Max;01.02.2015;5a'),
    "50001-zeilen": _many_rows(50_001),
    "eine-zeile-10mb": _bytes(b"A" * 10_000_000),
    "anfuehrungszeichen-offen": _csv(HEADER, '"Muster;Max;01.02.2015;5a'),
    "anfuehrungszeichen-am-ende": _csv(HEADER, GOOD, 'Ende;"offen'),
    "anfuehrungszeichen-danach": _csv(HEADER, '"Muster"x;Max;01.02.2015;5a'),
    "100000-anfuehrungszeichen": _bytes(b'"' * 100_001),
    "doppelte-spalte": _csv("Nachname;Nachname;Geburtsdatum;Klasse", GOOD),
    "doppelte-spalte-anders-geschrieben": _csv(
        "Nachname;Vorname;Geb.-Datum;Klasse;Gebdatum", GOOD + ";01.02.2015"
    ),
    "doppelte-spalte-klein": _csv("Nachname;Vorname;Geburtsdatum;Klasse;klasse", GOOD + ";5b"),
    "name-nur-rlo": _named(0, "\u202e"),
    "name-nur-zwsp": _named(0, "\u200b\u200b"),
    "name-nur-isolate": _named(1, "\u2066\u2069"),
    "name-nur-steuerzeichen": _named(0, "\x01\x02"),
    "name-nur-fueller": _named(0, "\u3164"),
    "name-nur-kombinierende-zeichen": _named(1, "\u0301\u0308"),
    "name-nur-bom": _named(0, "\ufeff"),
    "name-mit-rlo": _named(0, "Anna\u202eknup"),
    "klasse-mit-steuerzeichen": _named(3, "5\x07a"),
    "klasse-nur-zwsp": _named(3, "\u200b"),
    "spalte-fehlt": _csv("Nachname;Vorname;Geburtsdatum", "Muster;Max;01.02.2015"),
    "falsches-datum": _csv(HEADER, "Muster;Max;31.02.2015;5a"),
    "kein-datum": _csv(HEADER, "Muster;Max;gestern;5a"),
    "zweistelliges-jahr": _csv(HEADER, "Muster;Max;01.02.15;5a"),
    "geburt-in-der-zukunft": _csv(HEADER, "Muster;Max;01.02.2099;5a"),
    "doppelte-person": _csv(HEADER, GOOD, GOOD),
    "doppelte-id": _csv("ID;" + HEADER, "7;" + GOOD, "7;Other;Eva;01.03.2015;5a"),
    "trennzeichen-im-feld": _csv(HEADER, "Muster;Max;01.02.2015;5a;zuviel"),
    "name-zu-lang": _named(0, "N" * 201),
    "klasse-zu-lang": _named(3, "K" * 31),
    "xls-alt": _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)),
    "pdf": _bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + random.Random(2).randbytes(3000)),
    "png": _bytes(b"\x89PNG\r\n\x1a\n" + random.Random(3).randbytes(2000)),
    "gzip": _bytes(gzip.compress((HEADER + "\n" + GOOD).encode())),
    "del-zeichen": _bytes((HEADER + "\n" + GOOD.replace("a", "\x7f")).encode()),
    "viele-steuerzeichen": _bytes(bytes(range(1, 32)) * 50),
    "html-statt-csv": _csv("<html><body><table><tr><td>Nachname</td></tr></table></body></html>"),
    "nur-trennzeichen": _csv(";;;", ";;;", ";;;"),
}
FILE_SYSTEM_CASES: dict[str, Writer] = {
    "fifo": _fifo,
    "symlink-dev-zero": _symlink("/dev/zero"),
    "symlink-dev-null": _symlink("/dev/null"),
    "symlink-dev-urandom": _symlink("/dev/urandom"),
    "ordner": lambda path: path.mkdir(),
    "symlink-schleife": _loop,
    "fehlt": lambda path: None,
    "60-mb": _sparse(60 * 1024 * 1024),
    "socket": _socket,
    "symlink-auf-ordner": _symlink("/tmp"),
}
XLSX_CASES: dict[str, Writer] = {
    "xlsx-zip-bombe": _build(lambda: _bomb_sheet(40_000)),
    "xlsx-texte-bombe": _build(lambda: _strings_bomb()),
    "xlsx-entity-bombe": _build(lambda: _entities()),
    "xlsx-externe-entity": _build(lambda: _external_entity()),
    "xlsx-riesige-dimension-nur-kopf": _build(
        lambda: x.package(x.sheet(x.header_row(), "A1:XFD1048576"))
    ),
    "xlsx-riesige-dimension-doppelte-spalte": _build(
        lambda: x.package(
            x.sheet(x.row_xml(1, ("Klasse", "Klasse", "Name", "Vorname")), "A1:XFD1048576")
        )
    ),
    "xlsx-nan": _build(lambda: _cell('<c r="C2"><v>NaN</v></c>')),
    "xlsx-inf": _build(lambda: _cell('<c r="C2"><v>inf</v></c>')),
    "xlsx-nan-als-datum": _build(lambda: _cell('<c r="C2" s="1"><v>NaN</v></c>')),
    "xlsx-datum-falsch": _build(lambda: _cell('<c r="C2" t="d"><v>2015-13-45</v></c>')),
    "xlsx-datum-kein-datum": _build(lambda: _cell('<c r="C2" t="d"><v>gestern</v></c>')),
    "xlsx-datum-ueberlauf": _build(lambda: _cell('<c r="C2" s="1"><v>1e20</v></c>')),
    "xlsx-datum-negativ": _build(lambda: _cell('<c r="C2" s="1"><v>-100000</v></c>')),
    "xlsx-zeile-1048576": _build(lambda: _xlsx_rows(x.student_row(1_048_576))),
    "xlsx-zeile-null": _build(lambda: _xlsx_rows(x.student_row(0))),
    "xlsx-zeile-negativ": _build(
        lambda: _xlsx_rows(x.student_row(2).replace('r="2"', 'r="-5"', 1))
    ),
    "xlsx-zeile-text": _build(lambda: _xlsx_rows(x.student_row(2).replace('r="2"', 'r="abc"', 1))),
    "xlsx-zellbezug-unsinn": _build(lambda: _cell(x.text_cell("ZZZZZZZ2", "01.02.2015"))),
    "xlsx-300-spalten": _build(lambda: _wide_row(300)),
    "xlsx-zelle-10000-zeichen": _build(lambda: _xlsx_name("N" * 10_000)),
    "xlsx-60000-zeilen": _build(
        lambda: _xlsx_rows("".join(x.student_row(n) for n in range(2, 60_003)))
    ),
    "xlsx-abgeschnitten": _build(lambda: _truncated()),
    "xlsx-pruefsumme": _build(lambda: _crc()),
    "xlsx-luegt-groesse": _build(
        lambda: x.patch_member(x.normal(), "xl/worksheets/sheet1.xml", size=10)
    ),
    "xlsx-verschluesselt": _build(lambda: x.patch_member(x.normal(), "xl/workbook.xml", flags=1)),
    "xlsx-kompression-unbekannt": _build(
        lambda: x.patch_member(x.normal(), "xl/worksheets/sheet1.xml", method=99)
    ),
    "xlsx-600-teile": _build(lambda: _many_members()),
    "xlsx-ohne-blatt": _build(
        lambda: x.package(
            x.sheet(""), extra={"xl/workbook.xml": f'<workbook xmlns="{x.NS}"/>'.encode()}
        )
    ),
    "xlsx-ohne-workbook": _build(lambda: x.package(x.sheet(""), leave_out=("xl/workbook.xml",))),
    "xlsx-kaputtes-xml": _build(lambda: x.package("<worksheet><sheetData><row><c>")),
    "xlsx-kaputte-formate": _build(
        lambda: x.package(x.sheet(x.header_row() + x.student_row(2)), styles="<styleSheet><numFmts")
    ),
    "xlsx-text-index-zu-gross": _build(lambda: _cell('<c r="A2" t="s"><v>999999</v></c>', 0)),
    "xlsx-text-index-negativ": _build(lambda: _cell('<c r="A2" t="s"><v>-1</v></c>', 0)),
    "xlsx-fehlerwert-als-datum": _build(lambda: _cell('<c r="C2" t="e"><v>#DIV/0!</v></c>')),
    "xlsx-wahrheitswert-als-datum": _build(lambda: _cell('<c r="C2" t="b"><v>1</v></c>')),
    "xlsx-name-nur-zwsp": _build(lambda: _xlsx_name("\u200b")),
    "xlsx-name-nur-rlo": _build(lambda: _xlsx_name("\u202e")),
    "xlsx-formel-ohne-wert": _build(lambda: _cell('<c r="A2"><f>CONCAT("=",1)</f></c>', 0)),
    "xlsx-leeres-zip": _build(lambda: b"PK\x05\x06" + bytes(18)),
    "xlsx-nur-zip-kopf": _build(lambda: b"PK\x03\x04" + bytes(100)),
    "xlsx-im-xlsx": _build(
        lambda: x.package(x.sheet(""), extra={"xl/embeddings/innen.xlsx": x.normal()})
    ),
    "xlsx-doppelte-spalte": _build(
        lambda: x.package(
            x.sheet(x.row_xml(1, ("Nachname", "Vorname", "Nachname", "Klasse")) + x.student_row(2))
        )
    ),
}
CASES: dict[str, Writer] = {**CSV_CASES, **FILE_SYSTEM_CASES, **XLSX_CASES}


def suffix_of(case: str) -> str:
    return ".xlsx" if case.startswith("xlsx") else ".csv"


def make(folder: Path, case: str) -> Path:
    """Write the one hostile file ``case`` into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case}{suffix_of(case)}"
    CASES[case](path)
    return path
