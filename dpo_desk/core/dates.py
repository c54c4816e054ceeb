"""Dates as people type them: TT.MM.JJJJ, T.M.JJJJ, ISO (JJJJ-MM-TT), and the short forms
of data entry ("12.9." and "12.9.26"). Messages are German and name what was typed."""

from __future__ import annotations

import re
from datetime import date

_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
_SHORT_YEAR = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2})\s*$")
_NO_YEAR = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?\s*$")


def _make(value: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"„{value}“ ist kein gültiges Datum (diesen Tag gibt es nicht).") from None


def parse_date(text: str) -> date:
    """TT.MM.JJJJ, T.M.JJJJ or ISO (JJJJ-MM-TT); ValueError with a German message otherwise.

    Two-digit years are refused here (a birth date "1.2.13" is ambiguous)."""
    value = (text or "").strip()
    if match := _GERMAN_DATE.match(value):
        day, month, year = (int(g) for g in match.groups())
        return _make(value, year, month, day)
    if match := _ISO_DATE.match(value):
        year, month, day = (int(g) for g in match.groups())
        return _make(value, year, month, day)
    if _SHORT_YEAR.match(value):
        raise ValueError(
            f"„{value}“ hat eine zweistellige Jahreszahl. Bitte das Jahr vierstellig "
            "angeben (TT.MM.JJJJ)."
        )
    raise ValueError(f"„{value}“ ist kein Datum. Erwartet wird TT.MM.JJJJ.")


def parse_entered_date(text: str, reference: date, *, past: bool = True) -> date:
    """A date typed in a form or grid, where the short forms are welcome.

    "12.9." is the 12 September nearest to ``reference`` on the side ``past`` says (on or
    before it, else on or after it); "12.9.26" is 2026; full dates as written.
    """
    value = (text or "").strip()
    if match := _NO_YEAR.match(value):
        day, month = (int(g) for g in match.groups())
        candidate = _make(value, reference.year, month, day) if (month, day) != (2, 29) else None
        if candidate is None:  # the 29 February: the nearest leap year on that side
            year = reference.year
            while True:
                try:
                    candidate = date(year, 2, 29)
                except ValueError:
                    year += -1 if past else 1
                    continue
                if (candidate <= reference) if past else (candidate >= reference):
                    return candidate
                year += -1 if past else 1
        if past and candidate > reference:
            return _make(value, reference.year - 1, month, day)
        if not past and candidate < reference:
            return _make(value, reference.year + 1, month, day)
        return candidate
    if match := _SHORT_YEAR.match(value):
        day, month, year = (int(g) for g in match.groups())
        return _make(value, 2000 + year, month, day)
    return parse_date(value)


def format_date(day: date | None) -> str:
    """TT.MM.JJJJ. Formatted by hand: ``strftime`` imports ``time`` on every call, and
    inside the GUI every import runs through PySide6's import hook (lists of thousands)."""
    if day is None:
        return ""
    iso = day.isoformat()  # YYYY-MM-DD, in C
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"
