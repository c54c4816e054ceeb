"""How much of a roster file is read at most, checked while reading (never after).

A school's export has a few thousand rows and a dozen columns; these caps are far above
that and far below what chokes the machine. Each refusal is a German message saying which
limit and where, and nothing is written.
"""

from __future__ import annotations

from dpo_desk.importers.columns import normalise_heading

MAX_FILE_BYTES = 50 * 1024 * 1024
# XLSX: what the zip really holds once unpacked (not what its headers declare), and how
# many parts it may have.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_SHARED_STRINGS = 500_000
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 4_000


class RosterFileError(Exception):
    """The file cannot be read as a roster; the message is German and says why."""


def german_number(value: int) -> str:
    return f"{value:_}".replace("_", ".")


def too_many_rows(name: str) -> RosterFileError:
    return RosterFileError(
        f"„{name}“ hat mehr als {german_number(MAX_ROWS)} Zeilen. Eine Schülerliste ist viel "
        "kürzer; bitte die richtige Datei wählen oder die Liste je Schule exportieren."
    )


def too_many_columns(name: str, line: int) -> RosterFileError:
    return RosterFileError(
        f"„{name}“, Zeile {line}: mehr als {MAX_COLUMNS} Spalten. Eine Schülerliste hat viel "
        "weniger; bitte die richtige Datei wählen."
    )


def cell_too_long(name: str, line: int, column: int) -> RosterFileError:
    return RosterFileError(
        f"„{name}“, Zeile {line}, Spalte {column}: Das Feld ist länger als "
        f"{german_number(MAX_CELL_CHARS)} Zeichen. Bitte die Datei prüfen (vielleicht fehlt "
        "ein Anführungszeichen)."
    )


def check_cells(name: str, line: int, cells: list[str]) -> None:
    """Columns and cell length of one row."""
    if len(cells) > MAX_COLUMNS:
        raise too_many_columns(name, line)
    for column, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL_CHARS:
            raise cell_too_long(name, line, column)


def check_headings(name: str, headings: list[str]) -> None:
    """The same heading twice (also spelled differently: "Geb.-Datum" and "Gebdatum")
    makes the column mapping ambiguous: refused."""
    seen: dict[str, int] = {}
    for column, heading in enumerate(headings, start=1):
        key = normalise_heading(heading)
        if not key:
            continue
        if key in seen:
            raise RosterFileError(
                f"„{name}“: Die Spalte „{heading}“ kommt doppelt vor (Spalten {seen[key]} und "
                f"{column}). Bitte eine davon umbenennen oder löschen und die Datei erneut "
                "wählen."
            )
        seen[key] = column
