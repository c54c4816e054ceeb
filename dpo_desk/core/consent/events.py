"""The facts recorded about one student's consent: returned forms, revocations, corrections.

Events are only appended. A mistake is fixed by a ``Correction`` that supersedes the
entry (which stays in the history); ``effective_events`` resolves the corrections into
the forms and revocations in force. Where dates cannot tell whether a form or a revocation
is the family's newer declaration, the person who entered it decides; the decision is
kept with the entry (``precedence``, see ``core.consent.order``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from dpo_desk.core.consent.values import (
    Channel,
    SignerRole,
)

EventId = int | str


class Precedence(StrEnum):
    """What the person decided when an entry conflicted with what was recorded before."""

    NONE = ""
    """No decision was needed (or none was asked for: the rules decide)."""
    ENTRY = "entry"
    """This entry is the family's newer declaration."""
    RECORDED = "recorded"
    """What was recorded before stays the newer declaration."""
    CONFIRMED = "confirmed"
    """Stored knowing that it changes no status (kept as proof)."""


PRECEDENCE_LABELS: dict[Precedence, str] = {
    Precedence.NONE: "",
    Precedence.ENTRY: "entschieden: dieser Eintrag ist die neuere Erklärung",
    Precedence.RECORDED: "entschieden: der frühere Eintrag bleibt die neuere Erklärung",
    Precedence.CONFIRMED: "bestätigt: ändert den Stand nicht",
}


@dataclass(frozen=True)
class FormReturned:
    """A returned paper form: the answer per option key (True = JA, False = NEIN, None = left
    blank or both ticked), the signing date written on it (None: no date on the form), the
    day it arrived, and which signature lines were signed."""

    event_id: EventId
    template_version: int
    answers: Mapping[str, bool | None]
    received_on: date
    signed_on: date | None = None
    signed_by: frozenset[SignerRole] = frozenset()
    recorded_by: str = ""
    recorded_at: datetime | None = None
    precedence: Precedence = Precedence.NONE

    @property
    def declared_on(self) -> date:
        """The day the family declared its will: the signing date, else the arrival (the
        latest it can have been signed)."""
        return self.signed_on or self.received_on


@dataclass(frozen=True)
class Revocation:
    """A revocation of some options (``options``) or of all (``options`` None). Declared by
    the family on ``declared_on`` (the date on the letter or e-mail), received by the school
    on ``received_on`` (default: the declared day), in effect from ``effective_on`` (same
    day or later: never back in time, processing before it stays lawful)."""

    event_id: EventId
    declared_on: date
    channel: Channel
    options: frozenset[str] | None = None
    effective_on: date | None = None
    note: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None
    received_on: date | None = None
    precedence: Precedence = Precedence.NONE

    @property
    def effective(self) -> date:
        return self.effective_on or self.declared_on

    @property
    def received(self) -> date:
        return self.received_on or self.declared_on

    def covers(self, option_key: str) -> bool:
        return self.options is None or option_key in self.options


@dataclass(frozen=True)
class Correction:
    """Supersedes the event ``supersedes`` (which stays in the history) with
    ``replacement``, or voids it when ``replacement`` is None (e.g. entered for the wrong
    student). A correction may itself be corrected."""

    event_id: EventId
    supersedes: EventId
    replacement: FormReturned | Revocation | None = None
    reason: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None


ConsentEvent = FormReturned | Revocation | Correction


@dataclass(frozen=True)
class EffectiveEvents:
    """The events in force after applying corrections, in recording order. ``ranks`` gives
    each one the recording position of the entry it stands for (a correction keeps the
    place of the entry it corrects), so that a decision recorded with a later entry keeps
    its meaning when an earlier one is corrected."""

    forms: tuple[FormReturned, ...] = field(default_factory=tuple)
    revocations: tuple[Revocation, ...] = field(default_factory=tuple)
    ranks: Mapping[EventId, int] = field(default_factory=dict)

    def rank(self, event: FormReturned | Revocation) -> int:
        return self.ranks.get(event.event_id, 0)


def effective_events(events: list[ConsentEvent] | tuple[ConsentEvent, ...]) -> EffectiveEvents:
    """Resolve corrections: a superseded event no longer counts; a correction's replacement
    counts in its place unless that correction is superseded in turn (then the newer
    correction's replacement counts, and the original stays superseded)."""
    superseded = {event.supersedes for event in events if type(event) is Correction}
    if not superseded:  # the usual history: forms and revocations as recorded
        revoked = tuple(e for e in events if type(e) is Revocation)
        return EffectiveEvents(
            tuple(e for e in events if type(e) is FormReturned),
            revoked,
            {e.event_id: i for i, e in enumerate(events)} if revoked else {},
        )
    root: dict[EventId, int] = {}
    forms: list[FormReturned] = []
    revocations: list[Revocation] = []
    ranks: dict[EventId, int] = {}
    for position, event in enumerate(events):
        # A correction takes the place of the entry it corrects.
        rank = root.get(event.supersedes, position) if isinstance(event, Correction) else position
        root[event.event_id] = rank
        if event.event_id in superseded:
            continue
        current = event.replacement if isinstance(event, Correction) else event
        if isinstance(current, FormReturned):
            forms.append(current)
        elif isinstance(current, Revocation):
            revocations.append(current)
        else:
            continue
        ranks[current.event_id] = rank
    return EffectiveEvents(tuple(forms), tuple(revocations), ranks)
