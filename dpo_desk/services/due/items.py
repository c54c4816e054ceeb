"""The due list: every dated duty of one school or of all schools, sorted by date.

Read in a handful of queries whatever the number of schools and students (one per area);
the speed target is 100 ms for five schools of 2,000 students (tests/benchmarks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from dpo_desk.core.dates import local_time
from dpo_desk.core.due import DueItem, sort_items, within
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.due.consent import consent_due_items
from dpo_desk.services.due.sources import (
    backup_item,
    breach_items,
    dsfa_measure_items,
    request_items,
    review_items,
)
from dpo_desk.services.safety.backup import backup_status
from dpo_desk.store.models import School

BACKUP_INTERVAL = timedelta(days=1)
"""The app backs up at the first start of every day; older than that is a duty."""


@dataclass(frozen=True)
class DueList:
    items: list[DueItem]
    now: datetime
    today: date
    schools: dict[int, str] = field(default_factory=dict)

    def overdue(self) -> list[DueItem]:
        return [i for i in self.items if i.is_overdue(self.now, self.today)]

    def is_overdue(self, item: DueItem) -> bool:
        return item.is_overdue(self.now, self.today)


def due_list(
    ctx: ServiceContext,
    school_ids: list[int] | None = None,
    within_days: int | None = None,
    include_backup: bool = True,
) -> DueList:
    """Dated duties of the given schools (None: all), due within ``within_days`` (overdue
    ones always; None: every date)."""
    now = ctx.clock.now()
    today = ctx.clock.today()
    with ctx.reading() as session:
        query = select(School.id, School.name)
        if school_ids is not None:
            query = query.where(School.id.in_(school_ids))
        schools = dict(session.execute(query).all())
        items: list[DueItem] = []
        if schools:
            items += breach_items(session, schools, now)
            items += request_items(session, schools)
            items += review_items(session, schools)
            items += dsfa_measure_items(session, schools)
            items += consent_due_items(session, schools, today)
    if include_backup and not ctx.server_mode:  # the server's backups are not ours
        status = backup_status(ctx)
        backup = backup_item(status.last_backup, status.failure, local_time(now), BACKUP_INTERVAL)
        if backup is not None:
            items.append(backup)
    return DueList(sort_items(within(items, today, within_days)), now, today, schools)
