"""The two fictional demo schools."""

from __future__ import annotations

from dataclasses import dataclass

from dpo_desk.core.authorities import with_authority
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.services import schools
from dpo_desk.services.context import ServiceContext


@dataclass(frozen=True)
class DemoSchool:
    id: int
    key: str
    size: str  # "small" (primary, about 200) or "large" (comprehensive, about 1,200)


DEMO_PROFILES: list[tuple[str, SchoolProfile]] = [
    (
        "small",
        SchoolProfile(
            name="Grundschule am Lindenhof",
            school_number="199001",
            street="Lindenhofweg 12",
            postcode="44135",
            town="Dortmund",
            state="NW",
            kind="grundschule",
            phone="0231 000 1100",
            email="sekretariat@gs-lindenhof.example",
            website="https://gs-lindenhof.example",
            head_name="Renate Kowalczyk",
            dpo_name="Dr. Jonas Albrecht",
            dpo_organisation="Schulamt für die Stadt Dortmund (Demo)",
            dpo_email="datenschutz@schulamt.example",
            dpo_phone="0231 000 2200",
        ),
    ),
    (
        "large",
        SchoolProfile(
            name="Gesamtschule Rheinblick",
            school_number="199002",
            street="Am Rheinufer 40",
            postcode="50679",
            town="Köln",
            state="NW",
            kind="gesamtschule",
            phone="0221 000 3300",
            email="info@ge-rheinblick.example",
            website="https://ge-rheinblick.example",
            head_name="Mehmet Yıldız",
            dpo_name="Dr. Jonas Albrecht",
            dpo_organisation="Schulamt für die Stadt Köln (Demo)",
            dpo_email="datenschutz@schulamt.example",
            dpo_phone="0221 000 4400",
        ),
    ),
]


def seed_schools(ctx: ServiceContext) -> list[DemoSchool]:
    existing = {s.school_number: s for s in schools.list_schools(ctx)}
    result = []
    for size, profile in DEMO_PROFILES:
        summary = existing.get(profile.school_number)
        if summary is None:
            summary = schools.create_school(ctx, with_authority(SchoolProfile(**profile.as_dict())))
        result.append(DemoSchool(id=summary.id, key=summary.key, size=size))
    return result


def find_demo_schools(ctx: ServiceContext) -> list[DemoSchool]:
    """The demo schools as loaded before; LookupError when the demo is not there."""
    existing = {s.school_number: s for s in schools.list_schools(ctx)}
    missing = [p.school_number for _, p in DEMO_PROFILES if p.school_number not in existing]
    if missing:
        raise LookupError("Die Demo-Schulen sind nicht geladen.")
    return [
        DemoSchool(id=existing[p.school_number].id, key=existing[p.school_number].key, size=size)
        for size, p in DEMO_PROFILES
    ]
