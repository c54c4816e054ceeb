""" "Today" and "now" for the services, in one place, so tests can fix the day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime:
        """An aware instant in UTC (what the database stores)."""
        ...


class SystemClock:
    """The computer's calendar: the local date, the UTC instant."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that stands still (tests, reproducible printouts)."""

    day: date
    at: time = time(9, 0)

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, self.at, tzinfo=UTC)
