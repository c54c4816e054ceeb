"""What a database file from outside must pass before the app uses it.

A backup to restore, a file found in the data folder, an older file about to be upgraded:
each is hostile until its schema equals exactly the schema of its revision (no extra
table, column, index, trigger or view), SQLite's integrity check and the foreign keys
hold, every JSON column parses to the shape the app expects, and every stored path stays
inside the data folder. ``file_problems`` runs them all on a DB-API connection and reports
German sentences naming tables, columns and row ids, never the data in them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from dpo_desk.store import schema
from dpo_desk.store.attachments import path_problem
from dpo_desk.store.fingerprint import differences, expected_fingerprint, read_fingerprint

MAX_REPORTED = 20
# Columns that held paths into the data folder in older schema versions.
PATH_COLUMNS = (("processor", "contract_file"),)


def stored_revision(conn: Any) -> tuple[str | None, str | None]:
    """The one revision the file names, or (None, German problem)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return None, "Die Datei ist keine dpo_desk-Datenbank (keine Schema-Version)."
    rows = conn.execute("SELECT version_num FROM alembic_version LIMIT 2").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        return None, "Die Schema-Version der Datei ist ungültig."
    return rows[0][0], None


def structure_problems(conn: Any, revision: str) -> list[str]:
    """The file's schema against the stored fingerprint of ``revision``."""
    expected = expected_fingerprint(revision)
    if expected is None:
        if revision not in schema.REVISIONS:
            return [
                f"Die Datei stammt aus einer neueren Version von dpo_desk (Schema „{revision}“)."
            ]
        return [f"Für das Schema „{revision}“ fehlt die Beschreibung in diesem Programm."]
    found = differences(read_fingerprint(conn), expected)
    if not found:
        return []
    return [f"Der Aufbau der Datei weicht vom Schema „{revision}“ ab: " + "; ".join(found) + "."]


def integrity_problems(conn: Any, quick: bool = False) -> list[str]:
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({MAX_REPORTED})")]
    return [] if rows == ["ok"] else [f"Dateistruktur beschädigt: {r}" for r in rows]


def foreign_key_problems(conn: Any) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_REPORTED)
    return [
        f"Tabelle „{table}“, Zeile {rowid}: verweist auf einen fehlenden Eintrag in „{parent}“."
        for table, rowid, parent, _fk in rows
    ]


@cache
def json_columns() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(table, column, allowed JSON types) of every JSON column the models declare."""
    from sqlalchemy import JSON

    from dpo_desk.store.base import Base
    from dpo_desk.store.models import AuditEvent  # noqa: F401  (registers every model)

    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, JSON):
                continue
            default = column.default.arg(None) if column.default is not None else None
            shapes: tuple[str, ...] = ()
            if isinstance(default, list):
                shapes = ("array",)
            elif isinstance(default, dict):
                shapes = ("object",)
            found.append((table.name, column.name, shapes))
    return tuple(found)


def json_problems(conn: Any) -> list[str]:
    present = _columns_present(conn)
    problems: list[str] = []
    for table, column, shapes in json_columns():
        if column not in present.get(table, set()):
            continue
        condition = f'typeof("{column}") <> \'text\' OR json_valid("{column}") = 0'
        if shapes:
            allowed = ", ".join(f"'{shape}'" for shape in shapes)
            condition += f' OR json_type("{column}") NOT IN ({allowed})'
        rows = conn.execute(
            f'SELECT rowid FROM "{table}" WHERE "{column}" IS NOT NULL AND ({condition}) '
            f"LIMIT {MAX_REPORTED}"
        ).fetchall()
        problems += [
            f"Tabelle „{table}“, Zeile {rowid}: Spalte „{column}“ enthält kein gültiges JSON "
            "der erwarteten Form."
            for (rowid,) in rows
        ]
    return problems


def path_problems(conn: Any, attachments_root: Path | None) -> list[str]:
    """Stored paths that leave ``attachments_root`` (any absolute or ``..`` path when
    no folder is given)."""
    root = attachments_root if attachments_root is not None else Path("/nonexistent/anhaenge")
    present = _columns_present(conn)
    problems: list[str] = []
    for table, column in PATH_COLUMNS:
        if column not in present.get(table, set()):
            continue
        rows = conn.execute(
            f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL '
            f"AND \"{column}\" <> ''"
        )
        for rowid, value in rows:
            problem = path_problem(root, str(value))
            if problem:
                problems.append(f"Tabelle „{table}“, Zeile {rowid}: {problem}")
            if len(problems) >= MAX_REPORTED:
                return problems
    return problems


def _columns_present(conn: Any) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {
        n: {c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')}
        for n in names
        if not n.startswith("sqlite_")
    }


def file_problems(conn: Any, attachments_root: Path | None, *, quick: bool = False) -> list[str]:
    """Every check, in order; later checks are skipped once the structure is wrong."""
    revision, problem = stored_revision(conn)
    if revision is None:
        return [problem or "Die Datei ist keine dpo_desk-Datenbank."]
    problems = structure_problems(conn, revision)
    if problems:
        return problems
    problems = integrity_problems(conn, quick)
    if problems:
        return problems
    return foreign_key_problems(conn) + json_problems(conn) + path_problems(conn, attachments_root)
