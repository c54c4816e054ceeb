"""Integrity check: the checks a file from outside must pass, plus the app's invariants.

``run_check`` is what ``dpo-desk check`` runs on the live file: the exact schema of its
revision, SQLite's integrity check, foreign keys, JSON columns, stored paths (the same as
for a restored backup, ``store.distrust``) and the invariants below. ``quick_check`` is the
short variant for the start of the GUI. ``invariant_problems`` is also run on every
restored or upgraded staging copy before it is swapped in. Tables of areas that are not in
this database (yet) are skipped, so the invariants work on every schema version. Reports
name tables and ids, never people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpo_desk.services.audit.chain import moved_in_entries
from dpo_desk.services.context import ServiceContext
from dpo_desk.store import distrust
from dpo_desk.store.errors import is_db_error

# Audit events may go back this far in time (clock corrections) before it counts as disorder.
AUDIT_CLOCK_TOLERANCE_S = 60
MAX_REPORTED = 20


@dataclass
class CheckReport:
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    server: bool = False  # backups are the server's there, not the app's

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [f"✓ {c}" for c in self.checks]
        if self.ok:
            lines.append("Die Datenbank ist in Ordnung.")
        else:
            lines.append(f"{len(self.problems)} Problem(e) gefunden:")
            lines += [f"✗ {p}" for p in self.problems]
            lines.append(
                "Bitte die Administration des Servers verständigen (sie stellt bei Bedarf "
                "eine Sicherung des Servers wieder her)."
                if self.server
                else "Bitte eine Sicherung prüfen und gegebenenfalls wiederherstellen "
                "(dpo-desk backup list / restore)."
            )
        return "\n".join(lines)


def _tables(conn: Any) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {n: {c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')} for n in names}


def _audit_order(conn: Any, tables: dict[str, set[str]], report: CheckReport) -> None:
    if "audit_event" not in tables:
        return
    report.checks.append("Protokoll (Audit) in zeitlicher Reihenfolge")
    moved_in = moved_in_entries(conn) if "chain_hash" in tables["audit_event"] else []
    rows = conn.execute(
        "SELECT id FROM (SELECT id, occurred_at, "
        "LAG(occurred_at) OVER (ORDER BY id) AS previous FROM audit_event) "
        "WHERE (julianday(previous) - julianday(occurred_at)) * 86400 > ? LIMIT ?",
        (AUDIT_CLOCK_TOLERANCE_S, MAX_REPORTED + len(moved_in)),
    ).fetchall()
    # The entries a school brought when it moved in are older than those before them.
    rows = [r for r in rows if not any(first <= r[0] <= last for first, last in moved_in)]
    for (event_id,) in rows[:MAX_REPORTED]:
        report.problems.append(
            f"Protokolleintrag {event_id} ist älter als der vorhergehende Eintrag "
            "(Reihenfolge gestört)."
        )


def _audit_chain(conn: Any, tables: dict[str, set[str]], report: CheckReport) -> None:
    """The hash chain of the change log: the first broken or missing link is named."""
    if "chain_hash" not in tables.get("audit_event", set()):
        return
    from dpo_desk.services.audit.chain import chain_lines, verify_audit_chain

    line, problems = chain_lines(verify_audit_chain(conn))
    report.checks.append(line)
    report.problems += problems


def _consent_versions(conn: Any, tables: dict[str, set[str]], report: CheckReport) -> None:
    """Every recorded consent points to an existing text version of its own template."""
    for table, columns in tables.items():
        if not table.startswith("consent") or "version" in table or "template" in table:
            continue
        for column in sorted(c for c in columns if c.endswith("version_id")):
            report.checks.append(f"Einwilligungen mit vorhandener Textfassung ({table})")
            targets = [
                (fk[2], fk[4] or "id")
                for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")')
                if fk[3] == column and fk[2] in tables
            ]
            missing = f't."{column}" IS NULL'
            for parent, parent_col in targets:
                same_template = ""
                if "template_id" in columns and "template_id" in tables[parent]:
                    same_template = " AND p.template_id = t.template_id"
                missing += (
                    f' OR NOT EXISTS (SELECT 1 FROM "{parent}" p '
                    f'WHERE p."{parent_col}" = t."{column}"{same_template})'
                )
            rows = conn.execute(
                f'SELECT t.rowid FROM "{table}" t WHERE {missing} LIMIT {MAX_REPORTED}'
            ).fetchall()
            for (rowid,) in rows:
                report.problems.append(
                    f"Einwilligung {rowid} ({table}) verweist auf keine vorhandene Textfassung "
                    "ihrer Vorlage."
                )


def _one_class_per_year(conn: Any, tables: dict[str, set[str]], report: CheckReport) -> None:
    enrolment = tables.get("enrolment", set())
    if not {"student_id", "school_year"} <= enrolment:
        return
    report.checks.append("Jede Schülerin / jeder Schüler höchstens in einer Klasse pro Schuljahr")
    rows = conn.execute(
        "SELECT student_id, school_year FROM enrolment GROUP BY student_id, school_year "
        f"HAVING count(*) > 1 LIMIT {MAX_REPORTED}"
    ).fetchall()
    for student_id, year in rows:
        report.problems.append(
            f"Schüler/in {student_id} ist im Schuljahr {year} in mehreren Klassen eingetragen."
        )
    if "class_id" in enrolment and "school_year" in tables.get("school_class", set()):
        rows = conn.execute(
            "SELECT e.student_id, e.school_year, c.school_year FROM enrolment e "
            "JOIN school_class c ON c.id = e.class_id WHERE c.school_year <> e.school_year "
            f"LIMIT {MAX_REPORTED}"
        ).fetchall()
        for student_id, year, class_year in rows:
            report.problems.append(
                f"Schüler/in {student_id}: Eintrag für {year} zeigt auf eine Klasse des "
                f"Schuljahres {class_year}."
            )


def invariant_problems(conn: Any) -> list[str]:
    """The app's own rules over a raw connection (German, ids only)."""
    report = CheckReport()
    tables = _tables(conn)
    _audit_order(conn, tables, report)
    _consent_versions(conn, tables, report)
    _one_class_per_year(conn, tables, report)
    return report.problems


