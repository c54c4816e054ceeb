"""Text handed to spreadsheets (CSV files, the clipboard) that cannot run as a formula.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one)
is a formula to Excel and LibreOffice (CSV injection); a leading apostrophe makes it text.
A tab or line break inside a value would start a new cell when pasted, so it becomes a space.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def clipboard_cell(value: Any) -> str:
    """One value for a line of pasted text: on one line, in one cell, never a formula."""
    text = " ".join(("" if value is None else str(value)).split())
    return neutralise_cell(text)
