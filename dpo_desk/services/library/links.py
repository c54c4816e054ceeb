"""The link from a school's record to the library item it was taken from (or given to):
``record_origin`` with the item's digest then, so a later change of the item is offered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from dpo_desk.services.context import UnitOfWork
from dpo_desk.store.models import LibraryItem, RecordOrigin


def link_to_item(
    uow: UnitOfWork,
    school_id: int,
    kind: str,
    entity_id: int,
    key: str,
    item: LibraryItem,
    now: datetime,
) -> None:
    session = uow.session
    link = session.scalar(
        select(RecordOrigin).where(
            RecordOrigin.school_id == school_id,
            RecordOrigin.entity_type == kind,
            RecordOrigin.entity_id == entity_id,
        )
    )
    if link is None:
        link = RecordOrigin(school_id=school_id, entity_type=kind, entity_id=entity_id)
        session.add(link)
    link.entity_key = key[:200]
    link.origin_kind = "library"
    link.origin_item_id = item.id
    link.origin_school_id = None
    link.origin_key = key[:200]
    link.origin_label = "Bibliothek"
    link.base_digest = item.digest
    link.copied_at = now
    link.copied_by = uow.actor
