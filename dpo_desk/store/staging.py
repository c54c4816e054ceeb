"""A database file from outside, made ready in a staging copy before it replaces anything.

``staged_copy`` copies the file next to the live database (re-keyed for it), runs every
check a hostile file must pass (``distrust.file_problems``), migrates it to the current
schema, checks the result against the head schema and the app's invariants, and hands the
staging file to the caller, who swaps it in. On any problem it raises
``UntrustedDatabase`` (German, naming what is wrong) and the staging copy is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dpo_desk.store import crypto, schema
from dpo_desk.store.attachments import ATTACHMENTS_FOLDER
from dpo_desk.store.crypto import DatabaseKey
from dpo_desk.store.distrust import file_problems, stored_revision, structure_problems
from dpo_desk.store.errors import UntrustedDatabase, is_db_error
from dpo_desk.store.private import held_temp, temp_name

Invariants = Callable[[Any], list[str]]
MAX_LISTED = 5


def rejection(name: str, problems: list[str]) -> UntrustedDatabase:
    listed = problems[:MAX_LISTED]
    more = f" (und {len(problems) - MAX_LISTED} weitere)" if len(problems) > MAX_LISTED else ""
    return UntrustedDatabase(
        f"Die Datei „{name}“ wurde nicht übernommen: "
        + " ".join(listed)
        + more
        + " Es wurde nichts verändert."
    )


def check_staged(
    path: Path, key: DatabaseKey | None, attachments_root: Path, *, quick: bool = False
) -> tuple[str, list[str]]:
    """(revision, problems) of the file at ``path``, read-only."""
    conn = crypto.connect(path, key, readonly=True)
    try:
        conn.execute("BEGIN")
        revision, problem = stored_revision(conn)
        if revision is None:
            return "", [problem or ""]
        return revision, file_problems(conn, attachments_root, quick=quick)
    except Exception as exc:
        if not is_db_error(exc):
            raise
        return "", [f"Die Datei ist beschädigt ({type(exc).__name__})."]
    finally:
        conn.close()


def _migrate(path: Path, key: DatabaseKey | None) -> None:
    from dpo_desk.store.database import make_engine
    from dpo_desk.store.migrate import upgrade

    engine = make_engine(path, key)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _after_migration(
    path: Path, key: DatabaseKey | None, invariants: Invariants | None
) -> list[str]:
    conn = crypto.connect(path, key, readonly=True)
    try:
        conn.execute("BEGIN")
        problems = structure_problems(conn, schema.HEAD)
        if not problems and invariants is not None:
            problems = invariants(conn)
        return problems
    finally:
        conn.close()


@contextmanager
def staged_copy(
    live: Path,
    source: Path,
    source_key: DatabaseKey | None,
    target_key: DatabaseKey | None,
    purpose: str,
    *,
    invariants: Invariants | None = None,
    label: str | None = None,
) -> Iterator[Path]:
    """The checked, migrated staging copy of ``source`` (keyed with ``target_key``),
    valid inside the block; securely deleted afterwards unless swapped in."""
    from dpo_desk.store.backup import copy_database

    name = label or source.name
    root = live.parent / ATTACHMENTS_FOLDER
    temp = temp_name(live, purpose)
    with held_temp(temp):
        try:
            copy_database(source, source_key, temp, target_key)
        except Exception as exc:
            if not is_db_error(exc):
                raise
            raise rejection(name, [f"Die Datei ist beschädigt ({type(exc).__name__})."]) from None
        revision, problems = check_staged(temp, target_key, root)
        if problems:
            raise rejection(name, problems)
        if revision != schema.HEAD:
            try:
                _migrate(temp, target_key)
            except Exception as exc:
                raise rejection(
                    name, [f"Das Aktualisieren des Schemas ist gescheitert ({type(exc).__name__})."]
                ) from None
        problems = _after_migration(temp, target_key, invariants)
        if problems:
            raise rejection(name, problems)
        yield temp
