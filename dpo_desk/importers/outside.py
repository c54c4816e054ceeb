"""Reading a file the user picked: only regular files, never more than a limit.

A FIFO would block forever, ``/dev/zero`` (or a symlink to it) never ends, a directory is
not a file. The type is checked before opening (a FIFO blocks in ``open`` itself), the
file is opened non-blocking, and checked again on the open handle, so a swap between the
two checks gains nothing. Reading stops one byte after the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class OutsideFileError(Exception):
    """The file cannot be read; the German message names it and says why."""


def read_regular_file(path: Path, limit: int, what: str = "Die Datei") -> bytes:
    """The bytes of ``path``; ``OutsideFileError`` (German) for anything else."""
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise OutsideFileError(f"{what} „{path}“ gibt es nicht.") from None
    except OSError as exc:
        raise OutsideFileError(_unreadable(what, path, exc)) from None
    _require_regular(info.st_mode, what, path)
    if info.st_size > limit:
        raise OutsideFileError(_too_large(what, name, info.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise OutsideFileError(_unreadable(what, path, exc)) from None
    with os.fdopen(fd, "rb") as handle:
        _require_regular(os.fstat(handle.fileno()).st_mode, what, path)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise OutsideFileError(_unreadable(what, path, exc)) from None
    if len(data) > limit:
        raise OutsideFileError(_too_large(what, name, len(data), limit))
    return data


def _require_regular(mode: int, what: str, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise OutsideFileError(f"{what} „{path}“ ist keine Datei, sondern ein Ordner.")
    if not stat.S_ISREG(mode):
        raise OutsideFileError(
            f"{what} „{path}“ ist keine gewöhnliche Datei (sondern ein Gerät, eine Pipe oder "
            "ein Socket) und wird nicht gelesen."
        )


def _unreadable(what: str, path: Path, exc: OSError) -> str:
    return (
        f"{what} „{path}“ kann nicht gelesen werden ({exc.strerror}). Bitte Leserechte "
        "prüfen oder die Datei an einen anderen Ort kopieren."
    )


def _too_large(what: str, name: str, size: int, limit: int) -> str:
    return (
        f"{what} „{name}“ ist {size / 1024 / 1024:.0f} MB groß; höchstens "
        f"{limit // 1024 // 1024} MB werden gelesen."
    )
