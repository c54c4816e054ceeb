from __future__ import annotations

from dpo_desk.core.authorities import authority_for, with_authority
from dpo_desk.core.schools import STATES, SchoolProfile, school_problems


def test_every_state_has_its_supervisory_authority_with_address() -> None:
    assert len(STATES) == 16
    for code in STATES:
        authority = authority_for(code)
        assert authority is not None, code
        assert authority.name and "\n" in authority.address and "@" in authority.email


def test_authority_is_prefilled_but_a_hand_edit_is_kept() -> None:
    filled = with_authority(SchoolProfile(state="BY"))
    assert filled.authority_name.startswith("Der Bayerische Landesbeauftragte")
    kept = with_authority(SchoolProfile(state="BY", authority_name="Eigene Angabe"))
    assert kept.authority_name == "Eigene Angabe"


def test_valid_profile_has_no_problems() -> None:
    profile = SchoolProfile(
        name="Schule", street="Weg 1", postcode="01067", town="Dresden", state="SN"
    )
    assert school_problems(profile) == []


def test_problems_name_the_field() -> None:
    problems = school_problems(SchoolProfile(postcode="ABCDE", state="SN", dpo_email="x@"))
    fields = {p.field for p in problems}
    assert {"name", "street", "town", "postcode", "dpo_email"} <= fields
