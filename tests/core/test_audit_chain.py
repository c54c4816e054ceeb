"""The hash chain of the change log (core.audit.chain): a sealed log verifies, and the first
altered, missing or unsealed entry is named; erased values keep the chain intact."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from dpo_desk.core.audit.chain import (
    GENESIS,
    EventContent,
    StoredEvent,
    event_hash,
    new_salt,
    values_digest,
    verify_chain,
)

START = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


def _sealed(count: int) -> list[StoredEvent]:
    events, head = [], GENESIS
    for number in range(1, count + 1):
        changes = {"last_name": ["Alt", f"Neu{number}"], "class": "7b"}
        salt = new_salt()
        moment = START + timedelta(minutes=number)
        content = EventContent(moment, "Frau Berg", 1, "student", number, "update", "")
        content = replace(content, digest=values_digest(salt, changes))
        sealed = event_hash(head, content)
        events.append(
            StoredEvent(
                number,
                moment,
                "Frau Berg",
                1,
                "student",
                number,
                "update",
                changes,
                head,
                sealed,
                salt,
                "",
                False,
            )
        )
        head = sealed
    return events


def test_an_untouched_log_verifies_and_names_its_end() -> None:
    events = _sealed(5)
    report = verify_chain(events, vouched=set())
    assert report.ok
    assert (report.events, report.head_id, report.head_hash) == (5, 5, events[-1].chain_hash)


def test_a_changed_value_names_the_entry() -> None:
    events = _sealed(5)
    events[2] = replace(events[2], changes={"last_name": ["Alt", "Gefälscht"], "class": "7b"})
    problem = verify_chain(events).problem
    assert problem is not None and problem.event_id == 3 and problem.kind == "altered"
    assert "Protokolleintrag 3 wurde nachträglich verändert" in problem.text


def test_a_changed_actor_or_time_names_the_entry() -> None:
    events = _sealed(4)
    events[1] = replace(events[1], actor="Jemand anderes")
    assert verify_chain(events).problem.event_id == 2
    events = _sealed(4)
    events[3] = replace(events[3], occurred_at=START)
    assert verify_chain(events).problem.event_id == 4


def test_a_removed_entry_names_the_gap() -> None:
    events = _sealed(5)
    del events[2]
    problem = verify_chain(events).problem
    assert problem.kind == "missing"
    assert "zwischen Eintrag 2 und Eintrag 4" in problem.text


def test_a_removed_first_entry_is_the_start_of_the_chain() -> None:
    problem = verify_chain(_sealed(3)[1:]).problem
    assert problem.kind == "missing" and "Anfang der Kette" in problem.text


def test_an_entry_without_seal_is_named() -> None:
    events = _sealed(3)
    events.insert(1, replace(events[1], id=99, chain_hash="", prev_hash=""))
    assert verify_chain(events).problem.kind == "unsealed"


def _erase(event: StoredEvent) -> StoredEvent:
    digest = values_digest(event.salt, event.changes)
    blanked = dict.fromkeys(event.changes)
    return replace(event, changes=blanked, salt="", erased_digest=digest, erased=True)


def test_erased_values_keep_the_chain_verifiable() -> None:
    events = _sealed(4)
    events[1] = _erase(events[1])
    report = verify_chain(events, vouched={2})
    assert report.ok and report.erased == 1
    assert "Neu2" not in repr(events[1])


def test_an_erasure_no_recorded_erasure_names_is_reported() -> None:
    events = _sealed(4)
    events[1] = _erase(events[1])
    problem = verify_chain(events, vouched=set()).problem
    assert problem.kind == "unexplained_erasure" and problem.event_id == 2


def test_the_digest_of_a_value_depends_on_the_salt() -> None:
    """Without its salt the digest of a name cannot be found by trying names."""
    changes = {"last_name": "Yılmaz"}
    assert values_digest(new_salt(), changes) != values_digest(new_salt(), changes)


def test_entries_of_a_school_removed_after_a_move_verify_under_its_id() -> None:
    """Deleting a school empties the school of its log entries (the database's foreign
    key): the entry verifies under a school that a recorded removal names, not otherwise."""
    events = _sealed(3)
    events[1] = replace(events[1], school_id=None)
    assert verify_chain(events).problem.kind == "altered"
    assert verify_chain(events, removed_schools=frozenset({2})).problem.kind == "altered"
    assert verify_chain(events, removed_schools=frozenset({2, 1})).ok
