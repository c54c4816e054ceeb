"""Dates as people type them: TT.MM.JJJJ, T.M.JJJJ, ISO (JJJJ-MM-TT), and the short forms
of data entry ("12.9." and "12.9.26"). Messages are German and name what was typed."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time

_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
_SHORT_YEAR = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2})\s*$")
_NO_YEAR = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?\s*$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?:\s*Uhr)?$")


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


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); the month's last day where that month has
    no such day (31 January + 1 month = 28 or 29 February).

    This is how a period "of one month" runs from a date (Art. 12(3) GDPR with Regulation
    1182/71): it ends on the day of the later month with the same number.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def parse_entered_datetime(text: str, reference: datetime) -> datetime:
    """A point in time as typed: a date as ``parse_entered_date`` reads it (relative to
    ``reference``, on or before it), a space and a time ("8:15", "08:15", "8 Uhr").

    The result is naive, in the same frame as ``reference`` (the caller's local time).
    A date without a time is refused: the hour matters for a 72-hour deadline.
    """
    value = " ".join((text or "").split())
    if not value:
        raise ValueError("Bitte Datum und Uhrzeit angeben (TT.MM.JJJJ HH:MM).")
    day_text, _, time_text = value.partition(" ")
    day = parse_entered_date(day_text, reference.date())
    match = _TIME.match(time_text.strip())
    if not time_text.strip():
        raise ValueError(f"„{value}“: Bitte auch die Uhrzeit angeben (TT.MM.JJJJ HH:MM).")
    if match is None:
        raise ValueError(f"„{value}“: „{time_text}“ ist keine Uhrzeit. Erwartet wird HH:MM.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"„{value}“: „{time_text}“ ist keine gültige Uhrzeit.")
    return datetime.combine(day, time(hour, minute))


def format_datetime(moment: datetime | None) -> str:
    """``12.10.2026 08:15`` in the frame ``moment`` is in (convert to local time first)."""
    if moment is None:
        return ""
    iso = moment.isoformat()  # by hand, as format_date
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]} {iso[11:16]}"


def local_time(moment: datetime) -> datetime:
    """An aware instant in the computer's time zone, naive (what people read and type)."""
    return moment.astimezone().replace(tzinfo=None)


def from_local_time(moment: datetime) -> datetime:
    """A naive local time (as typed) as an aware instant."""
    return moment.astimezone()
