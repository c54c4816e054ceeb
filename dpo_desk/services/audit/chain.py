"""Verifying the change log's hash chain on a raw connection (``dpo-desk check``, the
GUI's check at start and on the change log page). Reads in id order, in batches, and stops
at the first broken or missing link."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dpo_desk.core.audit.chain import ChainReport, StoredEvent, verify_chain

ERASE_ACTION = "erase"
BLANKED_KEY = "blanked_events"
# A school moved in brings its log entries (re-sealed into this chain, ``LOG_KEY`` names
# their first and last id); a school removed after a move leaves its entries blanked.
MOVE_IN_ACTION = "move_in"
REMOVE_ACTION = "delete"
LOG_KEY = "log"
_VOUCHING = (ERASE_ACTION, MOVE_IN_ACTION, REMOVE_ACTION)
_BATCH = 5000
_COLUMNS = (
    "id, occurred_at, actor, school_id, entity_type, entity_id, action, changes, "
    "prev_hash, chain_hash, salt, erased_digest, erased_at"
)


def _instant(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _changes(value: Any) -> Any:
    if value is None or isinstance(value, dict | list):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # the digest will not match: reported as altered


def _events(conn: Any) -> Iterator[StoredEvent]:
    last = 0
    while True:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM audit_event WHERE id > ? ORDER BY id LIMIT {_BATCH}",
            (last,),
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield StoredEvent(
                id=row[0],
                occurred_at=_instant(row[1]),
                actor=row[2] or "",
                school_id=row[3],
                entity_type=row[4] or "",
                entity_id=row[5],
                action=row[6] or "",
                changes=_changes(row[7]),
                prev_hash=row[8] or "",
                chain_hash=row[9] or "",
                salt=row[10] or "",
                erased_digest=row[11] or "",
                erased=row[12] is not None,
            )
        last = rows[-1][0]


def vouched_erasures(conn: Any) -> set[int]:
    """Ids of events whose values a recorded erasure blanked (an erasure, a school moved
    in with entries erased at its source, a school removed after a move)."""
    vouched: set[int] = set()
    rows = conn.execute(
        "SELECT changes FROM audit_event WHERE action IN (?, ?, ?) AND erased_at IS NULL",
        _VOUCHING,
    )
    for (changes,) in rows:
        value = _changes(changes)
        if isinstance(value, dict):
            ids = value.get(BLANKED_KEY) or []
            vouched.update(i for i in ids if isinstance(i, int))
    return vouched


def removed_schools(conn: Any) -> frozenset[int]:
    """The schools a recorded removal deleted (their entries keep them in the seal)."""
    rows = conn.execute(
        "SELECT entity_id FROM audit_event WHERE entity_type = ? AND action = ?",
        ("school", REMOVE_ACTION),
    )
    return frozenset(school for (school,) in rows if school is not None)


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(i, int) for i in value):
        return value[0], value[1]
    return None


def moved_in_entries(conn: Any) -> list[tuple[int, int]]:
    """The id ranges of log entries that schools moved in brought (older than what the
    database held before them: not a disorder of the log). A move names its range; the
    removal of such a school again names the ranges of its moves (blanked by then)."""
    ranges = []
    rows = conn.execute(
        "SELECT changes FROM audit_event WHERE entity_type = ? AND action IN (?, ?) "
        "AND erased_at IS NULL",
        ("school", MOVE_IN_ACTION, REMOVE_ACTION),
    )
    for (changes,) in rows:
        value = _changes(changes)
        named = value.get(LOG_KEY) if isinstance(value, dict) else None
        if not isinstance(named, list):
            continue
        single = _span(named)
        spans = [single] if single else [_span(v) for v in named]
        ranges += [span for span in spans if span is not None]
    return ranges


def has_chain(conn: Any) -> bool:
    columns = {c[1] for c in conn.execute('PRAGMA table_info("audit_event")')}
    return "chain_hash" in columns


def verify_audit_chain(conn: Any) -> ChainReport:
    """The chain of every event in the database behind ``conn``."""
    return verify_chain(_events(conn), vouched_erasures(conn), removed_schools(conn))


def chain_lines(report: ChainReport) -> tuple[str, list[str]]:
    """(check line, problems) for the check report, in German."""
    if report.head_id is None and report.ok:
        return "Protokoll-Kette: noch keine Einträge", []
    line = (
        f"Protokoll-Kette geprüft: {report.events} Einträge"
        + (f", davon {report.erased} nach Löschung geleert" if report.erased else "")
        + f"; Kettenende Eintrag {report.head_id}, Prüfwert {report.head_hash[:16]}"
    )
    if report.problem is None:
        return line, []
    return "Protokoll-Kette (Prüfwerte)", [report.problem.text]


class ServerRows:
    """The few ``execute(sql, params)`` calls above on a SQLAlchemy connection (``?``
    placeholders become named ones), so the same walk reads the server's log."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        from sqlalchemy import text

        names = {f"p{i}": value for i, value in enumerate(params)}
        for name in names:
            sql = sql.replace("?", f":{name}", 1)
        return self.connection.execute(text(sql), names)


SERVER_CHAIN_LINE = (
    "Protokoll-Kette: im Servermodus prüft sie die Administration des Schulträgers "
    "(sie sieht die Einträge aller Schulen)"
)


def verify_log(ctx: Any) -> tuple[str, list[str]]:
    """The chain of the open database, as (check line, problems). On the server only an
    administrator sees every school's events, which the chain needs whole."""
    if ctx.server_mode:
        if not ctx.access.administrator:
            return SERVER_CHAIN_LINE, []
        with ctx.reading() as session:
            return chain_lines(verify_audit_chain(ServerRows(session.connection())))
    conn = ctx.db.connect_raw(readonly=True)
    try:
        conn.execute("BEGIN")
        return chain_lines(verify_audit_chain(conn))
    finally:
        conn.close()
