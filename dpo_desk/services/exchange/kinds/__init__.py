"""The record kinds of the archive, one module per area, in writing order."""

from __future__ import annotations

from dpo_desk.services.exchange.kinds.base import RecordKind


def all_kinds() -> list[RecordKind]:
    """Every kind in the order records are written (a kind refers only to earlier ones)."""
    from dpo_desk.services.exchange.kinds import (
        casework,
        consent,
        dsfa,
        prints,
        processors,
        register,
        roster,
    )

    return [
        *processors.KINDS,
        *register.KINDS,
        *consent.TEMPLATE_KINDS,
        *dsfa.KINDS,
        *roster.KINDS,
        *consent.EVENT_KINDS,
        *prints.KINDS,
        *casework.BREACH_KINDS,
        *casework.REQUEST_KINDS,
    ]


def kinds_of(part: str) -> list[RecordKind]:
    return [k for k in all_kinds() if k.part == part]
