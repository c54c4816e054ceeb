"""The supervisory authority (Aufsichtsbehörde) of each state, from the shipped data file."""

from __future__ import annotations

from dataclasses import dataclass

from dpo_desk.core.schools import SchoolProfile
from dpo_desk.resource_files import load_json


@dataclass(frozen=True)
class Authority:
    name: str
    address: str
    email: str
    website: str


def authority_for(state: str) -> Authority | None:
    entry = load_json("data", "aufsichtsbehoerden.json")["behoerden"].get(state)
    return None if entry is None else Authority(**entry)


def with_authority(profile: SchoolProfile) -> SchoolProfile:
    """The profile with the state's authority filled in where the user left it empty."""
    authority = authority_for(profile.state)
    if authority is None:
        return profile
    for field in ("name", "address", "email", "website"):
        if not getattr(profile, f"authority_{field}").strip():
            setattr(profile, f"authority_{field}", getattr(authority, field))
    return profile
