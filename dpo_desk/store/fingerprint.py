"""The exact schema of each revision, to compare a database file from outside against.

A fingerprint is what SQLite reports about a file's schema: every table with its columns
(name, type, not-null, default, primary key), foreign keys and indexes, plus the names of
triggers and views (there are none in dpo_desk). It is read through PRAGMAs rather than
from the stored SQL text, so files written by older library versions still match.

One JSON file per revision lives in ``migrations/fingerprints/``; each is made by migrating
an empty database to that revision (``python -m dpo_desk.store.fingerprint --write``), and
``tests/store/test_fingerprints.py`` proves the stored ones still match the migrations.
A new migration therefore needs its fingerprint written and committed (docs/DEVELOPING.md).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FINGERPRINT_DIR = Path(__file__).resolve().parent / "migrations" / "fingerprints"
# SQLite's own tables: created by SQLite itself (AUTOINCREMENT, ANALYZE), not by a schema.
INTERNAL_TABLES = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat4")

Fingerprint = dict[str, Any]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_fingerprint(conn: Any) -> Fingerprint:
    """The fingerprint of the database behind the DB-API connection ``conn``."""
    objects = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    tables: dict[str, Any] = {}
    other: dict[str, list[str]] = {"trigger": [], "view": []}
    for kind, name, _table in objects:
        if kind == "table" and not name.startswith("sqlite_"):
            tables[name] = _table_fingerprint(conn, name)
        elif kind == "table" and name not in INTERNAL_TABLES:
            other.setdefault("table", []).append(name)
        elif kind in ("trigger", "view"):
            other[kind].append(name)
    return {"tables": tables, "triggers": other["trigger"], "views": other["view"]} | (
        {"internal_tables": other["table"]} if "table" in other else {}
    )


def _table_fingerprint(conn: Any, table: str) -> dict[str, Any]:
    """Columns, foreign keys and indexes as one readable line each (diffs stay legible)."""
    quoted = _quoted(table)
    columns = []
    for _cid, name, kind, notnull, default, pk, hidden in conn.execute(
        f"PRAGMA table_xinfo({quoted})"
    ):
        text = f"{name} {kind.upper()}".rstrip()
        text += " NOT NULL" if notnull else ""
        text += f" DEFAULT {default}" if default is not None else ""
        text += f" PK{pk}" if pk else ""
        text += f" HIDDEN{hidden}" if hidden else ""
        columns.append(text)
    foreign_keys = sorted(
        f"{src} -> {parent}.{dst} ON UPDATE {on_update} ON DELETE {on_delete}"
        for _id, _seq, parent, src, dst, on_update, on_delete, _match in conn.execute(
            f"PRAGMA foreign_key_list({quoted})"
        )
    )
    indexes = {}
    for _seq, name, unique, origin, partial in conn.execute(f"PRAGMA index_list({quoted})"):
        keyed = ", ".join(
            f"{column if column is not None else '<Ausdruck>'}{' DESC' if desc else ''}"
            for _seqno, _cid, column, desc, _coll, key in conn.execute(
                f"PRAGMA index_xinfo({_quoted(name)})"
            )
            if key
        )
        kind = ("UNIQUE " if unique else "") + origin + (" PARTIAL" if partial else "")
        indexes[name] = f"{kind}: {keyed}"
    return {"columns": columns, "foreign_keys": foreign_keys, "indexes": indexes}


def differences(found: Fingerprint, expected: Fingerprint, limit: int = 8) -> list[str]:
    """What differs, in German, naming tables, columns and indexes (never data)."""
    problems: list[str] = []
    found_tables, expected_tables = found.get("tables", {}), expected.get("tables", {})
    for name in sorted(set(expected_tables) - set(found_tables)):
        problems.append(f"Tabelle „{name}“ fehlt")
    for name in sorted(set(found_tables) - set(expected_tables)):
        problems.append(f"unbekannte Tabelle „{name}“")
    for name in sorted(set(found_tables) & set(expected_tables)):
        problems += _table_differences(name, found_tables[name], expected_tables[name])
    for kind, label in (
        ("triggers", "unerwarteter Trigger"),
        ("views", "unerwartete Sicht (View)"),
    ):
        for name in sorted(set(found.get(kind, [])) - set(expected.get(kind, []))):
            problems.append(f"{label} „{name}“")
        for name in sorted(set(expected.get(kind, [])) - set(found.get(kind, []))):
            problems.append(f"{label.split(' ', 1)[1]} „{name}“ fehlt")
    for name in found.get("internal_tables", []):
        problems.append(f"unbekannte interne Tabelle „{name}“")
    return problems[:limit] + (
        [f"… und {len(problems) - limit} weitere"] if len(problems) > limit else []
    )


def _table_differences(table: str, found: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    problems = []
    found_columns = {c.split(" ", 1)[0]: c for c in found["columns"]}
    expected_columns = {c.split(" ", 1)[0]: c for c in expected["columns"]}
    for name in expected_columns.keys() - found_columns.keys():
        problems.append(f"Spalte „{table}.{name}“ fehlt")
    for name in found_columns.keys() - expected_columns.keys():
        problems.append(f"unbekannte Spalte „{table}.{name}“")
    for name in found_columns.keys() & expected_columns.keys():
        if found_columns[name] != expected_columns[name]:
            problems.append(f"Spalte „{table}.{name}“ ist anders definiert")
    if not problems and found["columns"] != expected["columns"]:
        problems.append(f"Spalten von „{table}“ in anderer Reihenfolge")
    if found["foreign_keys"] != expected["foreign_keys"]:
        problems.append(f"Verweise (Fremdschlüssel) von „{table}“ weichen ab")
    for name in sorted(expected["indexes"].keys() - found["indexes"].keys()):
        problems.append(f"Index „{name}“ fehlt")
    for name in sorted(found["indexes"].keys() - expected["indexes"].keys()):
        problems.append(f"unbekannter Index „{name}“")
    for name in sorted(found["indexes"].keys() & expected["indexes"].keys()):
        if found["indexes"][name] != expected["indexes"][name]:
            problems.append(f"Index „{name}“ ist anders definiert")
    return sorted(problems)


def fingerprint_file(revision: str) -> Path:
    return FINGERPRINT_DIR / f"{revision}.json"


@cache
def _stored(revision: str) -> str | None:
    try:
        return fingerprint_file(revision).read_text(encoding="utf-8")
    except OSError:
        return None


def expected_fingerprint(revision: str) -> Fingerprint | None:
    """The stored fingerprint of ``revision``; None when this version does not know it."""
    text = _stored(revision)
    return json.loads(text) if text is not None else None


def as_json(fingerprint: Fingerprint) -> str:
    return json.dumps(fingerprint, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def migrated_fingerprints(folder: Path) -> dict[str, Fingerprint]:
    """Migrate an empty database in ``folder`` revision by revision; each fingerprint."""
    import sqlite3

    from dpo_desk.store import schema
    from dpo_desk.store.database import make_engine
    from dpo_desk.store.migrate import upgrade

    path = folder / "fingerprint.sqlite"
    engine = make_engine(path)
    result = {}
    try:
        for revision in schema.REVISIONS:
            upgrade(engine, revision)
            with sqlite3.connect(path) as conn:
                result[revision] = json.loads(as_json(read_fingerprint(conn)))
    finally:
        engine.dispose()
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m dpo_desk.store.fingerprint [--write]``: check or rewrite the stored ones."""
    import sys
    import tempfile

    write = "--write" in (argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory() as folder:
        made = migrated_fingerprints(Path(folder))
    stale = 0
    for revision, fingerprint in made.items():
        text = as_json(fingerprint)
        if _stored(revision) == text:
            continue
        stale += 1
        if write:
            FINGERPRINT_DIR.mkdir(exist_ok=True)
            fingerprint_file(revision).write_text(text, encoding="utf-8")
            print(f"geschrieben: {fingerprint_file(revision).name}")
        else:
            print(f"veraltet oder fehlend: {fingerprint_file(revision).name}")
    return 1 if stale and not write else 0


if __name__ == "__main__":
    raise SystemExit(main())
