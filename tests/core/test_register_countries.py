from __future__ import annotations

import pytest

from dpo_desk.core.register.countries import (
    EU,
    country_name,
    has_adequacy_decision,
    in_eu_eea,
    is_known_country,
    is_third_country,
)


def test_the_eu_has_27_members() -> None:
    assert len(EU) == 27


@pytest.mark.parametrize("code", ["DE", "at", " ie ", "NO", "IS", "LI", "EL"])
def test_eu_and_eea_countries_are_not_third_countries(code: str) -> None:
    assert in_eu_eea(code)
    assert not is_third_country(code)


@pytest.mark.parametrize("code", ["US", "CH", "GB", "UK", "IN", "ZZ"])
def test_everything_outside_the_eea_is_a_third_country(code: str) -> None:
    assert is_third_country(code)


def test_empty_code_is_no_transfer() -> None:
    assert not is_third_country("")


def test_adequacy_is_known_for_switzerland_but_not_india() -> None:
    assert has_adequacy_decision("ch")
    assert not has_adequacy_decision("IN")


def test_country_names_are_german_and_unknown_codes_stay_visible() -> None:
    assert country_name("us") == "Vereinigte Staaten"
    assert country_name("UK") == "Vereinigtes Königreich"
    assert country_name("ZZ") == "ZZ"
    assert not is_known_country("ZZ")
