"""Who is working: a name a person can read and one of the offered functions."""

from __future__ import annotations

import pytest

from dpo_desk.core.people import DPO, actor_label, validate_person
from dpo_desk.core.validation import ValidationError


def test_the_actor_names_the_person_and_their_function() -> None:
    assert validate_person("  Anna   Berg ", "Sekretariat") == ("Anna Berg", "Sekretariat")
    assert actor_label("Anna Berg", "Sekretariat") == "Anna Berg (Sekretariat)"
    assert actor_label("Anna Berg", "") == "Anna Berg"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("", "Ihr Name: Bitte ausfüllen."),
        ("\u200b\u200b", "Ihr Name: Besteht nur aus unsichtbaren Zeichen."),
        ("Anna\x07Berg", "Ihr Name: Enthält Steuerzeichen"),
        ("Anna\u202egreB", "Ihr Name: Enthält Zeichen, die die Schreibrichtung umkehren."),
        ("A" * 101, "Ihr Name: Höchstens 100 Zeichen."),
    ],
)
def test_an_unreadable_or_missing_name_is_refused_in_german(name: str, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_person(name, DPO)
    assert caught.value.problems[0].message.startswith(expected)


def test_a_function_must_be_one_of_the_offered() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_person("Anna Berg", "Hausmeister")
    assert [p.field for p in caught.value.problems] == ["function"]
