"""Everything due in one list: each area's dated duties, sorted, overdue marked, across
schools, and as an iCalendar file without names."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.core.consent.values import SignerRole
from dpo_desk.core.due import DueKind
from dpo_desk.core.register.values import ActivityData, ProcessorData
from dpo_desk.core.requests.values import RequestData
from dpo_desk.services.breaches.records import create_breach
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.due.calendar import due_calendar, export_calendar
from dpo_desk.services.due.items import due_list
from dpo_desk.services.register.activities import create_activity
from dpo_desk.services.register.processors import create_processor
from dpo_desk.services.requests.records import create_request
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile
from tests.services.consent_support import fill_school, hand_out

TODAY = date(2026, 11, 23)
GUARDIANS = frozenset({SignerRole.GUARDIANS})


@pytest.fixture
def two_schools(ctx, school_id, tmp_path: Path):
    ids = fill_school(ctx, school_id, tmp_path)
    other = create_school(ctx, sample_profile(name="Zweite Schule", school_number="654321")).id
    ctx.clock = FixedClock(TODAY)
    return ctx, school_id, other, ids


def test_every_area_contributes_sorted_with_overdue(two_schools) -> None:
    ctx, school_id, other, ids = two_schools
    create_breach(
        ctx,
        school_id,
        BreachData(title="Fehlversand", aware_at=datetime(2026, 11, 22, 10, 0, tzinfo=UTC)),
    )
    create_request(
        ctx,
        other,
        RequestData(received_on=date(2026, 10, 1), subject_name="Lena Vogt", kind="access"),
    )
    create_activity(ctx, school_id, ActivityData(name="Mensa", next_review=date(2027, 3, 1)))
    create_processor(
        ctx, other, ProcessorData(name="Cloud GmbH", contract_review=date(2026, 12, 1))
    )
    copy_from_catalogue(ctx, school_id, "fotos")
    hand_out(ctx, school_id, [ids["Becker"]], key="fotos")  # the form the family received
    record_form(
        ctx,
        school_id,
        "fotos",
        FormEntry(ids["Becker"], {"jahrbuch": True}, date(2025, 9, 1), date(2025, 9, 1), GUARDIANS),
        on=date(2025, 9, 1),
    )
    due = due_list(ctx, include_backup=False)
    kinds = [(i.kind, i.school_name) for i in due.items]
    assert kinds == [
        (DueKind.REQUEST, "Zweite Schule"),
        (DueKind.BREACH_NOTIFICATION, "Testschule am See"),
        (DueKind.CONTRACT_REVIEW, "Zweite Schule"),
        (DueKind.ACTIVITY_REVIEW, "Testschule am See"),
        (DueKind.CONSENT_RENEWAL, "Testschule am See"),
    ]
    request, breach, *_ = due.items
    assert due.is_overdue(request) and request.due == date(2026, 11, 1)
    assert request.person == "Lena Vogt" and "Lena" not in request.title
    assert breach.due_at == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert not due.is_overdue(breach)
    assert (
        due.items[-1].title
        == "„Fotos von Schülerinnen und Schülern“: 1 Einwilligung bis 31.08.2027 erneuern"
    )
    assert due.items[-1].target.page == "consentPage"
    # One school, and a horizon: overdue items stay in.
    mine = due_list(ctx, [other], within_days=3, include_backup=False)
    assert [i.kind for i in mine.items] == [DueKind.REQUEST]


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_a_missing_backup_is_due(two_schools) -> None:
    ctx, *_ = two_schools
    backup = [i for i in due_list(ctx).items if i.kind == DueKind.BACKUP]
    assert [b.detail for b in backup] == ["noch keine Sicherung vorhanden"]


def test_the_calendar_has_every_item_and_no_names(two_schools, tmp_path: Path) -> None:
    ctx, school_id, other, _ = two_schools
    create_request(
        ctx, other, RequestData(received_on=date(2026, 11, 20), subject_name="Lena Vogt")
    )
    create_breach(
        ctx,
        school_id,
        BreachData(title="Fehlversand", aware_at=datetime(2026, 11, 22, 10, 0, tzinfo=UTC)),
    )
    due = due_list(ctx, include_backup=False)
    target = tmp_path / "termine.ics"
    assert export_calendar(due, target) == 2
    data = target.read_bytes()
    assert b"Lena" not in data
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Datenpanne 2026-01 „Fehlversand“: melden oder begründen (72 Stunden)",
        "Anfrage 2026-01: Auskunft (Art. 15) beantworten",
    ]
    starts = {str(e["summary"])[:7]: e.decoded("dtstart") for e in events}
    assert starts["Anfrage"] == date(2026, 12, 20)
    assert starts["Datenpa"] == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert due_calendar(due) == due_calendar(due)  # stable: same uids, same stamp
