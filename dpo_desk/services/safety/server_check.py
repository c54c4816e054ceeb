"""``dpo-desk check`` in server mode: what a person can check of the server's database.

The file checks of the local mode (SQLite's integrity check, foreign keys, the exact
schema of the file, stored paths) have no meaning on a server: PostgreSQL keeps its pages
and foreign keys itself, the schema revision is checked at every connection (a program
older or newer than the server's schema does not connect), and backups are the server's.
What remains is the app's own rules: one class per school year, the change log in order,
and its hash chain. The chain needs every school's entries, which only the school
authority's administration sees; others get the rules over their own schools.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dpo_desk.services.audit.chain import ServerRows, moved_in_entries, verify_log
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.check import (
    AUDIT_CLOCK_TOLERANCE_S,
    MAX_REPORTED,
    CheckReport,
    _one_class_per_year,
)

SERVER_FILE_LINE = (
    "Servermodus: Beschädigung, Fremdschlüssel und Sicherungen prüft und sichert der "
    "PostgreSQL-Server selbst (siehe docs/SERVER.md)"
)


def _table_columns() -> dict[str, set[str]]:
    from dpo_desk.store import models  # noqa: F401  (every table registered)
    from dpo_desk.store.base import Base

    return {name: set(table.c.keys()) for name, table in Base.metadata.tables.items()}


def _audit_order(rows: Any, report: CheckReport) -> None:
    """Entries in id order, each no older than the one before (clock tolerance), except
    those a school brought when it moved in."""
    report.checks.append("Protokoll (Audit) in zeitlicher Reihenfolge")
    moved_in = moved_in_entries(rows)
    previous: datetime | None = None
    found = 0
    for event_id, moment in rows.execute("SELECT id, occurred_at FROM audit_event ORDER BY id"):
        late = previous is not None and (previous - moment).total_seconds() > (
            AUDIT_CLOCK_TOLERANCE_S
        )
        if late and not any(first <= event_id <= last for first, last in moved_in):
            report.problems.append(
                f"Protokolleintrag {event_id} ist älter als der vorhergehende Eintrag "
                "(Reihenfolge gestört)."
            )
            found += 1
            if found >= MAX_REPORTED:
                return
        previous = moment


def run_server_check(ctx: ServiceContext) -> CheckReport:
    """The checks that mean something on the server (German lines, ids, never people)."""
    report = CheckReport(server=True)
    report.checks.append(
        f"Verbunden mit {ctx.db.label}; Schema-Stand wie vom Programm erwartet"  # type: ignore[union-attr]
    )
    report.checks.append(SERVER_FILE_LINE)
    with ctx.reading() as session:
        rows = ServerRows(session.connection())
        _one_class_per_year(rows, _table_columns(), report)
        if ctx.access.administrator:
            _audit_order(rows, report)
    line, problems = verify_log(ctx)
    report.checks.append(line)
    report.problems += problems
    return report
