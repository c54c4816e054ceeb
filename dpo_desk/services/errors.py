"""Failures of a write the user can understand: the record is gone, it changed meanwhile, or
nobody has said who is working.

Kept free of the database layer so the UI can name them without loading it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dpo_desk.core.validation import Problem, ValidationError


class RecordGone(LookupError):
    """The record was deleted (by someone else) before this save; the message is German."""


@dataclass(frozen=True)
class Difference:
    """One field where the stored record and the editor's input differ."""

    field: str
    stored: str
    yours: str


class StaleEdit(Exception):
    """The record changed since the editor opened it; nothing was saved."""

    def __init__(
        self,
        label: str,
        changed_by: str,
        changed_at: datetime | None,
        differences: list[Difference],
    ) -> None:
        self.label = label
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.differences = differences
        super().__init__(self.message)

    @property
    def message(self) -> str:
        when = ""
        if self.changed_at is not None:
            local = self.changed_at.astimezone()
            when = f" am {local:%d.%m.%Y} um {local:%H:%M} Uhr"
        who = f" von {self.changed_by}" if self.changed_by else ""
        return (
            f"{self.label} wurde inzwischen{who}{when} geändert, während Sie daran gearbeitet "
            "haben. Ihre Änderungen wurden nicht gespeichert, damit nichts überschrieben wird. "
            "Bitte neu laden und die Änderungen erneut eingeben."
        )


class UnknownUser(ValidationError):
    """Nobody has said who is working: no change is written without a name in the log."""

    MESSAGE = (
        "Wer arbeitet? Bitte zuerst Ihren Namen und Ihre Funktion angeben – im Programm unter "
        "„Einstellungen“, auf der Kommandozeile mit „dpo-desk user set NAME --function "
        "FUNKTION“."
    )

    def __init__(self) -> None:
        super().__init__([Problem("user", self.MESSAGE)])


class AccessDenied(PermissionError):
    """The signed-in person's role does not allow this; nothing was read or written.
    The message is German and names the right and the school."""
