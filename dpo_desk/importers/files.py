"""Read a roster file (CSV or XLSX) into a heading row and data rows with line numbers.

Only a regular file is read (``outside.read_regular_file``), and every limit of
``limits`` is checked while reading. Encoding and separator are detected. Everything is
read as text; nothing is evaluated, so a cell like ``=HYPERLINK(...)`` stays a plain
string. Text that looks like a wrong encoding (UTF-8 read as Windows-1252: "MÃ¼ller") is
noted for the preview, not silently taken.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from dpo_desk.importers.limits import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    RosterFileError,
    cell_too_long,
    check_cells,
    check_headings,
    too_many_rows,
)
from dpo_desk.importers.mojibake import encoding_notices
from dpo_desk.importers.outside import OutsideFileError, read_regular_file
from dpo_desk.importers.xlsx import cell_text, read_rows

__all__ = ["MAX_FILE_BYTES", "RawRow", "RawTable", "RosterFileError", "cell_text", "read_table"]

SEPARATORS = (";", ",", "\t")
SEPARATOR_NAMES = {";": "Semikolon", ",": "Komma", "\t": "Tabulator"}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\x0c"}
_HEADER_SCAN = 65536


@dataclass(frozen=True)
class RawRow:
    line: int  # line in the file (CSV) or row number in the sheet (XLSX), counted from 1
    cells: list[str]


@dataclass
class RawTable:
    headings: list[str]
    rows: list[RawRow]
    file_kind: str  # "CSV (UTF-8, Semikolon)" or "Excel (XLSX)"
    row_problems: dict[int, str] = field(default_factory=dict)  # line -> German message
    notices: list[str] = field(default_factory=list)  # German hints for the preview


def read_table(path: Path) -> RawTable:
    """The table in ``path``; RosterFileError with a German message when it cannot be read."""
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except OutsideFileError as exc:
        raise RosterFileError(str(exc)) from None
    if not data.strip():
        raise RosterFileError(f"Die Datei „{path.name}“ ist leer.")
    if data.startswith(_ZIP_MAGIC):
        records = list(read_rows(data, path.name))
        if not records:
            raise RosterFileError(f"Die Excel-Datei „{path.name}“ ist leer.")
        table = _table([RawRow(n, c) for n, c in records], "Excel (XLSX)")
    elif data.startswith(_OLE_MAGIC):
        raise RosterFileError(
            f"„{path.name}“ ist eine alte Excel-Datei (XLS). Bitte in Excel oder LibreOffice "
            "als XLSX oder CSV speichern und diese Datei wählen."
        )
    else:
        table = _read_csv(data, path.name)
    check_headings(path.name, table.headings)
    if not table.rows:
        raise RosterFileError(
            f"Die Datei „{path.name}“ enthält nur die Kopfzeile und keine Schüler."
        )
    table.notices = encoding_notices(table.headings, [(r.line, r.cells) for r in table.rows])
    return table


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without BOM), UTF-16, 1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data[:65536]:
            raise _not_text(name)
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
        if controls > max(2, len(sample) // 1000) or "\x7f" in sample:
            raise _not_text(name)
        label = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16"}.get(
            encoding, "Windows-1252"
        )
        return text, label
    raise RosterFileError(
        f"Die Zeichenkodierung von „{name}“ ist unbekannt (weder UTF-8 noch Windows-1252). "
        "Bitte die Liste als „CSV UTF-8“ speichern."
    )


def _not_text(name: str) -> RosterFileError:
    return RosterFileError(
        f"„{name}“ ist keine Textdatei (CSV) und keine Excel-Datei (XLSX). Bitte die "
        "Schülerliste aus der Schulverwaltung als CSV oder XLSX exportieren."
    )


def detect_separator(text: str) -> str:
    """The separator that splits the first line (outside quotes) into the most columns;
    only the start of the file is looked at (a real heading row is short)."""
    first: list[str] = []
    in_quotes = False
    for ch in text[:_HEADER_SCAN]:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch in "\r\n" and not in_quotes:
            if "".join(first).strip():
                break
            first = []
            continue
        first.append(ch)
    line = "".join(first)
    counts = {sep: _count_outside_quotes(line, sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ";"


def _count_outside_quotes(line: str, sep: str) -> int:
    count, in_quotes = 0, False
    for ch in line:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == sep and not in_quotes:
            count += 1
    return count


def _read_csv(data: bytes, name: str) -> RawTable:
    text, encoding = decode(data, name)
    separator = detect_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[RawRow] = []
    previous_end = 0
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            check_cells(name, start, cells)
            stripped = [cell.strip() for cell in cells]
            if any(stripped):
                if len(records) > MAX_ROWS:
                    raise too_many_rows(name)
                records.append(RawRow(start, stripped))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise cell_too_long(name, previous_end + 1, 0) from None
        raise RosterFileError(
            f"„{name}“, Zeile {previous_end + 1}: Die Anführungszeichen sind nicht "
            f"geschlossen oder stehen an der falschen Stelle ({_csv_reason(exc)}). "
            "Bitte die Datei neu aus der Schulverwaltung exportieren."
        ) from None
    if not records:
        raise RosterFileError(f"Die Datei „{name}“ ist leer.")
    kind = f"CSV ({encoding}, {SEPARATOR_NAMES[separator]})"
    return _table(records, kind)


def _csv_reason(exc: csv.Error) -> str:
    message = str(exc)
    if "unexpected end of data" in message:
        return "Dateiende mitten in einem Feld"
    return "nach dem schließenden Anführungszeichen fehlt das Trennzeichen"


def _table(records: list[RawRow], kind: str) -> RawTable:
    header, *rows = records
    width = len(header.cells)
    table = RawTable(headings=header.cells, rows=[], file_kind=kind)
    for row in rows:
        cells = row.cells
        if len(cells) > width and any(c for c in cells[width:]):
            table.row_problems[row.line] = (
                f"Die Zeile hat {len(cells)} Felder, die Kopfzeile nur {width}. "
                "Vermutlich enthält ein Feld ein Trennzeichen ohne Anführungszeichen."
            )
        if len(cells) != width:
            row = RawRow(row.line, (cells + [""] * width)[:width])
        table.rows.append(row)
    return table
