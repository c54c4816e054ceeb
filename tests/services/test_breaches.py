"""The breach register: one transaction and audit event per write, risk from the school's
matrix, stale saves refused, nothing half-written."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dpo_desk.core.breaches.values import BreachData, ClockState
from dpo_desk.core.dsfa.risk import HIGH, RiskMatrix
from dpo_desk.core.register.values import ActivityData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.breaches import records as breaches
from dpo_desk.services.changes import Area
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.dsfa.matrix import set_matrix
from dpo_desk.services.errors import StaleEdit
from dpo_desk.services.register.activities import create_activity
from dpo_desk.store.models import AuditEvent, Breach

AWARE = datetime(2026, 10, 12, 6, 15, tzinfo=UTC)


@pytest.fixture
def clocked(ctx):
    ctx.clock = FixedClock(date(2026, 10, 13))
    return ctx


def lost_stick(**changes) -> BreachData:
    values = dict(
        title="USB-Stick mit Notenlisten verloren",
        aware_at=AWARE,
        description="Ein unverschlüsselter USB-Stick mit Notenlisten der 7b ist verloren.",
        data_categories=["Noten", "Namen", " "],
        subject_groups=["Schülerinnen und Schüler"],
        persons_count=28,
    )
    return BreachData(**(values | changes))


def test_create_numbers_per_year_and_audits(clocked, school_id) -> None:
    first = breaches.create_breach(clocked, school_id, lost_stick())
    second = breaches.create_breach(clocked, school_id, lost_stick(title="Fehlversand"))
    assert (first.reference, second.reference) == ("2026-01", "2026-02")
    assert first.data.data_categories == ["Noten", "Namen"]
    assert first.changes.areas == {Area.BREACHES} and first.changes.school_id == school_id
    with clocked.reading() as session:
        events = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "breach")
        ).all()
    assert events == ["create", "create"]


def test_the_matrix_decides_the_risk_and_a_later_matrix_change_keeps_it(clocked, school_id) -> None:
    detail = breaches.create_breach(clocked, school_id, lost_stick(likelihood=3, severity=3))
    assert detail.risk_class == HIGH
    summary = breaches.list_breaches(clocked, school_id)[0]
    assert summary.persons_pending
    assert summary.state(clocked.clock.now()) is ClockState.RUNNING
    assert summary.status_text(clocked.clock.now()).startswith("Meldefrist: noch 45 Std.")
    lenient = RiskMatrix.from_rows([["low"] * 4] * 3 + [["medium"] * 4])
    set_matrix(clocked, school_id, lenient, confirmed=True)
    assert breaches.get_breach(clocked, detail.id).risk_class == HIGH


def test_bad_input_writes_nothing(clocked, school_id) -> None:
    with pytest.raises(ValidationError) as caught:
        breaches.create_breach(
            clocked, school_id, lost_stick(notified_at=AWARE - timedelta(hours=1))
        )
    assert caught.value.problems[0].field == "aware_at"
    with pytest.raises(ValidationError) as caught:
        breaches.create_breach(clocked, school_id, lost_stick(activity_ids=[999]))
    assert "Verarbeitungstätigkeit Nr. 999 gibt es in dieser Schule nicht" in str(caught.value)
    with clocked.reading() as session:
        assert session.scalar(select(func.count(Breach.id))) == 0
        assert (
            session.scalar(
                select(func.count(AuditEvent.id)).where(AuditEvent.entity_type == "breach")
            )
            == 0
        )


def test_update_links_and_refuses_stale_saves(clocked, school_id) -> None:
    activity = create_activity(clocked, school_id, ActivityData(name="Noten und Zeugnisse"))
    detail = breaches.create_breach(clocked, school_id, lost_stick())
    notified = clocked.clock.now()
    saved = breaches.update_breach(
        clocked,
        detail.id,
        replace(
            detail.data, activity_ids=[activity.id], notified_at=notified, likelihood=2, severity=3
        ),
        detail.row_version,
    )
    assert saved.data.activity_ids == [activity.id]
    assert saved.row_version == detail.row_version + 1
    assert saved.summary.state(notified) is ClockState.NOTIFIED
    # The same links again: nothing re-inserted, the unique constraint never trips.
    again = breaches.update_breach(
        clocked, detail.id, replace(saved.data, notes="Polizei"), saved.row_version
    )
    assert again.data.activity_ids == [activity.id]
    with pytest.raises(StaleEdit) as caught:
        breaches.update_breach(
            clocked, detail.id, replace(detail.data, title="Alt"), detail.row_version
        )
    assert "Kurzbezeichnung" in [d.field for d in caught.value.differences]


def test_find_by_reference_or_id_and_delete(clocked, school_id) -> None:
    detail = breaches.create_breach(clocked, school_id, lost_stick())
    assert breaches.find_breach(clocked, school_id, "2026-01").id == detail.id
    assert breaches.find_breach(clocked, school_id, str(detail.id)).id == detail.id
    with pytest.raises(LookupError):
        breaches.find_breach(clocked, school_id, "2025-07")
    changes = breaches.delete_breach(clocked, detail.id)
    assert Area.BREACHES in changes.areas
    assert breaches.list_breaches(clocked, school_id) == []
