"""Moving schools between two databases (the local file and a server, either way).

A direct copy through the models: every table that belongs to a school (it has a
``school_id``, or a foreign key to such a table) is read from the source in one snapshot
and written to the target in ONE transaction, with new ids and every foreign key
translated. Then the rows of each table are counted on both sides; any difference undoes
the whole copy. Tables added later by other areas are covered without changes here as
long as they carry their school. What is not a school's (people and their roles, app
settings) stays where it is: roles are server things and are granted anew there.

The schools' log entries are appended to the target's hash chain, sealed anew
(``_append_log``). ``remove_school`` (after a verified copy, on request) deletes the
school at the source, so that no second living copy remains; its log entries stay there,
blanked, and the chain stays whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Connection, Table, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from dpo_desk.core.access import Right
from dpo_desk.core.audit.chain import EventContent, event_hash, values_digest
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.audit.chain import BLANKED_KEY, LOG_KEY, MOVE_IN_ACTION, REMOVE_ACTION
from dpo_desk.services.context import ServiceContext, chain_head
from dpo_desk.store import models  # noqa: F401  (every table registered)
from dpo_desk.store.base import Base
from dpo_desk.store.models import School

# Not a school's: people and roles (server only), settings, the schema revision.
NOT_MOVED = frozenset({"app_user", "school_assignment", "app_setting", "alembic_version"})
CHUNK = 500


class CountMismatch(ValidationError):
    """After copying, a table holds a different number of rows than at the source."""


@dataclass(frozen=True)
class MovedSchool:
    source_id: int
    target_id: int
    name: str
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows, equal on both sides


@dataclass(frozen=True)
class MoveReport:
    schools: list[MovedSchool]
    not_moved: list[str]  # tables that are no school's


@cache
def school_tables() -> tuple[Table, ...]:
    """The tables that belong to schools, parents before children."""
    owned: list[Table] = []
    names: set[str] = set()
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_MOVED:
            continue
        if table.name == "school" or "school_id" in table.c:
            owned.append(table)
            names.add(table.name)
            continue
        parents = {fk.column.table.name for fk in table.foreign_keys}
        if parents & names:
            owned.append(table)
            names.add(table.name)
    return tuple(owned)


def _owner_filter(table: Table, school_ids: list[int]):  # type: ignore[no-untyped-def]
    """The WHERE clause choosing the rows of ``school_ids`` in ``table`` (a child without
    a school column through its parent, as a sub-select: no list of ids to bind)."""
    if table.name == "school":
        return table.c.id.in_(school_ids)
    if "school_id" in table.c:
        return table.c.school_id.in_(school_ids)
    owned = {t.name for t in school_tables()}
    for fk in table.foreign_keys:
        parent = fk.column.table
        if parent.name in owned and parent is not table:
            return fk.parent.in_(
                select(fk.column).where(_owner_filter(parent, school_ids)).scalar_subquery()
            )
    raise AssertionError(table.name)


def _read(conn: Connection, school_ids: list[int]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for table in school_tables():
        selected = select(table).where(_owner_filter(table, school_ids))
        if "id" in table.c:
            selected = selected.order_by(table.c.id)
        rows[table.name] = [dict(r._mapping) for r in conn.execute(selected)]
    return rows


def _translate(table: Table, row: dict, ids: dict[str, dict[int, int]]) -> dict:
    out = dict(row)
    for fk in table.foreign_keys:
        parent = fk.column.table.name
        name = fk.parent.name
        if parent == table.name or out.get(name) is None:
            continue
        mapping = ids.get(parent)
        if mapping is not None:
            out[name] = mapping[out[name]]
    return out


def _write(conn: Connection, rows: dict[str, list[dict]]) -> dict[str, dict[int, int]]:
    ids: dict[str, dict[int, int]] = defaultdict(dict)
    for table in school_tables():
        source = rows[table.name]
        if not source or table.name == "audit_event":  # last, see ``_append_log``
            continue
        self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        prepared = []
        for row in source:
            values = _translate(table, row, ids)
            for name in self_refs:
                values[name] = None  # filled in below, once every row has its new id
            prepared.append(values)
        if "id" in table.c:
            for start in range(0, len(prepared), CHUNK):
                chunk = prepared[start : start + CHUNK]
                old_ids = [v.pop("id") for v in chunk]
                new_ids = conn.execute(
                    insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk
                ).scalars()
                ids[table.name].update(zip(old_ids, new_ids, strict=True))
            for row in source:
                for name in self_refs:
                    if row.get(name) is not None:
                        mapping = ids[table.name]
                        conn.execute(
                            update(table)
                            .where(table.c.id == mapping[row["id"]])
                            .values({name: mapping[row[name]]})
                        )
        else:
            for start in range(0, len(prepared), CHUNK):
                conn.execute(insert(table), prepared[start : start + CHUNK])
    return ids


@dataclass(frozen=True)
class CopiedLog:
    """The log entries a copy brought: their id range and the erased ones per school."""

    span: tuple[int, int] | None
    erased: dict[int, list[int]]  # target school id -> ids of entries erased at the source


def _append_log(session: Session, source: list[dict], ids: dict[str, dict[int, int]]) -> CopiedLog:
    """Append the schools' log entries to the target's hash chain, in their order: each is
    sealed anew after the target's newest entry (time, person and values stay as they
    were; the school is the new one). Under the chain's lock, so their ids are one range."""
    table = Base.metadata.tables["audit_event"]
    head = chain_head(session)
    prepared = []
    for row in source:
        values = _translate(table, row, ids)
        values.pop("id")
        digest = values_digest(row["salt"], row["changes"]) if row["salt"] else row["erased_digest"]
        content = EventContent(
            values["occurred_at"],
            values["actor"],
            values["school_id"],
            values["entity_type"],
            values["entity_id"],
            values["action"],
            digest,
        )
        values["prev_hash"] = head
        head = values["chain_hash"] = event_hash(head, content)
        prepared.append(values)
    new_ids: list[int] = []
    conn = session.connection()
    for start in range(0, len(prepared), CHUNK):
        chunk = prepared[start : start + CHUNK]
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new_ids += conn.execute(statement, chunk).scalars().all()
    erased: dict[int, list[int]] = defaultdict(list)
    for values, new_id in zip(prepared, new_ids, strict=True):
        if values["erased_at"] is not None:
            erased[values["school_id"]].append(new_id)
    span = (min(new_ids), max(new_ids)) if new_ids else None
    return CopiedLog(span, dict(erased))


