"""The demo consents: every kind of answer a secretary meets, and no duplicates on re-run."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.templates import list_templates
from dpo_desk.services.demo import consent
from dpo_desk.services.register import activities
from dpo_desk.store.models import ConsentEvent


def _event_count(ctx) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(ConsentEvent))


def test_demo_has_a_realistic_mix_and_runs_twice_without_duplicates(ctx, demo) -> None:
    # ``demo`` is a copy of a database the demo filled from empty; seed it once more.
    schools = demo.schools
    events = _event_count(ctx)
    consent.seed(ctx, schools)
    assert _event_count(ctx) == events
    for school in schools:
        keys = {t.key for t in list_templates(ctx, school.id)}
        assert keys == {"videokonferenzen", "fotos", "lernplattform", "messenger"}
        status = template_status(ctx, school.id, "videokonferenzen")
        states = Counter(r.state(k) for r in status.rows for k, _ in status.options)
        assert set(states) == set(ConsentState) - {ConsentState.EXPIRED, ConsentState.RENEWAL_DUE}
        assert states[ConsentState.GRANTED] > states[ConsentState.NOT_RETURNED] > 0
        partial = [r for r in status.rows if r.state("audio") is not r.state("video")]
        assert partial
        linked = {
            a.key: activities.get_activity(ctx, a.id).data.consent_template_key
            for a in activities.list_activities(ctx, school.id)
        }
        assert linked["videokonferenz"] == "videokonferenzen"
        assert linked["homepage"] == "fotos"