def _file_checks(conn: Any, report: CheckReport, root: Path, quick: bool) -> bool:
    """The checks of ``store.distrust``; False when the file is too broken to go on."""
    revision, problem = distrust.stored_revision(conn)
    report.checks.append("Aufbau genau wie das Schema der Datei (keine fremden Trigger, Sichten)")
    if revision is None:
        report.problems.append(problem or "Keine Schema-Version.")
        return False
    report.problems += distrust.structure_problems(conn, revision)
    report.checks.append("SQLite-Integritätsprüfung" + (" (schnell)" if quick else ""))
    integrity = distrust.integrity_problems(conn, quick)
    report.problems += integrity
    if report.problems:
        return False
    report.checks.append("Verweise zwischen Tabellen (Fremdschlüssel)")
    report.problems += distrust.foreign_key_problems(conn)
    report.checks.append("JSON-Spalten lesbar und in der erwarteten Form")
    report.problems += distrust.json_problems(conn)
    report.checks.append("Gespeicherte Pfade innerhalb des Datenordners")
    report.problems += distrust.path_problems(conn, root)
    return True


def run_check(ctx: ServiceContext, quick: bool = False) -> CheckReport:
    """All checks; ``quick`` uses SQLite's faster ``quick_check`` for the file structure.
    In server mode the checks that mean something there (``server_check``)."""
    if ctx.server_mode:
        from dpo_desk.services.safety.server_check import run_server_check

        return run_server_check(ctx)
    report = CheckReport()
    conn = ctx.db.connect_raw(readonly=True)
    try:
        conn.execute("BEGIN")
        if not _file_checks(conn, report, ctx.paths.attachments_dir, quick):
            return report
        tables = _tables(conn)
        _audit_order(conn, tables, report)
        _audit_chain(conn, tables, report)
        _consent_versions(conn, tables, report)
        _one_class_per_year(conn, tables, report)
    except Exception as exc:
        if not is_db_error(exc):
            raise
        report.problems.append(f"Die Datenbankdatei ist beschädigt ({type(exc).__name__}).")
    finally:
        conn.close()
    return report


def quick_check(ctx: ServiceContext) -> CheckReport:
    """The check for the start of the GUI (a fraction of a second on a school's data)."""
    return run_check(ctx, quick=True)
