"""The shipped catalogue of typical school processing activities (starting points)."""

from __future__ import annotations

from dataclasses import dataclass

from dpo_desk.core.register.values import ActivityData
from dpo_desk.resource_files import load_json
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.activities import ActivityDetail, create_activity

CATALOGUE = ("data", "vvt_catalogue.json")


@dataclass(frozen=True)
class CatalogueEntry:
    key: str
    name: str
    purposes: str


def _entries() -> list[dict]:
    return list(load_json(*CATALOGUE)["taetigkeiten"])


def catalogue_entries() -> list[CatalogueEntry]:
    return [CatalogueEntry(e["key"], e["name"], e["purposes"]) for e in _entries()]


def catalogue_activity(key: str) -> ActivityData:
    """A fresh copy of a catalogue entry as values the user can adapt."""
    for entry in _entries():
        if entry["key"] == key:
            values = {k: v for k, v in entry.items() if k != "key"}
            return ActivityData.from_dict(values)
    raise LookupError(f"Die Vorlage „{key}“ gibt es im Katalog nicht.")


def add_from_catalogue(ctx: ServiceContext, school_id: int, key: str) -> ActivityDetail:
    """A new draft pre-filled from the catalogue; the DPO adapts and releases it."""
    return create_activity(ctx, school_id, catalogue_activity(key), catalogue_key=key)
