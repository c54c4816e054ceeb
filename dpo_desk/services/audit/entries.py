"""One change-log entry as plain values with stable English keys (``audit list --format
json``): the entry's number, ISO time, who, school, area, record, action and its fields."""

from __future__ import annotations

from typing import Any

from dpo_desk.core.audit.filtering import LogRow
from dpo_desk.core.audit.reading import action_label, erased_note, field_changes, summary
from dpo_desk.services.audit.log import area_label


def entry_dict(row: LogRow, *, flat: bool = False) -> dict[str, Any]:
    note = erased_note(row.erased_at, row.erased_by)
    result: dict[str, Any] = {
        "key": row.id,
        "occurred_at": row.occurred_at.isoformat(),
        "time": f"{row.occurred_at.astimezone():%d.%m.%Y %H:%M}",
        "actor": row.actor,
        "school": row.school_name,
        "school_id": row.school_id,
        "area": area_label(row.area),
        "entity_type": row.entity_type,
        "entity_id": row.entity_id,
        "record": row.record,
        "action": action_label(row.action),
        "action_key": row.action,
        "erased_at": row.erased_at.isoformat() if row.erased_at else None,
        "erased_by": row.erased_by or None,
    }
    if flat:
        result["summary"] = summary(row.action, row.changes, note, row.entity_type)
    else:
        result["changes"] = [
            {"field": c.key, "label": c.label, "old": c.before, "new": c.after}
            for c in field_changes(row.action, row.changes, note, row.entity_type)
        ]
    return result
