"""Text that looks like it was read with the wrong encoding ("MÃ¼ller" for "Müller").

A UTF-8 export opened as Windows-1252 and saved again turns every umlaut into two odd
characters. Such text is valid, so nothing refuses it; it is noted for the preview (and
the command line), naming the lines, so that nobody imports 300 garbled names unseen.
"""

from __future__ import annotations

from collections.abc import Iterable

REPLACEMENT = "\ufffd"
MAX_SHOWN = 3


def repaired(text: str) -> str | None:
    """What ``text`` was meant to be if it is UTF-8 read as Windows-1252, else None."""
    if text.isascii():
        return None
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != text else None


def looks_garbled(text: str) -> bool:
    return REPLACEMENT in text or repaired(text) is not None


def encoding_notices(headings: list[str], rows: Iterable[tuple[int, list[str]]]) -> list[str]:
    """One German notice naming the first lines that look garbled (empty: none)."""
    found: list[tuple[int, str]] = []
    for line, cells in [(1, headings), *rows]:
        cell = next((c for c in cells if looks_garbled(c)), None)
        if cell is not None:
            found.append((line, cell))
    if not found:
        return []
    shown = []
    for line, cell in found[:MAX_SHOWN]:
        fixed = repaired(cell)
        hint = f", gemeint wohl „{fixed}“" if fixed else ""
        shown.append(f"Zeile {line}: „{cell}“{hint}")
    return [
        f"Achtung, falsche Zeichenkodierung? {len(found)} Zeile(n) enthalten verstümmelte "
        f"Umlaute oder Ersatzzeichen ({'; '.join(shown)}). Bitte die Datei prüfen und am "
        "besten als „CSV UTF-8“ neu speichern, bevor sie übernommen wird."
    ]
