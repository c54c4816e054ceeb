"""The breach register of a school: list, read, create, change, delete.

A write validates first (``core.breaches.rules``), then stores the record with the risk class
the school's matrix gives at that moment, in one transaction with one audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dpo_desk.core.breaches.rules import risk_class_of, validate_breach
from dpo_desk.core.breaches.values import (
    CLOCK_LABELS,
    FIELD_LABELS,
    BreachData,
    ClockState,
    clock_state,
    countdown_text,
    notification_deadline,
    persons_pending,
    risk_label,
)
from dpo_desk.core.dates import local_time
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.changes import Changes, changes_field, reported
from dpo_desk.services.context import ServiceContext, changes_between
from dpo_desk.services.dsfa.views import school_matrix
from dpo_desk.services.references import find_numbered, next_reference
from dpo_desk.services.register.mapping import jsonable
from dpo_desk.services.versions import (
    RecordGone,
    check_version,
    differences_between,
    mark_saved,
)
from dpo_desk.store.models import (
    Breach,
    BreachActivity,
    BreachProcessor,
    ProcessingActivity,
    Processor,
)

ENTITY = "breach"
SCALAR_FIELDS = [n for n in BreachData.field_names() if n not in ("activity_ids", "processor_ids")]


@dataclass(frozen=True)
class BreachSummary:
    """A line of the register; ``state``/``countdown`` answer for a given moment."""

    id: int
    school_id: int
    reference: str
    title: str
    aware_at: datetime
    notified_at: datetime | None
    documented: bool
    risk_class: str
    persons_count: int | None
    persons_pending: bool
    closed_on: date | None

    @property
    def deadline(self) -> datetime:
        return notification_deadline(self.aware_at)

    @property
    def risk_label(self) -> str:
        return risk_label(self.risk_class)

    def state(self, now: datetime) -> ClockState:
        return clock_state(self.aware_at, self.notified_at, self.documented, now)

    def clock_running(self, now: datetime) -> bool:
        return self.state(now) in (ClockState.RUNNING, ClockState.OVERDUE)

    def status_text(self, now: datetime) -> str:
        """ "Meldefrist: noch 41 Std. 12 Min.", "gemeldet am 13.10.2026 14:00", …"""
        state = self.state(now)
        if state in (ClockState.RUNNING, ClockState.OVERDUE):
            return f"Meldefrist: {countdown_text(self.deadline, now)}"
        if state in (ClockState.NOTIFIED, ClockState.NOTIFIED_LATE):
            assert self.notified_at is not None
            text = f"{CLOCK_LABELS[state]} am {local_time(self.notified_at):%d.%m.%Y %H:%M}"
        else:
            text = CLOCK_LABELS[state]
        if self.persons_pending:
            text += "; Betroffene noch zu benachrichtigen"
        return text

    def is_open(self) -> bool:
        return self.closed_on is None

    def is_overdue(self, now: datetime) -> bool:
        return self.state(now) is ClockState.OVERDUE or (
            self.persons_pending and now > self.deadline
        )


@dataclass(frozen=True)
class BreachDetail:
    id: int
    school_id: int
    reference: str
    data: BreachData
    risk_class: str
    row_version: int = 1
    changes: Changes = changes_field()

    @property
    def summary(self) -> BreachSummary:
        return _summary_of(self.id, self.school_id, self.reference, self.data, self.risk_class)


def _summary_of(
    breach_id: int, school_id: int, reference: str, d: BreachData, risk_class: str
) -> BreachSummary:
    assert d.aware_at is not None
    return BreachSummary(
        breach_id,
        school_id,
        reference,
        d.title,
        d.aware_at,
        d.notified_at,
        bool(d.no_notification_reason),
        risk_class,
        d.persons_count,
        persons_pending(risk_class, d.persons_informed_on, d.persons_not_informed_reason),
        d.closed_on,
    )


def breach_data(row: Breach) -> BreachData:
    return BreachData(
        **{name: getattr(row, name) for name in SCALAR_FIELDS},
        activity_ids=sorted(link.activity_id for link in row.activity_links),
        processor_ids=sorted(link.processor_id for link in row.processor_links),
    )


def load_breach(session: Session, breach_id: int) -> Breach:
    row = session.get(Breach, breach_id)
    if row is None:
        raise RecordGone(
            "Diese Datenpanne gibt es nicht mehr (inzwischen gelöscht). Nichts wurde gespeichert."
        )
    return row


def _detail(row: Breach) -> BreachDetail:
    return BreachDetail(
        row.id, row.school_id, row.reference, breach_data(row), row.risk_class, row.row_version
    )


def list_breaches(
    ctx: ServiceContext, school_id: int, year: int | None = None
) -> list[BreachSummary]:
    """The school's breaches, newest awareness first; ``year``: those known in that year."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(Breach)
            .where(Breach.school_id == school_id)
            .options(selectinload(Breach.activity_links), selectinload(Breach.processor_links))
            .order_by(Breach.aware_at.desc(), Breach.id.desc())
        )
        result = [_detail(row).summary for row in rows]
    if year is not None:
        result = [b for b in result if local_time(b.aware_at).year == year]
    return result


