"""The server's side of the schema check.

The local file is compared with the fingerprint of its revision, read through PRAGMAs
(``store/fingerprint.py``); those are SQLite's and describe SQLite's types. A server
database is never a file from outside (no restore of a stranger's file replaces it), so
its check is lighter: every table and column the models of this version expect is there,
and none of the models' tables has columns this version does not know (a newer app
wrote there). Policies, functions and roles belong to the server set-up (``admin.py``).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine, text

from dpo_desk.store import models  # noqa: F401  (registers every table)
from dpo_desk.store.base import Base


def expected_columns() -> dict[str, set[str]]:
    return {name: {c.name for c in table.columns} for name, table in Base.metadata.tables.items()}


def structure_problems(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            )
        ).all()
    present: dict[str, set[str]] = defaultdict(set)
    for table, column in rows:
        present[table].add(column)
    problems = []
    for table, columns in sorted(expected_columns().items()):
        if table not in present:
            problems.append(f"Tabelle {table} fehlt")
            continue
        missing = sorted(columns - present[table])
        extra = sorted(present[table] - columns)
        if missing:
            problems.append(f"{table}: Spalten fehlen ({', '.join(missing)})")
        if extra:
            problems.append(f"{table}: unbekannte Spalten ({', '.join(extra)})")
    return problems
