"""One registry of settings: typed, bounded, defaulted; a damaged value reads as default."""

from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.validation import ValidationError
from dpo_desk.services import settings
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.store.models import AppSetting


def test_defaults_bounds_and_types(ctx) -> None:
    assert settings.read(ctx, settings.AUTO_LOCK_MINUTES) == 10
    with pytest.raises(ValidationError, match="höchstens 240"):
        settings.write(ctx, settings.AUTO_LOCK_MINUTES, 500)
    with pytest.raises(ValidationError, match="ganze Zahl"):
        settings.write(ctx, settings.AUTO_LOCK_MINUTES, "zehn")  # type: ignore[arg-type]
    settings.write(ctx, settings.AUTO_LOCK_MINUTES, 30)
    assert settings.read(ctx, settings.AUTO_LOCK_MINUTES) == 30
    assert set(settings.REGISTRY) >= {"user_name", "auto_lock_minutes", "backup_dir"}


def test_a_damaged_stored_value_reads_as_the_default(ctx) -> None:
    with ctx.unit_of_work() as uow:
        uow.session.add(AppSetting(key="backup_keep_daily", value="viele"))
    assert settings.read(ctx, settings.BACKUP_KEEP_DAILY) == 14


def test_several_settings_in_one_transaction_or_none(ctx) -> None:
    with pytest.raises(ValidationError):
        settings.write_all(ctx, {settings.BACKUP_KEEP_DAILY: 7, settings.BACKUP_KEEP_MONTHLY: 999})
    assert settings.read(ctx, settings.BACKUP_KEEP_DAILY) == 14
    changes = settings.write_all(
        ctx, {settings.BACKUP_KEEP_DAILY: 7, settings.BACKUP_KEEP_MONTHLY: 6}
    )
    assert changes and settings.read(ctx, settings.BACKUP_KEEP_MONTHLY) == 6


def test_the_clock_of_the_context_fixes_today(ctx, school_id) -> None:
    ctx.clock = FixedClock(date(2026, 3, 15))
    entry = add_from_catalogue(ctx, school_id, "schulverwaltung")
    released = release_activity(ctx, entry.id)
    assert released.data.next_review == date(2027, 3, 15)
