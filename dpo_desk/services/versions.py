"""Stale-write detection: a save based on an older state of a record is refused.

Every record a person edits carries ``row_version`` (``store.base.Versioned``). An editor
remembers the version it was opened on and passes it as ``expected_version``; the service
compares it inside the writing transaction. A mismatch raises ``StaleEdit`` naming who
changed the record and when, and what differs; a record deleted meanwhile raises
``RecordGone``. Nothing is written in either case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from dpo_desk.services.errors import Difference, RecordGone, StaleEdit
from dpo_desk.store.base import Versioned, utc_now

__all__ = ["Difference", "RecordGone", "StaleEdit", "check_version", "mark_saved"]
from dpo_desk.store.models import AuditEvent


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(leer)"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dict) or (
        isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value)
    ):
        return f"{len(value)} Einträge"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if hasattr(value, "strftime"):
        return f"{value:%d.%m.%Y}"
    return str(value)


def differences_between(
    stored: Mapping[str, Any], yours: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> list[Difference]:
    """The fields whose values differ, in the order of ``yours``, with German labels."""
    labels = labels or {}
    return [
        Difference(labels.get(key, key), _text(stored.get(key)), _text(value))
        for key, value in yours.items()
        if stored.get(key) != value
    ]


def last_change(session: Session, entity_type: str, entity_id: int) -> tuple[str, datetime | None]:
    """Who changed the record last and when, from the audit trail."""
    event = session.scalar(
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return (event.actor, event.occurred_at) if event is not None else ("", None)


def check_version(
    session: Session,
    row: Versioned,
    expected: int | None,
    *,
    entity_type: str,
    label: str,
    differences: Iterable[Difference] = (),
) -> None:
    """Refuse the save when ``row`` is no longer at ``expected`` (None: not checked)."""
    if expected is None or row.row_version == expected:
        return
    changed_by, changed_at = last_change(session, entity_type, row.id)  # type: ignore[attr-defined]
    raise StaleEdit(label, changed_by, changed_at, list(differences))


def mark_saved(row: Versioned) -> None:
    """Count a save that changed only the record's child rows (lists, links)."""
    if hasattr(row, "updated_at"):
        row.updated_at = utc_now()  # type: ignore[attr-defined]
    else:
        flag_modified(row, "title")
