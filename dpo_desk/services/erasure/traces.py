"""After an erasure: no copy of the person left in the database file, its WAL or the logs.

The deleted rows are overwritten by SQLite (``secure_delete``), but until a checkpoint the
WAL still holds the pages as they were. So: checkpoint (TRUNCATE empties the WAL), then
search the file, the WAL and the log folder for each of the person's names (UTF-8 and the
``\\u`` spelling of JSON). A name that live rows still hold is told apart by where: kept on
purpose with its reason (the erasure request keeps whom it was about as proof, another
student of the same name, the change log of such records), or one to check (the word in the
free text of another record, e.g. a breach description, which the erasure does not touch).
Any find in the file of a name no live
row holds is a leftover, and a VACUUM rewrites the file before searching again. The report
names places and reasons, never the person. An encrypted file shows only
ciphertext: there the search cannot fail, the overwriting is what counts.
"""

from __future__ import annotations

import json
import logging
import mmap
import re
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
    kept: tuple[str, ...] = ()
    """Where a name stays on purpose, with the reason (the erasure request as proof, another
    person of the same name): not a leftover."""
    to_check: tuple[str, ...] = ()
    """Free text of other records naming the same word (a breach description): the erasure
    does not reach it, the person should look."""

    @property
    def clean(self) -> bool:
        return not self.leftovers

    def lines(self) -> list[str]:
        if self.clean:
            lines = [
                "Keine ungewollte Kopie der Namen gefunden in: " + ", ".join(self.searched) + "."
            ]
        else:
            lines = [f"Noch gefunden: {place}" for place in self.leftovers]
        lines += [f"Bewusst aufbewahrt: {reason}" for reason in self.kept]
        lines += [f"Bitte prüfen: {place}" for place in self.to_check]
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


TABLE_LABELS = {
    "breach": "Datenpannen",
    "processing_activity": "Verarbeitungsverzeichnis",
    "processor": "Auftragsverarbeiter",
    "dsfa_assessment": "Folgenabschätzungen",
    "consent_template_version": "Einwilligungsvorlagen",
    "school": "Schulprofil",
    "app_setting": "Einstellungen",
    "library_item": "Bibliothek",
}
OTHER_PEOPLE = {"student", "school_class", "enrolment", "consent_event", "consent_print"}


@dataclass
class Recorded:
    """Where live rows still hold a name: kept on purpose (with the reason) or a leftover."""

    kept: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    any: bool = False  # some live row holds it (maybe inside a longer word: "Paul" in "Paula")

    def add(self, target: list[str], text: str) -> None:
        if text not in target:
            target.append(text)


def _requests(conn: Any, rowids: list[int]) -> str:
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(
        f"SELECT reference FROM subject_request WHERE rowid IN ({marks}) ORDER BY reference",
        rowids,
    ).fetchall()
    return ", ".join(r[0] for r in rows)


def _classify(conn: Any, table: str, rowids: list[int], found: Recorded) -> None:
    if table == "subject_request":
        found.add(
            found.kept,
            f"der Name in Anfrage {_requests(conn, rowids)}, als Nachweis, dass die Anfrage "
            "bearbeitet wurde (Rechenschaftspflicht, Art. 5 Abs. 2 DSGVO).",
        )
    elif table in OTHER_PEOPLE:
        found.add(
            found.kept,
            "ein gleichlautender Name gehört zu einer anderen Person der Schülerliste "
            "(z. B. Geschwister); er bleibt mit ihr.",
        )
    elif table == "audit_event":
        found.add(
            found.kept,
            "Einträge des Änderungsprotokolls zu aufbewahrten Datensätzen (z. B. der Anfrage) "
            "nennen den Namen; sie bleiben mit ihnen.",
        )
    else:
        label = TABLE_LABELS.get(table, table)
        found.add(
            found.to_check,
            f"im Bereich „{label}“ steht der Name noch im freien Text eines anderen Eintrags; "
            "dort entfernen, wenn er nicht nötig ist.",
        )


def _still_recorded(conn: Any, columns: list[tuple[str, str]], spellings: list[bytes]) -> Recorded:
    """Where live rows hold the name (then finding it in the file proves nothing by
    itself; the rows say whether it stays on purpose)."""
    found = Recorded()
    for table, column in columns:
        for spelled in spellings:
            text = spelled.decode("utf-8")
            rows = conn.execute(
                f'SELECT rowid, "{column}" FROM "{table}" WHERE instr("{column}", ?) > 0 LIMIT 20',
                (text,),
            ).fetchall()
            found.any = found.any or bool(rows)
            word = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
            rowids = [r[0] for r in rows if word.search(str(r[1]))]
            if rowids:
                _classify(conn, table, rowids, found)
    return found


def _checkpoint(conn: Any) -> bool:
    """True when the WAL is now empty."""
    busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def _database_leftovers(
    ctx: ServiceContext, terms: list[str]
) -> tuple[list[str], list[str], bool, Recorded]:
    """(places, notes, vacuumed, what live rows still hold) for the database file and WAL."""
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
        recorded = Recorded()
        suspicious = []
        for term in terms:
            found = _still_recorded(conn, columns, _spellings(term))
            if not found.any:
                suspicious.append(term)
            for text in found.kept:
                recorded.add(recorded.kept, text)
            for text in found.to_check:
                recorded.add(recorded.to_check, text)
        places = _places(database, wal, suspicious)
        vacuumed = False
        if places and not ctx.db.encrypted:
            log.info("erasure: leftover found, vacuuming")
            conn.execute("VACUUM")
            _checkpoint(conn)
            vacuumed = True
            places = _places(database, wal, suspicious)
        return places, notes, vacuumed, recorded
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
    places, notes, vacuumed, recorded = _database_leftovers(ctx, terms)
    places += _log_leftovers(ctx.paths.log_dir, terms)
    searched = ("Datenbankdatei", "Zwischenspeicher (WAL)", "Log-Ordner")
    if ctx.db.encrypted:
        notes.append(
            "Die Datenbank ist verschlüsselt; gelöschte Inhalte wurden vor dem Freigeben "
            "überschrieben."
        )
    kept = sorted(recorded.kept, key=lambda text: not text.startswith("der Name in Anfrage"))
    return TraceReport(
        searched, tuple(places), tuple(notes), vacuumed, tuple(kept), tuple(recorded.to_check)
    )
