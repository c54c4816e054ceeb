"""German wording rules shared by the window, the command line and printouts: counted
nouns ("1 Seite", "2 Seiten") and file names a save dialog proposes."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')
_GAPS = re.compile(r"[\s_]+")
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}
MAX_FILE_NAME = 120


def counted(count: int, singular: str, plural: str) -> str:
    """ "1 Seite", "0 Seiten", "2 Seiten": never "Seite(n)"."""
    return f"{count} {singular if count == 1 else plural}"


def pages(count: int) -> str:
    """ "1 Seite", "3 Seiten": how a message counts the pages of a saved PDF."""
    return counted(count, "Seite", "Seiten")


def file_name(*parts: str | date | None, suffix: str) -> str:
    """A file name from its parts, joined by "_", safe on Windows, macOS and Linux.

    ``file_name("Einwilligungen", "5a", "Videokonferenzen", suffix=".pdf")`` gives
    "Einwilligungen_5a_Videokonferenzen.pdf". Dates are written JJJJ-MM-TT (they sort).
    Umlauts stay; characters a file system refuses, control characters and gaps become "_";
    empty parts are left out; the name is shortened to a length every system accepts.
    """
    cleaned: list[str] = []
    for part in parts:
        if part is None:
            continue
        text = part.isoformat() if isinstance(part, date) else str(part)
        text = "".join(
            "_" if unicodedata.category(ch).startswith("C") else ch
            for ch in unicodedata.normalize("NFC", text)
        )
        text = _GAPS.sub("_", _UNSAFE.sub("_", text)).strip("._ ")
        if text:
            cleaned.append(text)
    stem = "_".join(cleaned)[:MAX_FILE_NAME].rstrip("._ ") or "Dokument"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem + suffix
