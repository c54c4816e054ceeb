"""What is stored, read straight from the database file and the data folder: to prove that
"Abbrechen" wrote nothing (row for row, and no file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dpo_desk.paths import DATABASE_FILENAME

# Files the app keeps next to the database while it runs (not data a dialog writes).
_RUNNING = {f"{DATABASE_FILENAME}-wal", f"{DATABASE_FILENAME}-shm"}


def database_rows(data_dir: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, as committed in the database file."""
    uri = f"file:{data_dir / DATABASE_FILENAME}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        conn.close()


def stored_files(data_dir: Path) -> set[str]:
    """The files in the data folder (relative paths), without the database's running files."""
    return {
        str(path.relative_to(data_dir))
        for path in data_dir.rglob("*")
        if path.is_file() and path.name not in _RUNNING
    }
