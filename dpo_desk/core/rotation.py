"""Which backups to keep: the newest of each of the last N days and of the last M months.

Days and months are counted among those that have a backup, not on the calendar, so a
laptop left in a drawer for a month does not lose all its dailies at the next start.
Everything from today is kept (a backup made before a restore must stay until tomorrow).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

DEFAULT_DAILY = 14
DEFAULT_MONTHLY = 12


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = DEFAULT_DAILY
    monthly: int = DEFAULT_MONTHLY

    def problems(self) -> list[str]:
        found = []
        if not 1 <= self.daily <= 365:
            found.append("Die Zahl der täglichen Sicherungen muss zwischen 1 und 365 liegen.")
        if not 0 <= self.monthly <= 120:
            found.append("Die Zahl der monatlichen Sicherungen muss zwischen 0 und 120 liegen.")
        return found


def backups_to_keep(
    stamps: Iterable[datetime], policy: RotationPolicy, today: date
) -> set[datetime]:
    """The subset of ``stamps`` that the policy keeps; the rest may be deleted."""
    ordered = sorted(set(stamps), reverse=True)
    keep = {s for s in ordered if s.date() >= today}
    newest_per_day: dict[date, datetime] = {}
    newest_per_month: dict[tuple[int, int], datetime] = {}
    for stamp in ordered:
        newest_per_day.setdefault(stamp.date(), stamp)
        newest_per_month.setdefault((stamp.year, stamp.month), stamp)
    days = sorted(newest_per_day, reverse=True)[: policy.daily]
    keep.update(newest_per_day[d] for d in days)
    months = sorted(newest_per_month, reverse=True)[: policy.monthly]
    keep.update(newest_per_month[m] for m in months)
    return keep


def backups_to_delete(
    stamps: Iterable[datetime], policy: RotationPolicy, today: date
) -> list[datetime]:
    all_stamps = set(stamps)
    return sorted(all_stamps - backups_to_keep(all_stamps, policy, today))


def expected_removal(
    stamps: Iterable[datetime], policy: RotationPolicy, today: date, horizon_days: int = 0
) -> dict[datetime, date | None]:
    """The day each backup is expected to be deleted by the rotation, assuming one new
    backup on every coming day (the daily backup at start); None beyond the horizon
    (default: as long as the policy can keep anything)."""
    existing = sorted(set(stamps))
    horizon = horizon_days or policy.daily + 31 * (policy.monthly + 1) + 2
    result: dict[datetime, date | None] = dict.fromkeys(existing)
    pending = set(existing)
    future: list[datetime] = []
    for offset in range(1, horizon + 1):
        day = date.fromordinal(today.toordinal() + offset)
        future.append(datetime(day.year, day.month, day.day, 12))
        kept = backups_to_keep([*existing, *future], policy, day)
        for stamp in [s for s in pending if s not in kept]:
            result[stamp] = day
            pending.discard(stamp)
        if not pending:
            break
    return result
