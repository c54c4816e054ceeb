"""Owner-only files and folders, temporary files that can be told apart from live ones,
and deleting what must not linger.

Linux and macOS: the app's folders are 0700 and its files 0600, set when they are made
(not through the umask, which is process-wide and would also make the user's printouts
private). Windows: the per-user AppData folder is readable only by its owner and the
administrators already (see the README for a folder chosen by the user).

Temporary files (half-written backups, staging copies, copies for a viewer) hold an OS
lock while their writer works on them. What carries no lock any more is an orphan of a
process that was killed, and ``remove_orphans`` deletes it at the next start: such a file
may hold every name in plain text.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
POSIX = os.name == "posix"
TEMP_MARK = ".tmp"
_SIDE_FILES = ("-journal", "-wal", "-shm")
_WIPE_CHUNK = 1 << 20


def make_private_dir(folder: Path, *, tighten: bool = True) -> None:
    """Create ``folder`` (and parents); the folder itself is owner-only on POSIX.

    ``tighten`` also narrows an existing folder of ours; a folder the user chose (a backup
    folder on a shared drive) is created private but never changed when it exists.
    """
    existed = folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if POSIX and (tighten or not existed):
        with contextlib.suppress(OSError):
            if stat.S_IMODE(folder.stat().st_mode) != PRIVATE_DIR_MODE:
                folder.chmod(PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only; FileExistsError if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)


def open_private(path: Path, mode: str = "wb") -> BinaryIO:
    """``open(path, mode)`` for writing, but a new file is owner-only from the start."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    return os.fdopen(fd, mode)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a private temporary file and one rename."""
    temp = path.with_name(f".{path.name}{TEMP_MARK}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    with open_private(temp) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def tighten_file(path: Path) -> None:
    """Make an existing file of ours owner-only (POSIX); quietly skips what it cannot."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(PRIVATE_FILE_MODE)


def tighten_folder(folder: Path) -> None:
    """Every regular file directly in ``folder`` owner-only (files of older versions)."""
    if not POSIX or not folder.is_dir():
        return
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            tighten_file(entry)


def others_can_read(path: Path) -> bool:
    """Whether group or others have any permission on ``path`` (POSIX; else False)."""
    return POSIX and bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def secure_delete(path: Path) -> bool:
    """Overwrite the file with zeros, flush, then delete it. False when it could not.

    On SSDs and copy-on-write file systems the old blocks may survive the overwrite; that
    is why the database and its backups should be encrypted in the first place.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if stat.S_ISREG(info.st_mode) and info.st_size:
            with path.open("r+b") as handle:
                remaining = info.st_size
                zeros = bytes(min(_WIPE_CHUNK, remaining))
                while remaining > 0:
                    remaining -= handle.write(zeros[: min(len(zeros), remaining)])
                handle.flush()
                os.fsync(handle.fileno())
        path.unlink()
    except OSError:
        return False
    return True


def secure_delete_with_side_files(path: Path) -> None:
    """The file and SQLite's journal, WAL and shared-memory files next to it."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in _SIDE_FILES)):
        secure_delete(candidate)


def temp_name(final: Path, purpose: str = "") -> Path:
    """The temporary file for ``final``: hidden, same folder, marked with ``TEMP_MARK``."""
    label = f".{purpose}" if purpose else ""
    return final.with_name(f".{final.name}{label}{TEMP_MARK}")


def is_temp_name(name: str) -> bool:
    if not name.startswith("."):
        return False
    base = name
    for suffix in _SIDE_FILES:
        base = base.removesuffix(suffix)
    return base.endswith(TEMP_MARK)


@contextlib.contextmanager
def held_temp(path: Path) -> Iterator[Path]:
    """Create the private temporary file ``path`` and mark it as in use until the block
    ends. Whatever is still there at the end (the block did not rename it into place, or
    failed) is securely deleted, with SQLite's side files."""
    create_private_file(path)
    handle = path.open("rb")
    try:
        _hold(handle)
        yield path
    finally:
        handle.close()
        secure_delete_with_side_files(path)


def _hold(handle: BinaryIO) -> None:
    # POSIX: an advisory lock, which SQLite (it uses fcntl locks) does not notice. Windows:
    # the open handle itself keeps other processes from deleting the file.
    if POSIX:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def _claim_orphan(path: Path) -> Path | None:
    """``path`` (or where it now is) when no living process holds it, else None.

    POSIX: the writer's advisory lock is free. Windows: a file another process has open
    cannot be renamed, so a rename that works proves it is an orphan (overwriting first
    would spoil a backup another window is writing right now).
    """
    if not POSIX:
        claimed = path.with_name(path.name + ".verwaist")
        try:
            os.replace(path, claimed)
        except OSError:
            return None
        return claimed
    import fcntl

    try:
        handle = path.open("rb")
    except OSError:
        return None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return None
    finally:
        handle.close()
    return path


def temp_files(folder: Path) -> list[Path]:
    """The temporary files of the app in ``folder`` (orphaned or in use)."""
    try:
        return sorted(p for p in folder.iterdir() if is_temp_name(p.name) and p.is_file())
    except OSError:
        return []


def _main_of(path: Path) -> Path:
    name = path.name
    for suffix in _SIDE_FILES:
        name = name.removesuffix(suffix)
    return path.with_name(name)


def remove_orphans(folder: Path) -> int:
    """Securely delete the temporary files in ``folder`` that no process holds any more
    (with their side files); returns how many files were deleted."""
    removed = 0
    for path in temp_files(folder):
        main = _main_of(path)
        if main != path and main.exists():
            continue  # decided together with its main file
        claimed = _claim_orphan(path) if main == path else path
        if claimed is not None:
            removed += secure_delete(claimed)
    return removed