def _counts(conn: Connection, school_ids: Iterable[int]) -> dict[str, int]:
    wanted = sorted(school_ids)
    return {
        table.name: conn.scalar(
            select(func.count()).select_from(table).where(_owner_filter(table, wanted))
        )
        for table in school_tables()
    }


def _choose(source: ServiceContext, school_ids: list[int] | None) -> list[tuple[int, str, str]]:
    with source.reading() as session:
        query = select(School.id, School.name, School.school_number).order_by(School.id)
        if school_ids is not None:
            query = query.where(School.id.in_(school_ids))
        return [tuple(r) for r in session.execute(query)]  # type: ignore[misc]


def _clashes(target: ServiceContext, chosen: list[tuple[int, str, str]]) -> list[Problem]:
    with target.reading() as session:
        present = session.execute(select(School.name, School.school_number)).all()
    names = {name.lower() for name, _ in present}
    numbers = {number for _, number in present if number}
    return [
        Problem(
            "school",
            f"Die Schule „{name}“ gibt es im Ziel schon. Es wurde nichts kopiert; bitte "
            "dort zuerst entfernen oder eine andere Schule wählen.",
        )
        for _, name, number in chosen
        if name.lower() in names or (number and number in numbers)
    ]


def _same_database(source: ServiceContext, target: ServiceContext) -> bool:
    if source.server_mode and target.server_mode:
        return source.db.identity == target.db.identity  # type: ignore[union-attr]
    if not source.server_mode and not target.server_mode:
        return source.db.path == target.db.path
    return False


