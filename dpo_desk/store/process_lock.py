"""One lock file per database: shared by every window and command that has it open,
exclusive for the steps that replace the file (restore, re-key, passphrase change).

The OS lock (``flock`` on Linux/macOS, ``LockFileEx`` on Windows, through portalocker) ends
with the process, so a killed window never leaves a stale lock behind. Each opening holds
its own lock, so a second window in the same process counts as "another window" too.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import portalocker

from dpo_desk.store.private import PRIVATE_FILE_MODE

LOCK_SUFFIX = ".lock"
SHARED_WAIT_S = 10.0
_POLL_S = 0.05


class LockUnavailable(Exception):
    """The lock is held by another window or process in the conflicting mode."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


class ProcessLock:
    """The lock of one opening of the database at ``database``."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._handle: BinaryIO | None = None
        self.exclusive_held = False

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire_shared(self, wait_s: float | None = None) -> None:
        """Take the shared lock, waiting up to ``wait_s`` (default ``SHARED_WAIT_S``) while
        another process holds the exclusive one (a restore takes a few seconds). Raises
        ``LockUnavailable``."""
        if wait_s is None:
            wait_s = SHARED_WAIT_S
        if self._handle is None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
            self._handle = os.fdopen(fd, "r+b")
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self._lock(portalocker.LockFlags.SHARED)
                return
            except LockUnavailable:
                if time.monotonic() >= deadline:
                    self.release()
                    raise
                time.sleep(_POLL_S)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the lock alone for the block; back to shared afterwards.

        Raises ``LockUnavailable`` at once when anyone else holds it. The switch is not
        atomic on every system, so after a refusal the shared lock is taken anew.
        """
        if self._handle is None:
            raise LockUnavailable("not open")
        if self.exclusive_held:
            yield
            return
        try:
            self._lock(portalocker.LockFlags.EXCLUSIVE)
        except LockUnavailable:
            self.acquire_shared()
            raise
        self.exclusive_held = True
        try:
            yield
        finally:
            self.exclusive_held = False
            self._lock(portalocker.LockFlags.SHARED)

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(Exception):
                portalocker.unlock(self._handle)
            self._handle.close()
            self._handle = None
            self.exclusive_held = False

    def _lock(self, mode: portalocker.LockFlags) -> None:
        assert self._handle is not None
        # Windows cannot convert a held lock, so every change of mode unlocks first.
        with contextlib.suppress(Exception):
            portalocker.unlock(self._handle)
        try:
            portalocker.lock(self._handle, mode | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.exceptions.LockException as exc:
            raise LockUnavailable(str(exc)) from None
