"""Every backup folder the app has ever written to, so that setting a passphrase can
convert (or delete) the backups in all of them, not just in the current one.

The list lives in ``sicherungsordner.json`` in the data folder, outside the database, so
that restoring an old backup does not forget a folder used since. It holds folder paths
only.
"""

from __future__ import annotations

import json
from pathlib import Path

from dpo_desk.services.context import ServiceContext
from dpo_desk.store.private import write_private

FOLDERS_FILENAME = "sicherungsordner.json"


def _list_file(ctx: ServiceContext) -> Path:
    return ctx.paths.data_dir / FOLDERS_FILENAME


def _stored(ctx: ServiceContext) -> list[Path]:
    try:
        data = json.loads(_list_file(ctx).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return (
        [Path(item) for item in data if isinstance(item, str) and item]
        if isinstance(data, list)
        else []
    )


def remember_backup_folder(ctx: ServiceContext, folder: Path) -> None:
    """Add ``folder`` to the list (once)."""
    folder = Path(folder).expanduser().resolve()
    stored = _stored(ctx)
    if folder in stored or folder == ctx.paths.backup_dir.resolve():
        return
    data = json.dumps([str(p) for p in [*stored, folder]], ensure_ascii=False, indent=1)
    write_private(_list_file(ctx), data.encode("utf-8"))


def known_backup_folders(ctx: ServiceContext, current: Path | None = None) -> list[Path]:
    """The default folder, ``current`` and every folder used before, each once."""
    found: list[Path] = []
    for folder in [ctx.paths.backup_dir, *([current] if current else []), *_stored(ctx)]:
        resolved = Path(folder).expanduser().resolve()
        if resolved not in found:
            found.append(resolved)
    return found
