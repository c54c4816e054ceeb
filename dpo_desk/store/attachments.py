"""Paths that a database stores, confined to the data folder.

Schema versions before 0007 kept processor contracts as files under ``anhaenge/`` and
stored their relative path. A path from a database file is hostile input: ``../../x`` or a
symlink out of the folder must neither be read nor deleted. Everything here resolves the
path first and refuses what lands outside ``root`` or is not a regular file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

ATTACHMENTS_FOLDER = "anhaenge"
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def confined(root: Path, relative: str) -> Path | None:
    """``root / relative`` when it resolves inside ``root`` (symlinks followed), else None."""
    if not relative or "\x00" in relative or Path(relative).is_absolute():
        return None
    base = root.resolve()
    try:
        target = (base / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return target if target != base and target.is_relative_to(base) else None


def path_problem(root: Path, relative: str) -> str | None:
    """Why a stored path is unacceptable (German), or None. A missing file is acceptable."""
    if confined(root, relative) is None:
        return f"Der gespeicherte Pfad „{relative[:80]}“ zeigt aus dem Datenordner hinaus."
    return None


def read_confined(root: Path, relative: str, limit: int = MAX_ATTACHMENT_BYTES) -> bytes | None:
    """The bytes of a stored path's file: None when outside ``root``, missing, no regular
    file (FIFO, device), or larger than ``limit``."""
    path = confined(root, relative)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