def copy_schools(
    source: ServiceContext, target: ServiceContext, school_ids: list[int] | None = None
) -> MoveReport:
    """Copy the schools (all when None) from ``source`` to ``target``; verified counts.

    Needs the data protection officer's rights at the source and the right to create
    schools at the target. Refused in German, with nothing written, when a school exists
    in the target already or the counts differ after copying."""
    if _same_database(source, target):
        raise ValidationError([Problem("target", "Quelle und Ziel sind dieselbe Datenbank.")])
    chosen = _choose(source, school_ids)
    if not chosen:
        raise ValidationError([Problem("school", "Keine Schule zum Umziehen gefunden.")])
    for school_id, name, _ in chosen:
        source.require(Right.USERS, school_id, f"die Schule „{name}“ vollständig ausgeben")
    target.access.require_administrator("Schulen übernehmen")
    problems = _clashes(target, chosen)
    if problems:
        raise ValidationError(problems)
    ids = [c[0] for c in chosen]
    with source.reading() as session:
        conn = session.connection()
        if source.server_mode:
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = _read(conn, ids)
        before = _counts(conn, ids)
    moved = []
    # A fresh local file has nobody named yet: the person moving the school is the one
    # signed in at the source.
    mover = target.actor if target.knows_actor() else source.actor
    with target.acting_as(mover), target.unit_of_work() as uow:
        conn = uow.session.connection()
        new_ids = _write(conn, rows)
        log = _append_log(uow.session, rows["audit_event"], new_ids)
        after = _counts(conn, new_ids["school"].values())
        if after != before:
            differ = [
                f"{t}: {before[t]} → {after.get(t)}" for t in before if before[t] != after.get(t)
            ]
            raise CountMismatch(
                [
                    Problem(
                        "counts", "Nach dem Kopieren stimmen die Zahlen nicht: " + "; ".join(differ)
                    )
                ]
            )
        for school_id, name, _ in chosen:
            new_id = new_ids["school"][school_id]
            counts = _counts(conn, [new_id])
            uow.audit(
                "school",
                new_id,
                "move_in",
                {
                    "from": source_label(source),
                    "rows": counts,
                    LOG_KEY: list(log.span) if log.span else None,
                    BLANKED_KEY: log.erased.get(new_id, []),
                },
                school_id=new_id,
            )
            moved.append(MovedSchool(school_id, new_id, name, counts))
    not_moved = sorted(NOT_MOVED - {"alembic_version"})
    return MoveReport(moved, not_moved)


def source_label(ctx: ServiceContext) -> str:
    if ctx.server_mode:
        return f"Server {ctx.db.label}"  # type: ignore[union-attr]
    return f"lokale Datei {ctx.paths.database.name}"


def remove_school(ctx: ServiceContext, school_id: int) -> None:
    """Delete the school with everything of it after a move (it lives on in the target).

    Its log entries stay, so that the hash chain stays whole: their values are blanked as
    in an erasure (the target holds them now), the database empties their school, and the
    removal entry names them (``blanked_events``) and the school (the chain check seals
    them under it). On the server through ``dpo_desk_remove_school`` (only the
    administration; the log is append-only there)."""
    from dpo_desk.services.erasure.service import blank_audit_entries
    from dpo_desk.store.models import AuditEvent

    ctx.access.require_administrator("Schulen entfernen")
    with ctx.unit_of_work() as uow:
        rows = uow.session.execute(
            select(AuditEvent.id, AuditEvent.changes, AuditEvent.action)
            .where(AuditEvent.school_id == school_id)
            .order_by(AuditEvent.id)
        ).all()
        entries = [entry for entry, _, _ in rows]
        # The entries a move brought in stay older than those before them: the removal
        # keeps naming their ranges once the move's own entry is blanked.
        spans = [
            changes[LOG_KEY]
            for _, changes, action in rows
            if action == MOVE_IN_ACTION and isinstance(changes, dict) and changes.get(LOG_KEY)
        ]
        # What the school's own erasures vouched for (entries of other schools naming the
        # same person included): blanking them ends their word, so the removal takes it on.
        vouched = {
            blanked
            for _, changes, _ in rows
            if isinstance(changes, dict) and isinstance(changes.get(BLANKED_KEY), list)
            for blanked in changes[BLANKED_KEY]
            if isinstance(blanked, int)
        }
        blank_audit_entries(uow, entries, ctx.clock.now())
        uow.session.flush()
        conn = uow.session.connection()
        if ctx.server_mode:
            conn.execute(text("SELECT dpo_desk_remove_school(:s)"), {"s": school_id})
        else:
            school = Base.metadata.tables["school"]
            conn.execute(delete(school).where(school.c.id == school_id))
        uow.audit(
            "school",
            school_id,
            REMOVE_ACTION,
            {"moved": True, BLANKED_KEY: sorted(vouched.union(entries)), LOG_KEY: spans},
            school_id=None,
        )
