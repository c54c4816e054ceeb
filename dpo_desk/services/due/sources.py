"""The dated duties of each area, read for several schools at once (one query per area).

Each function turns records into ``DueItem`` values with the place to act. Titles never
name a person; a request's subject goes into ``person`` (shown inside the app only).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.breaches.values import (
    ClockState,
    clock_state,
    notification_deadline,
    persons_pending,
)
from dpo_desk.core.dates import format_date, local_time
from dpo_desk.core.dsfa.plan import ACTION_STATUSES
from dpo_desk.core.due import DueItem, DueKind, Target
from dpo_desk.core.requests.values import KIND_LABELS, RequestStatus, deadline_of
from dpo_desk.services.dsfa.due import open_measures
from dpo_desk.store.models import (
    Breach,
    DsfaAssessment,
    ProcessingActivity,
    Processor,
    SubjectRequest,
)

SIGNED_OFF = "signed_off"


def breach_items(session: Session, schools: dict[int, str], now: datetime) -> list[DueItem]:
    """Open 72-hour clocks, and high-risk breaches whose persons are not yet told."""
    rows = session.execute(
        select(
            Breach.id,
            Breach.school_id,
            Breach.reference,
            Breach.title,
            Breach.aware_at,
            Breach.notified_at,
            Breach.no_notification_reason,
            Breach.risk_class,
            Breach.persons_informed_on,
            Breach.persons_not_informed_reason,
        ).where(Breach.school_id.in_(schools), Breach.closed_on.is_(None))
    )
    items = []
    for breach_id, school_id, ref, title, aware, notified, reason, risk, told, no_tell in rows:
        deadline = notification_deadline(aware)
        target = Target("breachesPage", "breach", breach_id, ref)
        state = clock_state(aware, notified, bool(reason), now)
        common = dict(
            school_id=school_id,
            school_name=schools[school_id],
            target=target,
            due=local_time(deadline).date(),
            due_at=deadline,
        )
        if state in (ClockState.RUNNING, ClockState.OVERDUE):
            items.append(
                DueItem(
                    kind=DueKind.BREACH_NOTIFICATION,
                    title=f"Datenpanne {ref} „{title}“: melden oder begründen (72 Stunden)",
                    detail="Meldung an die Aufsichtsbehörde (Art. 33 DSGVO)",
                    uid=f"breach-{breach_id}",
                    **common,
                )
            )
        if persons_pending(risk, told, no_tell):
            items.append(
                DueItem(
                    kind=DueKind.BREACH_PERSONS,
                    title=f"Datenpanne {ref} „{title}“: Betroffene benachrichtigen",
                    detail="Hohes Risiko: unverzüglich (Art. 34 DSGVO)",
                    uid=f"breach-persons-{breach_id}",
                    **common,
                )
            )
    return items


def request_items(session: Session, schools: dict[int, str]) -> list[DueItem]:
    rows = session.execute(
        select(
            SubjectRequest.id,
            SubjectRequest.school_id,
            SubjectRequest.reference,
            SubjectRequest.kind,
            SubjectRequest.received_on,
            SubjectRequest.extended_until,
            SubjectRequest.subject_name,
        ).where(SubjectRequest.school_id.in_(schools), SubjectRequest.status == RequestStatus.OPEN)
    )
    items = []
    for request_id, school_id, ref, kind, received, extended, subject in rows:
        detail = f"eingegangen am {format_date(received)}"
        if extended is not None:
            detail += f"; Frist verlängert bis {format_date(extended)}"
        items.append(
            DueItem(
                kind=DueKind.REQUEST,
                due=deadline_of(received, extended),
                title=f"Anfrage {ref}: {KIND_LABELS.get(kind, kind)} beantworten",
                school_id=school_id,
                school_name=schools[school_id],
                target=Target("requestsPage", "subject_request", request_id, ref),
                detail=detail,
                person=subject,
                uid=f"request-{request_id}",
            )
        )
    return items


def _review(kind: str, page: str, entity: str, rows, schools: dict[int, str]) -> list[DueItem]:
    """Rows of (id, school, key, day, title, uid suffix) as review duties on ``page``."""
    return [
        DueItem(
            kind=kind,
            due=day,
            title=title,
            school_id=school_id,
            school_name=schools[school_id],
            target=Target(page, entity, record_id, key),
            uid=f"{kind}-{record_id}{suffix}",
        )
        for record_id, school_id, key, day, title, suffix in rows
    ]


def review_items(session: Session, schools: dict[int, str]) -> list[DueItem]:
    """Review dates of register entries, processor contracts and signed-off DSFAs."""
    a, p, d = ProcessingActivity, Processor, DsfaAssessment
    entries = session.execute(
        select(a.id, a.school_id, a.key, a.next_review, a.name).where(
            a.school_id.in_(schools), a.next_review.is_not(None), a.archived_on.is_(None)
        )
    )
    contracts = session.execute(
        select(p.id, p.school_id, p.key, p.contract_review, p.name).where(
            p.school_id.in_(schools), p.contract_review.is_not(None), p.contract_status != "ended"
        )
    )
    latest = (
        select(d.activity_id, func.max(d.version).label("version"))
        .where(d.school_id.in_(schools))
        .group_by(d.activity_id)
        .subquery()
    )
    assessments = session.execute(
        select(d.activity_id, d.school_id, a.key, d.next_review, a.name, d.version)
        .join(latest, (latest.c.activity_id == d.activity_id) & (latest.c.version == d.version))
        .join(a, a.id == d.activity_id)
        .where(d.status == SIGNED_OFF, d.next_review.is_not(None), a.archived_on.is_(None))
    )
    return [
        *_review(
            DueKind.ACTIVITY_REVIEW,
            "registerPage",
            "activity",
            [(i, s, k, day, f"VVT-Eintrag „{n}“ überprüfen", "") for i, s, k, day, n in entries],
            schools,
        ),
        *_review(
            DueKind.CONTRACT_REVIEW,
            "processorsPage",
            "processor",
            [(i, s, k, day, f"AV-Vertrag „{n}“ überprüfen", "") for i, s, k, day, n in contracts],
            schools,
        ),
        *_review(
            DueKind.DSFA_REVIEW,
            "dsfaPage",
            "activity",
            [
                (i, s, k, day, f"DSFA „{n}“ (Version {v}) überprüfen", f"-{v}")
                for i, s, k, day, n, v in assessments
            ],
            schools,
        ),
    ]


def dsfa_measure_items(session: Session, schools: dict[int, str]) -> list[DueItem]:
    """Open measures of the DSFA action plans with a deadline (``services.dsfa.due``); the
    person responsible goes into ``person`` (shown inside the app only), not the title."""
    return [
        DueItem(
            kind=DueKind.DSFA_MEASURE,
            due=m.due_on,
            title=f"DSFA „{m.activity_name}“: Maßnahme „{m.title}“ umsetzen",
            school_id=m.school_id,
            school_name=schools[m.school_id],
            target=Target("dsfaPage", "activity", m.activity_id, m.activity_key),
            detail=f"Maßnahmenplan (Version {m.assessment_version}), Stand: "
            f"{ACTION_STATUSES.get(m.status, m.status)}",
            person=m.owner,
            uid=f"dsfa-measure-{m.action_id}",
        )
        for m in open_measures(session, schools)
    ]


def backup_item(
    last_backup: datetime | None, failure: str | None, now: datetime, interval: timedelta
) -> DueItem | None:
    """One item (not tied to a school) when the newest backup is older than the interval or
    the last one failed. ``last_backup`` and ``now`` are local times."""
    if failure is None and last_backup is not None and now - last_backup <= interval:
        return None
    due = last_backup + interval if last_backup is not None and failure is None else now
    if failure is not None:
        detail = f"letzte Sicherung fehlgeschlagen: {failure}"
    elif last_backup is not None:
        detail = f"letzte Sicherung am {last_backup:%d.%m.%Y %H:%M}"
    else:
        detail = "noch keine Sicherung vorhanden"
    return DueItem(
        kind=DueKind.BACKUP,
        due=due.date(),
        title="Datensicherung anlegen",
        school_id=None,
        school_name="alle Schulen",
        target=Target("settingsPage", "backup"),
        detail=detail,
        uid="backup",
    )
