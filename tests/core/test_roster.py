from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.dates import parse_date
from dpo_desk.core.roster import (
    SchoolYear,
    age_on,
    class_sort_key,
    grade_of_class,
    parse_school_year,
    person_key,
    pupil_age_problem,
    school_year_of,
    sort_key,
)


@pytest.mark.parametrize("text", ["2026/27", "2026/2027", "2026-27", " 2026 / 27 "])
def test_school_year_spellings_mean_the_same_year(text: str) -> None:
    assert str(parse_school_year(text)) == "2026/27"


@pytest.mark.parametrize("text", ["2026/28", "26/27", "", "Schuljahr", "2099/00x"])
def test_wrong_school_year_is_rejected_in_german(text: str) -> None:
    with pytest.raises(ValueError, match="kein Schuljahr"):
        parse_school_year(text)


def test_school_year_turns_in_august_and_crosses_the_century_digits() -> None:
    assert school_year_of(date(2026, 7, 31)) == SchoolYear(2025)
    assert school_year_of(date(2026, 8, 1)) == SchoolYear(2026)
    assert str(SchoolYear(2099)) == "2099/00"
    assert SchoolYear(2026).last_day == date(2027, 7, 31)
    assert SchoolYear(2026).next() > SchoolYear(2026)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03.04.2014", date(2014, 4, 3)),
        ("3.4.2014", date(2014, 4, 3)),
        ("2014-04-03", date(2014, 4, 3)),
        ("29.02.2016", date(2016, 2, 29)),
    ],
)
def test_dates_in_german_and_iso_notation(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.2014", "diesen Tag gibt es nicht"),
        ("29.02.2015", "diesen Tag gibt es nicht"),
        ("3.4.14", "vierstellig"),
        ("April 2014", "kein Datum"),
        ("=DATE(2014;4;3)", "kein Datum"),
    ],
)
def test_impossible_dates_get_a_german_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_age_counts_birthdays_exactly() -> None:
    assert age_on(date(2014, 8, 2), date(2026, 8, 1)) == 11
    assert age_on(date(2014, 8, 1), date(2026, 8, 1)) == 12


def test_plausible_pupil_ages() -> None:
    year = SchoolYear(2026)
    assert pupil_age_problem(date(2020, 5, 1), year) is None  # first grade
    assert pupil_age_problem(date(2007, 9, 1), year) is None  # grade 13
    assert "nicht plausibel" in (pupil_age_problem(date(2024, 1, 1), year) or "")
    assert "nicht plausibel" in (pupil_age_problem(date(1980, 1, 1), year) or "")
    assert "nach Beginn" in (pupil_age_problem(date(2026, 9, 1), year) or "")


@pytest.mark.parametrize(
    ("name", "grade"),
    [("7b", 7), ("10 a", 10), ("5", 5), ("EF", 11), ("Q1", 12), ("Q2", 13), ("DaZ", None)],
)
def test_grade_from_class_name(name: str, grade: int | None) -> None:
    assert grade_of_class(name) == grade


def test_classes_sort_by_grade_then_name() -> None:
    names = ["10a", "5b", "Q1", "5a", "EF", "DaZ"]
    assert sorted(names, key=class_sort_key) == ["5a", "5b", "10a", "EF", "Q1", "DaZ"]


def test_names_sort_as_in_a_german_class_list() -> None:
    names = ["Zimmermann", "Çetin", "Đặng", "Kılıç", "Kuhn", "Łukasik", "Ehrlich"]
    assert sorted(names, key=sort_key) == [
        "Çetin",
        "Đặng",
        "Ehrlich",
        "Kılıç",
        "Kuhn",
        "Łukasik",
        "Zimmermann",
    ]


def test_person_key_ignores_case_and_spacing_but_not_letters() -> None:
    born = date(2014, 4, 3)
    assert person_key("Yılmaz", "Elif  Su", born) == person_key(" yılmaz", "Elif Su", born)
    assert person_key("Yılmaz", "Elif", born) != person_key("Yilmaz", "Elif", born)


@pytest.mark.parametrize(
    "name",
    ["\u202e", "\u200b\u200b", "\u2066\u2069", "\x01", "\u3164", "\u0301", "\ufeff", " \u200b "],
)
def test_names_without_a_visible_character_are_refused(name: str) -> None:
    from dpo_desk.core.roster import name_text_problem

    assert name_text_problem(name) is not None


@pytest.mark.parametrize(
    "name", ["Anna", "Ševčík", "Nguyễn", "علي", "Mehr\u200cdad", "👩\u200d👩\u200d👧", "O'Neil"]
)
def test_real_names_pass_even_with_joiners(name: str) -> None:
    from dpo_desk.core.roster import name_text_problem

    assert name_text_problem(name) is None


def test_a_bidi_override_inside_a_name_is_refused() -> None:
    from dpo_desk.core.roster import name_text_problem

    assert "Schreibrichtung" in (name_text_problem("Anna\u202eknup") or "")
