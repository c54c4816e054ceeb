"""A vendor's measure list (TOM annex) from a file: plain text, CSV or XLSX, as rows.

Read like every outside file: only a regular file, at most ``MAX_BYTES``, XLSX unpacked and
counted before openpyxl sees it (``importers.xlsx``). Rows come back as (line, cells); the
meaning (title, description, headings) is ``core.register.tom_import``'s business. Every
refusal is a ``MeasureFileError`` with a German message naming the file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dpo_desk.importers.files import decode, detect_separator
from dpo_desk.importers.limits import RosterFileError
from dpo_desk.importers.outside import OutsideFileError, read_regular_file
from dpo_desk.importers.xlsx import read_rows

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2_000
MAX_CELL = 4_000
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class MeasureFileError(Exception):
    """The measure list cannot be read; the message is German and names the file."""


def read_measure_rows(path: Path) -> tuple[list[tuple[int, list[str]]], str]:
    """The rows of ``path`` and what kind of file it was ("Text", "CSV", "Excel (XLSX)")."""
    path = Path(path)
    name = path.name
    try:
        data = read_regular_file(path, MAX_BYTES, "Die Maßnahmenliste")
    except OutsideFileError as exc:
        raise MeasureFileError(str(exc)) from None
    if not data.strip():
        raise MeasureFileError(f"Die Maßnahmenliste „{name}“ ist leer.")
    if data.startswith(_OLE_MAGIC):
        raise MeasureFileError(
            f"„{name}“ ist eine alte Excel-Datei (XLS). Bitte als XLSX, CSV oder Text speichern."
        )
    try:
        if data.startswith(_ZIP_MAGIC):
            rows = []
            for number, cells in read_rows(data, name):
                rows.append((number, cells))
                if len(rows) > MAX_ROWS:
                    raise _too_many(name)
            return rows, "Excel (XLSX)"
        text, _encoding = decode(data, name)
    except RosterFileError as exc:
        raise MeasureFileError(_measure_wording(str(exc))) from None
    if path.suffix.lower() == ".csv":
        return _csv_rows(text, name), "CSV"
    lines = text.splitlines()
    if len(lines) > MAX_ROWS:
        raise _too_many(name)
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_CELL:
            raise _too_long(name, number)
    return [(n, line.split("\t")) for n, line in enumerate(lines, start=1)], "Text"


def _csv_rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                raise _too_many(name)
            if any(len(cell) > MAX_CELL for cell in cells):
                raise _too_long(name, reader.line_num)
            rows.append((reader.line_num, cells))
    except csv.Error:
        raise MeasureFileError(
            f"„{name}“, Zeile {reader.line_num + 1}: Die Anführungszeichen sind nicht "
            "geschlossen. Bitte die Datei prüfen oder den Text einfügen."
        ) from None
    return rows


def _too_many(name: str) -> MeasureFileError:
    return MeasureFileError(
        f"„{name}“ hat mehr als {MAX_ROWS} Zeilen. Eine Maßnahmenliste ist viel kürzer; bitte "
        "die richtige Datei wählen."
    )


def _too_long(name: str, line: int) -> MeasureFileError:
    return MeasureFileError(
        f"„{name}“, Zeile {line}: länger als {MAX_CELL} Zeichen. Bitte die Datei prüfen."
    )


def _measure_wording(message: str) -> str:
    """The roster reader's refusal, reworded for a measure list."""
    return message.replace("Schülerliste aus der Schulverwaltung", "Maßnahmenliste").replace(
        "Schülerliste", "Maßnahmenliste"
    )
