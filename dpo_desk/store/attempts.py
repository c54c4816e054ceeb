"""Wrong passphrases, counted outside the encrypted database so that the pause survives a
restart and applies to every way in: the start dialog, the lock screen, the command line
with ``--passphrase-file`` or ``DPO_DESK_PASSPHRASE``.

After the n-th wrong passphrase the next try is possible only ``retry_delay(n)`` seconds
later (0, 1, 2, 4 ... up to 5 minutes); a right passphrase clears the count. The file holds
a number and a time, nothing about the passphrase.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from dpo_desk.store.crypto import retry_delay
from dpo_desk.store.private import write_private

ATTEMPTS_FILENAME = "passphrase-versuche.json"


@dataclass(frozen=True)
class AttemptState:
    failed: int
    last_failure: float


class PassphraseAttempts:
    """The count of wrong passphrases for the database in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ATTEMPTS_FILENAME

    def state(self) -> AttemptState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return AttemptState(int(data["failed"]), float(data["last_failure"]))
        except (OSError, ValueError, KeyError, TypeError):
            return AttemptState(0, 0.0)

    @property
    def failed(self) -> int:
        return self.state().failed

    def wait_seconds(self, now: float | None = None) -> float:
        """How long the next try must still wait (0: now)."""
        state = self.state()
        if state.failed == 0:
            return 0.0
        elapsed = (time.time() if now is None else now) - state.last_failure
        delay = retry_delay(state.failed)
        if elapsed < 0:  # the clock was set back: count from now
            elapsed = 0.0
        return max(0.0, delay - elapsed)

    def record_failure(self, now: float | None = None) -> int:
        """Count one more wrong passphrase; returns the new count."""
        failed = self.state().failed + 1
        stamp = time.time() if now is None else now
        data = json.dumps({"failed": failed, "last_failure": stamp}).encode("utf-8")
        # A read-only data folder: the pause then lasts only as long as the process.
        with contextlib.suppress(OSError):
            write_private(self.path, data)
        return failed

    def reset(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def pause_message(seconds: float, failed: int) -> str:
    """The German refusal while a pause runs."""
    wait = max(1, round(seconds))
    return (
        f"Nach {failed} falschen Passphrasen ist die nächste Eingabe erst in {wait} Sekunden "
        "möglich. Die Datenbank wurde nicht geöffnet."
    )
