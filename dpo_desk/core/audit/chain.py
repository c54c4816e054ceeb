"""The hash chain over the change log: tamper evidence without a secret.

Every audit event carries ``chain_hash`` = SHA-256 over its content and ``prev_hash`` (the
``chain_hash`` of the event written before it; ``GENESIS`` for the first). The content is
the event's metadata (time, actor, school, record, action) plus a *digest* of its values:
``SHA-256(salt ‖ canonical JSON of the changes)`` with a random 16-byte salt per event.

Erasing a person (``services/erasure``) blanks the values of the events about them, keeps
the digest in ``erased_digest`` and deletes the salt. The chain stays verifiable (its hashes
cover the digest, not the values), and the digest of a name or birth date cannot be guessed
back once its salt is gone (without a salt a dictionary of names would find it).

The format never changes silently: ``CHAIN_FORMAT`` goes into every hash; a new format
needs a new constant and a migration that re-seals with it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

CHAIN_FORMAT = "dpo_desk-audit-1"
GENESIS = "0" * 64
SALT_BYTES = 16


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, Unicode kept, tuples as lists."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def normalised(changes: Any) -> Any:
    """``changes`` as it reads back from a JSON column (tuples become lists, keys text);
    the order of keys is kept (the log shows fields in the order they were written)."""
    return json.loads(json.dumps(changes if changes is not None else {}, ensure_ascii=False))


def new_salt() -> str:
    return secrets.token_hex(SALT_BYTES)


def values_digest(salt: str, changes: Any) -> str:
    """The digest of an event's values; the salt makes it unguessable once deleted."""
    data = bytes.fromhex(salt) + canonical_json(normalised(changes)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def instant_text(moment: datetime) -> str:
    """The time of an event as hashed: UTC, microseconds, ``Z``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class EventContent:
    """What the hash of one event covers (its values only through their digest)."""

    occurred_at: datetime
    actor: str
    school_id: int | None
    entity_type: str
    entity_id: int | None
    action: str
    digest: str


def event_hash(previous: str, content: EventContent) -> str:
    fields = [
        CHAIN_FORMAT,
        previous,
        instant_text(content.occurred_at),
        content.actor,
        content.school_id,
        content.entity_type,
        content.entity_id,
        content.action,
        content.digest,
    ]
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredEvent:
    """An event as read from the database for checking."""

    id: int
    occurred_at: datetime
    actor: str
    school_id: int | None
    entity_type: str
    entity_id: int | None
    action: str
    changes: Any
    prev_hash: str
    chain_hash: str
    salt: str
    erased_digest: str
    erased: bool


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the chain does not hold (German ``text``, names no person)."""

    event_id: int
    kind: str  # "missing" | "altered" | "unsealed" | "unexplained_erasure"
    text: str


@dataclass(frozen=True)
class ChainReport:
    events: int
    erased: int
    head_id: int | None
    head_hash: str
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def stored_digest(event: StoredEvent) -> str | None:
    """The digest the hash covers: from the values and salt, or kept at erasure."""
    if event.salt:
        try:
            return values_digest(event.salt, event.changes)
        except (ValueError, TypeError):
            return None
    return event.erased_digest or None


def _content(event: StoredEvent, digest: str) -> EventContent:
    return EventContent(
        event.occurred_at,
        event.actor,
        event.school_id,
        event.entity_type,
        event.entity_id,
        event.action,
        digest,
    )


def verify_chain(
    events: Iterable[StoredEvent],
    vouched: set[int] | None = None,
    removed_schools: frozenset[int] = frozenset(),
) -> ChainReport:
    """Walk the events in id order; the report names the first broken or missing link.

    ``vouched``: ids of erased events that a recorded erasure names; an erased event no
    erasure names is reported (values blanked behind the app's back). None skips that test.
    ``removed_schools``: schools a recorded removal (after a move) deleted; deleting a
    school empties the school of its log entries (the database sets it to NULL), so such
    an entry is sealed under one of these ids.
    """
    previous, count, erased, head_id = GENESIS, 0, 0, None
    previous_id: int | None = None
    for event in events:
        count += 1
        problem = _link_problem(event, previous, previous_id, vouched, removed_schools)
        if problem is not None:
            return ChainReport(count, erased, head_id, previous, problem)
        erased += event.erased
        previous, previous_id, head_id = event.chain_hash, event.id, event.id
    return ChainReport(count, erased, head_id, previous, None)


def _sealed_as_stored(
    event: StoredEvent, previous: str, digest: str, removed_schools: frozenset[int]
) -> bool:
    content = _content(event, digest)
    if event_hash(previous, content) == event.chain_hash:
        return True
    if event.school_id is not None:
        return False
    return any(
        event_hash(previous, replace(content, school_id=school)) == event.chain_hash
        for school in sorted(removed_schools)
    )


def _link_problem(
    event: StoredEvent,
    previous: str,
    previous_id: int | None,
    vouched: set[int] | None,
    removed_schools: frozenset[int] = frozenset(),
) -> ChainProblem | None:
    if not event.chain_hash or not event.prev_hash:
        return ChainProblem(
            event.id,
            "unsealed",
            f"Protokolleintrag {event.id} hat keinen Prüfwert: Er wurde nicht von dpo_desk "
            "geschrieben oder nachträglich eingefügt.",
        )
    if event.prev_hash != previous:
        where = (
            f"zwischen Eintrag {previous_id} und Eintrag {event.id}"
            if previous_id is not None
            else f"vor Eintrag {event.id} (Anfang der Kette)"
        )
        return ChainProblem(
            event.id,
            "missing",
            f"Das Protokoll ist unterbrochen {where}: Ein Eintrag fehlt oder wurde "
            "verändert (die Verkettung stimmt nicht).",
        )
    digest = stored_digest(event)
    if digest is None or not _sealed_as_stored(event, previous, digest, removed_schools):
        return ChainProblem(
            event.id,
            "altered",
            f"Protokolleintrag {event.id} wurde nachträglich verändert (sein Prüfwert "
            "stimmt nicht mehr).",
        )
    if event.erased and vouched is not None and event.id not in vouched:
        return ChainProblem(
            event.id,
            "unexplained_erasure",
            f"Die Werte von Protokolleintrag {event.id} wurden geleert, ohne dass eine "
            "Löschung im Protokoll dies verzeichnet.",
        )
    return None
