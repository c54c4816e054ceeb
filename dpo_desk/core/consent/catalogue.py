"""The shipped starter templates (resources/data/einwilligungen_katalog.json) as values.

The DPO copies one and adapts it; the copy becomes version 1 of the school's template.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dpo_desk.core.consent.values import (
    ConsentOption,
    ConsentTemplateVersion,
    Duration,
    DurationKind,
    SignerRules,
)
from dpo_desk.resource_files import load_json

CATALOGUE = ("data", "einwilligungen_katalog.json")


def _optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def template_from_entry(entry: dict[str, Any], version: int = 1) -> ConsentTemplateVersion:
    """One catalogue entry as a template version; KeyError/ValueError when malformed."""
    duration = entry.get("duration") or {}
    signers = entry.get("signers") or {}
    return ConsentTemplateVersion(
        template_key=entry["key"],
        version=version,
        title=entry["title"],
        purpose=entry["purpose"],
        information_text=entry["information_text"],
        declaration_text=entry["declaration_text"],
        voluntary_note=entry["voluntary_note"],
        options=tuple(
            ConsentOption(key=option["key"], label=option["label"]) for option in entry["options"]
        ),
        signers=SignerRules(**signers),
        duration=Duration(
            kind=DurationKind(duration.get("kind", DurationKind.UNTIL_REVOKED)),
            end_date=_optional_date(duration.get("end_date")),
            condition=duration.get("condition") or "",
            renewal_years=duration.get("renewal_years"),
        ),
        retention_years=int(entry.get("retention_years", 1)),
        grades=tuple(int(grade) for grade in entry.get("grades") or ()),
    )


def starter_templates() -> list[ConsentTemplateVersion]:
    """All starter templates, in catalogue order."""
    return [template_from_entry(entry) for entry in load_json(*CATALOGUE)["vorlagen"]]


def starter_template(key: str) -> ConsentTemplateVersion | None:
    return next((t for t in starter_templates() if t.template_key == key), None)
