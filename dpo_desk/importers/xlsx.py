"""XLSX roster files: openpyxl in read-only (streaming) mode, inside the limits.

Before openpyxl sees the file, every part of the zip is unpacked once, in chunks, and
counted: more real content than ``MAX_UNPACKED_BYTES`` (a zip bomb, a shared-strings bomb),
a part whose content does not match its checksum (a header that lies about the size), an
encrypted part or too many parts are refused. With defusedxml installed, openpyxl refuses
XML entity tricks. The sheet's declared dimension is ignored (a 1.5 KB file may declare
A1:XFD1048576): rows are taken as they come, at most ``MAX_COLUMNS`` + 1 cells wide, and
reading stops after ``MAX_ROWS``. Any cell openpyxl cannot convert is a German refusal.
"""

from __future__ import annotations

import io
import math
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from dpo_desk.importers.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_MEMBERS,
    RosterFileError,
    check_cells,
    german_number,
    too_many_rows,
)

_CHUNK = 1 << 20
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    KeyError,
)


def unreadable(name: str, exc: BaseException | None = None) -> RosterFileError:
    reason = f" ({type(exc).__name__})" if exc is not None else ""
    return RosterFileError(
        f"„{name}“ ist keine lesbare Excel-Datei (XLSX){reason}. Bitte die Datei in Excel oder "
        "LibreOffice öffnen und neu als XLSX oder CSV speichern."
    )


def check_zip(data: bytes, name: str) -> None:
    """Unpack every part once and count what it really holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise unreadable(name, exc) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise RosterFileError(
                f"„{name}“ besteht aus {len(infos)} Teilen; eine Excel-Liste hat weniger als "
                f"{MAX_ZIP_MEMBERS}. Die Datei wird nicht gelesen."
            )
        total = strings = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise RosterFileError(
                    f"„{name}“ ist mit einem Kennwort geschützt. Bitte ohne Kennwort speichern."
                )
            part = info.filename.lower()
            tags = (
                (b"<si", b":si")
                if part.endswith("sharedstrings.xml")
                else (b"<row", b":row ")
                if part.startswith("xl/worksheets/")
                else ()
            )
            counted = 0
            tail = b""
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise _bomb(name)
                        if tags:
                            window = tail + chunk
                            counted += sum(window.count(tag) for tag in tags)
                            tail = chunk[-4:]
            except RosterFileError:
                raise
            except _ZIP_ERRORS as exc:
                raise unreadable(name, exc) from None
            if part.startswith("xl/worksheets/") and counted > MAX_ROWS + 1:
                raise too_many_rows(name)  # counted before parsing: no minute-long read
            strings += counted if part.endswith("sharedstrings.xml") else 0
        if strings > MAX_SHARED_STRINGS:
            raise RosterFileError(
                f"„{name}“ enthält mehr als {german_number(MAX_SHARED_STRINGS)} verschiedene "
                "Texte; eine Schülerliste hat viel weniger. Die Datei wird nicht gelesen."
            )


def _bomb(name: str) -> RosterFileError:
    return RosterFileError(
        f"„{name}“ ist entpackt größer als {MAX_UNPACKED_BYTES // 1024 // 1024} MB. Eine "
        "Schülerliste ist viel kleiner; die Datei wird nicht gelesen (vielleicht eine "
        "manipulierte Datei)."
    )


def cell_text(value: object) -> str:
    """An XLSX cell as text: dates as TT.MM.JJJJ, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("keine endliche Zahl")
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def read_rows(data: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the first sheet that holds anything, within the limits."""
    from openpyxl import load_workbook

    check_zip(data, name)
    with warnings.catch_warnings():
        # openpyxl warns (on stderr) about odd styles or dates; the refusals say enough.
        warnings.simplefilter("ignore")
        yield from _workbook_rows(load_workbook, data, name)


def _workbook_rows(load_workbook: Any, data: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl and defusedxml raise many kinds for broken files
        raise unreadable(name, exc) from None
    try:
        for sheet in workbook.worksheets:
            found = False
            for number, cells in _sheet_rows(sheet, name):
                found = True
                yield number, cells
            if found:
                return
    finally:
        workbook.close()


def _sheet_rows(sheet: Any, name: str) -> Iterator[tuple[int, list[str]]]:
    if not hasattr(sheet, "reset_dimensions"):
        return
    sheet.reset_dimensions()  # never trust the declared size
    rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    number = 0
    while True:
        try:
            values = next(rows, None)
        except Exception as exc:
            raise RosterFileError(
                f"„{name}“, Zeile {number + 1}: Der Inhalt ist nicht lesbar "
                f"({type(exc).__name__}). Bitte die Datei neu als XLSX oder CSV speichern."
            ) from None
        if values is None:
            return
        number += 1
        if number > MAX_ROWS + 1:
            raise too_many_rows(name)
        try:
            cells = [cell_text(v) for v in values]
        except ValueError:
            raise RosterFileError(
                f"„{name}“, Zeile {number}: Eine Zelle enthält keinen gültigen Wert (z. B. "
                "„NaN“). Bitte die Zelle korrigieren."
            ) from None
        while cells and not cells[-1]:
            cells.pop()
        check_cells(name, number, cells)
        if cells:
            yield number, cells
