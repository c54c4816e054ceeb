"""After an erasure: no copy of the person left in the database file, its WAL or the logs.

The deleted rows are overwritten by SQLite (``secure_delete``), but until a checkpoint the
WAL still holds the pages as they were. So: checkpoint (TRUNCATE empties the WAL), then
search the file, the WAL and the log folder for each of the person's names (UTF-8 and the
``\\u`` spelling of JSON). A name that still belongs to another record (a sibling's last
name) is not evidence; any other find is a leftover, and a VACUUM rewrites the file before
searching again. The report names places, never the person. An encrypted file shows only
ciphertext: there the search cannot fail, the overwriting is what counts.
"""

from __future__ import annotations

import json
import logging
import mmap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpo_desk.services.context import ServiceContext

log = logging.getLogger(__name__)

MIN_TERM_CHARS = 3
MAX_LOG_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class TraceReport:
    """Where copies of the erased names were looked for and what was found (German)."""

    searched: tuple[str, ...]
    leftovers: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    vacuumed: bool = False

    @property
    def clean(self) -> bool:
        return not self.leftovers

    def lines(self) -> list[str]:
        if self.clean:
            lines = ["Keine Kopie der Namen mehr gefunden in: " + ", ".join(self.searched) + "."]
        else:
            lines = [f"Noch gefunden: {place}" for place in self.leftovers]
        return lines + list(self.notes)


def person_terms(*values: str) -> list[str]:
    """The names to look for: each non-trivial value, longest first, no duplicates."""
    seen: list[str] = []
    for value in values:
        text = (value or "").strip()
        if len(text) >= MIN_TERM_CHARS and text not in seen:
            seen.append(text)
    return sorted(seen, key=len, reverse=True)


def _spellings(term: str) -> list[bytes]:
    spelled = [term.encode("utf-8")]
    escaped = json.dumps(term)[1:-1].encode("ascii")
    if escaped not in spelled:
        spelled.append(escaped)
    return spelled


def _found_in(path: Path, spellings: list[bytes], limit: int | None = None) -> bool:
    try:
        size = path.stat().st_size
        if not size or (limit is not None and size > limit):
            return False
        with (
            path.open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            return any(data.find(s) >= 0 for s in spellings)
    except (OSError, ValueError):
        return False


def _text_columns(conn: Any) -> list[tuple[str, str]]:
    found = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        if table.startswith("sqlite_"):
            continue
        for column in conn.execute(f'PRAGMA table_info("{table}")'):
            kind = (column[2] or "").upper()
            if any(word in kind for word in ("CHAR", "TEXT", "JSON", "CLOB")) or kind == "":
                found.append((table, column[1]))
    return found


def _still_recorded(conn: Any, columns: list[tuple[str, str]], spellings: list[bytes]) -> bool:
    """Whether some live row holds the name (then finding it in the file proves nothing)."""
    for table, column in columns:
        for spelled in spellings:
            text = spelled.decode("utf-8")
            row = conn.execute(
                f'SELECT 1 FROM "{table}" WHERE instr("{column}", ?) > 0 LIMIT 1', (text,)
            ).fetchone()
            if row is not None:
                return True
    return False


def _checkpoint(conn: Any) -> bool:
    """True when the WAL is now empty."""
    busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def _database_leftovers(ctx: ServiceContext, terms: list[str]) -> tuple[list[str], list[str], bool]:
    """(places, notes, vacuumed) for the database file and its WAL."""
    database = ctx.db.path
    wal = Path(f"{database}-wal")
    conn = ctx.db.connect_raw()
    try:
        notes: list[str] = []
        if not _checkpoint(conn):
            notes.append(
                "Die Datenbank ist noch in einem anderen Fenster geöffnet; ihr Zwischenspeicher "
                "(WAL) wird geleert, sobald es geschlossen ist."
            )
        columns = _text_columns(conn)
        suspicious = [t for t in terms if not _still_recorded(conn, columns, _spellings(t))]
        places = _places(database, wal, suspicious)
        vacuumed = False
        if places and not ctx.db.encrypted:
            log.info("erasure: leftover found, vacuuming")
            conn.execute("VACUUM")
            _checkpoint(conn)
            vacuumed = True
            places = _places(database, wal, suspicious)
        return places, notes, vacuumed
    finally:
        conn.close()


def _places(database: Path, wal: Path, terms: Iterable[str]) -> list[str]:
    places = []
    for path, label in (
        (database, "Datenbankdatei"),
        (wal, "Zwischenspeicher der Datenbank (WAL)"),
    ):
        if any(_found_in(path, _spellings(term)) for term in terms):
            places.append(f"{label} ({path.name})")
    return places


def _log_leftovers(folder: Path, terms: list[str]) -> list[str]:
    places = []
    if not folder.is_dir():
        return places
    for path in sorted(folder.rglob("*")):
        if path.is_file() and any(
            _found_in(path, _spellings(t), MAX_LOG_FILE_BYTES) for t in terms
        ):
            places.append(f"Protokolldatei im Log-Ordner ({path.name})")
    return places


def look_for_traces(ctx: ServiceContext, terms: list[str]) -> TraceReport:
    """Checkpoint, search, VACUUM when needed, search again. In server mode only the log
    folder is ours to search: the server's files and backups are its administrator's."""
    if ctx.server_mode:
        note = (
            "Im Servermodus liegen die Daten auf dem Server: dort gibt PostgreSQL gelöschte "
            "Zeilen selbst frei (VACUUM); Sicherungen des Servers verwaltet seine Administration."
        )
        return TraceReport(
            ("Log-Ordner",), tuple(_log_leftovers(ctx.paths.log_dir, terms)), (note,)
        )
    places, notes, vacuumed = _database_leftovers(ctx, terms)
    places += _log_leftovers(ctx.paths.log_dir, terms)
    searched = ("Datenbankdatei", "Zwischenspeicher (WAL)", "Log-Ordner")
    if ctx.db.encrypted:
        notes.append(
            "Die Datenbank ist verschlüsselt; gelöschte Inhalte wurden vor dem Freigeben "
            "überschrieben."
        )
    return TraceReport(searched, tuple(places), tuple(notes), vacuumed)
