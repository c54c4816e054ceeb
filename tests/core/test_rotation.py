"""The backup rotation keeps what a DPO expects: recent days, one per month, all of today."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dpo_desk.core.rotation import RotationPolicy, backups_to_delete, backups_to_keep


def _daily(start: datetime, days: int) -> list[datetime]:
    return [start + timedelta(days=i) for i in range(days)]


def test_a_year_of_daily_backups_keeps_14_days_and_12_months() -> None:
    stamps = _daily(datetime(2025, 11, 1, 8, 0), 388)  # 2025-11-01 .. 2026-11-23
    today = stamps[-1].date()
    kept = backups_to_keep(stamps, RotationPolicy(), today)
    recent = {s for s in stamps if s.date() > today - timedelta(days=14)}
    assert recent <= kept
    months = {(s.year, s.month) for s in kept}
    assert len(months) == 12
    # newest backup of each older month stays (the last day of that month)
    assert datetime(2026, 1, 31, 8, 0) in kept
    assert datetime(2026, 1, 30, 8, 0) not in kept
    # nothing older than 12 months survives
    assert min(kept) >= datetime(2025, 12, 1)
    assert len(kept) == 14 + 11  # November 2026 is already covered by the dailies


def test_everything_from_today_is_kept_even_several_per_day() -> None:
    today = date(2026, 11, 23)
    stamps = [datetime(2026, 11, 23, h, 0) for h in (7, 9, 12)] + [
        datetime(2026, 11, 22, h, 0) for h in (7, 18)
    ]
    kept = backups_to_keep(stamps, RotationPolicy(daily=1, monthly=0), today)
    assert kept == {datetime(2026, 11, 23, h, 0) for h in (7, 9, 12)}
    deleted = backups_to_delete(stamps, RotationPolicy(daily=2, monthly=0), today)
    assert deleted == [datetime(2026, 11, 22, 7, 0)]


def test_days_count_only_days_with_a_backup_after_a_long_pause() -> None:
    stamps = _daily(datetime(2026, 6, 1, 8, 0), 20)  # June, then the summer holidays
    kept = backups_to_keep(stamps, RotationPolicy(daily=14, monthly=0), date(2026, 9, 1))
    assert len(kept) == 14
    assert max(kept) == datetime(2026, 6, 20, 8, 0)


def test_configured_numbers_are_respected_and_validated() -> None:
    stamps = _daily(datetime(2026, 1, 1, 8, 0), 100)
    kept = backups_to_keep(stamps, RotationPolicy(daily=3, monthly=2), date(2026, 12, 1))
    assert len(kept) == 3 + 1  # April is covered by the dailies, March is the other month
    assert RotationPolicy(daily=0, monthly=12).problems()
    assert RotationPolicy(daily=14, monthly=-1).problems()
    assert RotationPolicy().problems() == []


def test_expected_removal_with_a_backup_every_coming_day() -> None:
    from dpo_desk.core.rotation import expected_removal

    today = date(2027, 3, 10)
    stamps = [datetime(2027, 3, 10, 8), datetime(2027, 3, 9, 8), datetime(2027, 2, 20, 8)]
    removal = expected_removal(stamps, RotationPolicy(daily=3, monthly=1), today)
    # Yesterday's leaves once three newer days exist; February's once March is the only
    # month kept and it is no longer among the three newest days.
    assert removal[datetime(2027, 3, 9, 8)] == date(2027, 3, 12)
    assert removal[datetime(2027, 3, 10, 8)] == date(2027, 3, 13)
    assert removal[datetime(2027, 2, 20, 8)] == date(2027, 3, 11)