def breach_details(ctx: ServiceContext, school_id: int) -> list[BreachDetail]:
    """Every breach in full, oldest first (the printed register)."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(Breach)
            .where(Breach.school_id == school_id)
            .options(selectinload(Breach.activity_links), selectinload(Breach.processor_links))
            .order_by(Breach.aware_at, Breach.id)
        )
        return [_detail(row) for row in rows]


def get_breach(ctx: ServiceContext, breach_id: int) -> BreachDetail:
    with ctx.reading() as session:
        return _detail(load_breach(session, breach_id))


def find_breach(ctx: ServiceContext, school_id: int, wanted: str) -> BreachDetail:
    """By reference ("2026-01") or id, as a CLI user names it; LookupError otherwise."""
    with ctx.reading() as session:
        row = find_numbered(session, Breach, school_id, wanted)
        if row is None:
            raise LookupError(f"Keine Datenpanne „{wanted}“ in dieser Schule gefunden.")
        return _detail(row)


def _check_links(session: Session, school_id: int, data: BreachData) -> None:
    problems = []
    for ids, model, name, label in (
        (data.activity_ids, ProcessingActivity, "activity_ids", "Verarbeitungstätigkeit"),
        (data.processor_ids, Processor, "processor_ids", "Auftragsverarbeiter"),
    ):
        if not ids:
            continue
        found = set(
            session.scalars(select(model.id).where(model.id.in_(ids), model.school_id == school_id))
        )
        missing = [i for i in ids if i not in found]
        if missing:
            problems.append(
                Problem(
                    name,
                    f"{FIELD_LABELS[name]}: {label} Nr. {', '.join(map(str, missing))} gibt es in "
                    "dieser Schule nicht (mehr).",
                )
            )
    if problems:
        raise ValidationError(problems)


def _apply(row: Breach, data: BreachData, risk_class: str) -> None:
    for name in SCALAR_FIELDS:
        setattr(row, name, getattr(data, name))
    row.risk_class = risk_class
    _relink(row.activity_links, "activity_id", data.activity_ids, BreachActivity, row.school_id)
    _relink(row.processor_links, "processor_id", data.processor_ids, BreachProcessor, row.school_id)


def _relink(links: list, column: str, wanted: list[int], model: type, school_id: int) -> None:
    """Keep the links still wanted, drop the others, add the new ones (no delete-and-insert
    of an unchanged pair, which the unique constraint would refuse within one flush)."""
    have = {getattr(link, column) for link in links}
    for link in [link for link in links if getattr(link, column) not in wanted]:
        links.remove(link)
    for target in wanted:
        if target not in have:
            links.append(model(school_id=school_id, **{column: target}))


def _validated(ctx: ServiceContext, session: Session, school_id: int, data: BreachData):
    matrix = school_matrix(session, school_id)
    clean = validate_breach(data, matrix, ctx.clock.now())
    _check_links(session, school_id, clean)
    return clean, risk_class_of(clean, matrix) or ""


def create_breach(ctx: ServiceContext, school_id: int, data: BreachData) -> BreachDetail:
    with ctx.unit_of_work() as uow:
        clean, risk_class = _validated(ctx, uow.session, school_id, data)
        assert clean.aware_at is not None
        reference = next_reference(uow.session, Breach, school_id, local_time(clean.aware_at).year)
        row = Breach(school_id=school_id, reference=reference)
        uow.session.add(row)
        _apply(row, clean, risk_class)
        uow.session.flush()
        values = jsonable(clean.as_dict()) | {"reference": reference, "risk_class": risk_class}
        uow.audit(ENTITY, row.id, "create", values, school_id=school_id)
        return reported(_detail(row), uow.changes)


def update_breach(
    ctx: ServiceContext, breach_id: int, data: BreachData, expected_version: int | None = None
) -> BreachDetail:
    """Save changes; refused (``StaleEdit``) when the breach changed since
    ``expected_version`` was read."""
    with ctx.unit_of_work() as uow:
        row = load_breach(uow.session, breach_id)
        clean, risk_class = _validated(ctx, uow.session, row.school_id, data)
        before = jsonable(breach_data(row).as_dict()) | {"risk_class": row.risk_class}
        after = jsonable(clean.as_dict()) | {"risk_class": risk_class}
        check_version(
            uow.session,
            row,
            expected_version,
            entity_type=ENTITY,
            label=f"Die Datenpanne {row.reference} „{row.title}“",
            differences=differences_between(before, after, FIELD_LABELS),
        )
        changes = changes_between(before, after)
        if changes:
            _apply(row, clean, risk_class)
            mark_saved(row)
            uow.session.flush()
            uow.audit(ENTITY, row.id, "update", changes, school_id=row.school_id)
        return reported(_detail(row), uow.changes)


def delete_breach(ctx: ServiceContext, breach_id: int) -> Changes:
    """For an entry made by mistake: every real breach stays documented (Art. 33(5))."""
    with ctx.unit_of_work() as uow:
        row = load_breach(uow.session, breach_id)
        uow.audit(
            ENTITY,
            row.id,
            "delete",
            {"reference": row.reference, "title": row.title},
            school_id=row.school_id,
        )
        uow.session.delete(row)
        return uow.changes


def breach_years(ctx: ServiceContext, school_id: int) -> list[int]:
    """The years with breaches (newest first), for the year filter."""
    with ctx.reading() as session:
        instants = session.scalars(select(Breach.aware_at).where(Breach.school_id == school_id))
        return sorted({local_time(i).year for i in instants}, reverse=True)
