"""Generator of hostile database files: backups (or a live file) that an attacker or an
accident altered. Each is a copy of a real dpo_desk database with one thing changed:
a trigger that deletes every new consent, a file holding only ``alembic_version``, a
stored path out of the data folder, a dropped table, broken references, invalid JSON ...
Nothing is checked in: ``make(base, folder, case)`` writes one, seeded, in milliseconds.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from dpo_desk.store import schema

Maker = Callable[[Path, Path], None]  # (a good database file, the file to write)


def _execute(target: Path, statements: tuple[str, ...]) -> None:
    conn = sqlite3.connect(target)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _sql(*statements: str) -> Maker:
    """A copy of the good file, changed by ``statements``."""

    def make(base: Path, target: Path) -> None:
        shutil.copyfile(base, target)
        _execute(target, statements)

    return make


def _fresh(*statements: str) -> Maker:
    """A new file made of ``statements`` only."""
    return lambda _base, target: _execute(target, statements)


def _bytes_of(make_bytes: Callable[[bytes], bytes]) -> Maker:
    return lambda base, target: target.write_bytes(make_bytes(base.read_bytes()))


def _corrupt_pages(data: bytes) -> bytes:
    rng = random.Random(5)
    blob = bytearray(data)
    for _ in range(40):
        at = rng.randrange(4096, len(blob) - 64)
        blob[at : at + 64] = rng.randbytes(64)
    return bytes(blob)


def _old_with_path(path: str) -> Maker:
    """A file of schema 0005 (contracts as files) whose processor points at ``path``."""

    def make(_base: Path, target: Path) -> None:
        from dpo_desk.store.database import make_engine
        from dpo_desk.store.migrate import upgrade

        engine = make_engine(target)
        try:
            upgrade(engine, "0005_consent")
        finally:
            engine.dispose()
        conn = sqlite3.connect(target)
        try:
            _insert(conn, "school", id=1, name="Altschule", state="NW")
            _insert(
                conn,
                "processor",
                id=1,
                school_id=1,
                key="opfer",
                name="Opfer GmbH",
                contract_file=path,
                contract_file_name="vertrag.pdf",
            )
            conn.commit()
        finally:
            conn.close()

    return make


def _insert(conn: sqlite3.Connection, table: str, **values: object) -> None:
    """One row; every NOT NULL column not given gets a neutral value of its type."""
    for _cid, name, kind, notnull, default, _pk in conn.execute(f'PRAGMA table_info("{table}")'):
        if name in values or not notnull or default is not None:
            continue
        kind = kind.upper()
        if kind in ("JSON",):
            values[name] = "[]"
        elif "INT" in kind or "BOOL" in kind:
            values[name] = 0
        elif "DATETIME" in kind:
            values[name] = "2026-01-01 08:00:00.000000"
        elif "DATE" in kind:
            values[name] = "2026-01-01"
        else:
            values[name] = ""
    names = ", ".join(f'"{n}"' for n in values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values()))


def _encrypted_elsewhere(base: Path, target: Path) -> None:
    from dpo_desk.store import crypto
    from dpo_desk.store.backup import copy_database

    copy_database(base, None, target, crypto.new_key("Eine-ganz-andere-Passphrase"))


def _fifo(_base: Path, target: Path) -> None:
    os.mkfifo(target)


CASES: dict[str, Maker] = {
    "trigger-loescht-einwilligungen": _sql(
        "CREATE TRIGGER leeren AFTER INSERT ON consent_event BEGIN DELETE FROM consent_event; END"
    ),
    "trigger-auf-schule": _sql(
        "CREATE TRIGGER still BEFORE UPDATE ON school BEGIN SELECT RAISE(IGNORE); END"
    ),
    "nur-alembic-version": _fresh(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        f"INSERT INTO alembic_version VALUES ('{schema.HEAD}')",
    ),
    "vertragspfad-nach-oben": _old_with_path("../../opfer/geheim.txt"),
    "vertragspfad-absolut": _old_with_path("/etc/passwd"),
    "tabelle-fehlt": _sql("DROP TABLE dsfa_threshold"),
    "fremdschluessel-kaputt": _sql(
        "INSERT INTO activity_processor (school_id, activity_id, processor_id) "
        "VALUES (999, 999999, 999999)"
    ),
    "json-kaputt": _sql("UPDATE processing_activity SET data_subjects = '{kein json'"),
    "json-falsche-form": _sql("UPDATE audit_event SET changes = '[1, 2, 3]'"),
    "json-als-blob": _sql("UPDATE processing_activity SET legal_bases = x'5b5d'"),
    "fremde-sicht": _sql("CREATE VIEW alle AS SELECT * FROM school"),
    "fremder-index": _sql("CREATE INDEX ix_fremd ON school (name)"),
    "index-fehlt": _sql("DROP INDEX ix_processing_activity_school_id"),
    "fremde-spalte": _sql("ALTER TABLE school ADD COLUMN notiz TEXT"),
    "spalte-umbenannt": _sql("ALTER TABLE app_setting RENAME COLUMN value TO wert"),
    "neuere-version": _sql("UPDATE alembic_version SET version_num = '9999_zukunft'"),
    "zwei-versionen": _sql("INSERT INTO alembic_version VALUES ('0001_foundation')"),
    "abgeschnitten": _bytes_of(lambda data: data[:8192]),
    "zufallsbytes": _bytes_of(lambda _data: random.Random(4).randbytes(65536)),
    "seiten-beschaedigt": _bytes_of(_corrupt_pages),
    "fremde-datenbank": _fresh("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)"),
    "symlink-dev-zero": lambda _base, target: target.symlink_to("/dev/zero"),
    "fifo": _fifo,
    "ordner": lambda _base, target: target.mkdir(),
}
ENCRYPTED_CASES: dict[str, Maker] = {"fremde-passphrase": _encrypted_elsewhere}


def make(base: Path, folder: Path, case: str) -> Path:
    """Write the hostile database ``case`` (made from the good file ``base``) into
    ``folder``, under a backup's name; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"dpo_desk_2026-01-01_080000_{case}.sqlite"
    (CASES | ENCRYPTED_CASES)[case](base, target)
    return target
