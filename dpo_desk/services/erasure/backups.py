"""Which backups still hold a person, and when the rotation is expected to delete them.

A backup holds everyone who was in the database when it was made: every backup made after
the person was entered. Backups are not changed by an erasure (they are the way back after
a mistake); the rotation deletes them (``core.rotation.expected_removal``, assuming the
daily backup of every coming day). Copies the school made elsewhere are not seen here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dpo_desk.core.rotation import expected_removal
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety.backup import backup_folder, rotation_policy
from dpo_desk.store.backup import backup_files


@dataclass(frozen=True)
class HoldingBackup:
    name: str
    created: datetime  # local time, as in the file name
    removed_on: date | None

    def line(self) -> str:
        when = (
            f"wird voraussichtlich am {self.removed_on:%d.%m.%Y} gelöscht"
            if self.removed_on
            else "bleibt nach der Aufbewahrung länger als ein Jahr"
        )
        return f"{self.created:%d.%m.%Y %H:%M} ({self.name}): {when}"


def holding_backups(ctx: ServiceContext, entered_at: datetime) -> list[HoldingBackup]:
    """The backups made after ``entered_at`` (an aware instant), oldest first; none in
    server mode (the server's backups are not the app's)."""
    if ctx.server_mode:
        return []
    files = backup_files(backup_folder(ctx))
    stamps = [created for _path, created, _reason in files]
    removal = expected_removal(stamps, rotation_policy(ctx), ctx.clock.today())
    entered = entered_at.astimezone().replace(tzinfo=None, microsecond=0)
    holding = [
        HoldingBackup(path.name, created, removal.get(created))
        for path, created, _reason in files
        if created >= entered
    ]
    return sorted(holding, key=lambda b: b.created)


def backup_lines(holding: list[HoldingBackup]) -> list[str]:
    if not holding:
        return ["Keine Sicherung im Sicherungsordner enthält die Person."]
    last = max((b.removed_on for b in holding if b.removed_on), default=None)
    lines = [
        f"Noch in {len(holding)} Sicherung(en) im Sicherungsordner enthalten"
        + (f" (voraussichtlich bis {last:%d.%m.%Y})" if last else "")
        + ":"
    ]
    lines += [f"  • {b.line()}" for b in holding]
    lines.append(
        "Sicherungen werden nicht verändert; nach dem Zurückspielen einer älteren Sicherung "
        "die Löschung wiederholen. Kopien an anderen Orten (z. B. USB-Stick) bitte selbst löschen."
    )
    return lines
