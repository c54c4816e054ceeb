"""The demo's breaches and requests: a lost USB stick notified in time, a breach documented
without notification, an access request answered and one running; re-running adds nothing."""

from __future__ import annotations

from dpo_desk.core.breaches.values import ClockState
from dpo_desk.services.breaches.records import list_breaches
from dpo_desk.services.demo import breaches as demo_breaches
from dpo_desk.services.demo import requests as demo_requests
from dpo_desk.services.requests.records import list_requests


def test_demo_casework(ctx, demo) -> None:
    for school in demo.schools:
        by_title = {b.title: b for b in list_breaches(ctx, school.id)}
        stick = by_title["USB-Stick mit Notenlisten verloren"]
        mail = by_title["Elternbrief mit allen E-Mail-Adressen im Empfängerfeld"]
        now = ctx.clock.now()
        assert stick.state(now) is ClockState.NOTIFIED
        assert stick.risk_label == "Risiko"
        assert mail.state(now) is ClockState.DOCUMENTED and mail.risk_label == "geringes Risiko"
        answered, running = sorted(list_requests(ctx, school.id), key=lambda r: r.received_on)
        assert answered.status == "answered" and answered.answered_in_time()
        assert running.is_open() and not running.is_overdue(ctx.clock.today())
        assert running.student_id is not None and running.kind == "access"
    demo_breaches.seed(ctx, demo.schools)
    demo_requests.seed(ctx, demo.schools)
    assert len(list_breaches(ctx, demo.schools[0].id)) == 2
    assert len(list_requests(ctx, demo.schools[0].id)) == 2
