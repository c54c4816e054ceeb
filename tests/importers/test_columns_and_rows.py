from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.roster import SchoolYear
from dpo_desk.importers.columns import map_columns, parse_map_option, remembered_applicable
from dpo_desk.importers.files import RawRow, RawTable
from dpo_desk.importers.rows import build_rows

YEAR = SchoolYear(2026)


@pytest.mark.parametrize(
    "headings",
    [
        ["Nachname", "Vorname", "Geburtsdatum", "Klasse"],
        ["Familienname", "Rufname", "Geb.-Datum", "Klasse"],
        ["NAME", "vorname", "geb. datum", " klasse "],
        ["Schüler-ID", "Name", "Vornamen", "Geburtstag", "Klassenbezeichnung"],
        ["Schueler ID", "Zuname", "Vorname(n)", "Geb.Datum", "Kl."],
    ],
)
def test_common_headings_are_recognised(headings: list[str]) -> None:
    result = map_columns(headings)
    assert result.missing == []
    assert result.ignored == []


def test_other_columns_are_reported_as_ignored() -> None:
    result = map_columns(
        ["Nachname", "Vorname", "Geschlecht", "Geburtsdatum", "Religion", "Klasse", "Straße"]
    )
    assert result.ignored == ["Geschlecht", "Religion", "Straße"]


def test_explicit_mapping_wins_and_unknown_headings_are_named() -> None:
    headings = ["Zuname", "Name", "Vorname", "Datum", "Gruppe"]
    result = map_columns(headings, {"birth_date": "Datum", "class": "gruppe"})
    assert result.columns == {
        "birth_date": 3,
        "class": 4,
        "last_name": 0,
        "first_names": 2,
    }
    assert "Name" in result.ignored
    bad = map_columns(headings, {"class": "Klasse"})
    assert bad.problems == ["Die Spalte „Klasse“ für Klasse gibt es in der Datei nicht."]
    assert bad.missing == ["birth_date", "class"]


def test_remembered_mapping_applies_only_to_headings_the_file_has() -> None:
    remembered = {"class": "Lerngruppe neu", "birth_date": "Datum"}
    assert remembered_applicable(["Datum", "Name"], remembered) == {"birth_date": "Datum"}


def test_map_option_accepts_english_and_german_field_names() -> None:
    assert parse_map_option("last_name=Zuname") == ("last_name", "Zuname")
    assert parse_map_option("Klasse=Lerngruppe") == ("class", "Lerngruppe")
    with pytest.raises(ValueError, match="kein Feld"):
        parse_map_option("religion=Konfession")
    with pytest.raises(ValueError, match="FELD=SPALTE"):
        parse_map_option("last_name")


def table(*rows: list[str], headings: list[str] | None = None) -> RawTable:
    heads = headings or ["ID", "Nachname", "Vorname", "Geb.-Datum", "Klasse"]
    return RawTable(
        headings=heads,
        rows=[RawRow(i + 2, list(r)) for i, r in enumerate(rows)],
        file_kind="CSV",
    )


def rows_of(raw: RawTable):
    return build_rows(raw, map_columns(raw.headings), YEAR)


def test_valid_row_is_cleaned_and_parsed() -> None:
    (row,) = rows_of(table(["17", "  van  der Berg ", "Lotte", "3.4.2014", "7b"]))
    assert row.problems == []
    assert (row.last_name, row.birth_date, row.grade) == ("van der Berg", date(2014, 4, 3), 7)


def test_each_problem_names_line_and_column() -> None:
    rows = rows_of(
        table(
            ["1", "", "Elif", "03.04.2014", "7b"],
            ["2", "Demir", "Can", "31.02.2014", ""],
            ["3", "Kaya", "Ali", "01.01.1970", "7b"],
        )
    )
    texts = [p.text for row in rows for p in row.problems]
    assert texts == [
        "Zeile 2, Spalte „Nachname“: Nachname fehlt.",
        "Zeile 3, Spalte „Klasse“: Klasse fehlt.",
        "Zeile 3, Spalte „Geb.-Datum“: „31.02.2014“ ist kein gültiges Datum "
        "(diesen Tag gibt es nicht).",
        "Zeile 4, Spalte „Geb.-Datum“: Das Geburtsdatum 01.01.1970 ergibt ein Alter von 56 "
        "Jahren zu Beginn des Schuljahres 2026/27; das ist für Schüler nicht plausibel "
        "(4 bis 25 Jahre).",
    ]


def test_same_id_twice_flags_both_rows() -> None:
    rows = rows_of(
        table(["5", "Demir", "Can", "01.01.2014", "7b"], ["5", "Kaya", "Ali", "01.01.2014", "7b"])
    )
    assert "steht schon in Zeile 2" in rows[1].problems[0].text
    assert "noch in Zeile 3" in rows[0].problems[0].text


def test_same_person_twice_without_ids_flags_both_rows() -> None:
    rows = rows_of(
        table(
            ["", "Şahin", "Işıl", "01.01.2014", "7b"],
            ["", "şahin", "Işıl", "1.1.2014", "7c"],
            ["", "Şahin", "Işıl", "02.01.2014", "7c"],
        )
    )
    assert "dieselbe Person doppelt" in rows[1].problems[0].message
    assert rows[0].problems and not rows[2].problems


def test_formula_like_name_is_kept_as_plain_text() -> None:
    (row,) = rows_of(table(["9", "=HYPERLINK(1)", "@Anna", "01.01.2014", "7b"]))
    assert row.problems == []
    assert (row.last_name, row.first_names) == ("=HYPERLINK(1)", "@Anna")


def test_too_long_value_is_a_problem() -> None:
    (row,) = rows_of(table(["9", "A" * 201, "Anna", "01.01.2014", "7b"]))
    assert row.problems[0].text == "Zeile 2, Spalte „Nachname“: Mehr als 200 Zeichen."


def test_the_wizard_and_the_importer_share_one_mapping_check() -> None:
    from dpo_desk.importers.columns import ColumnMap, mapping_problems

    assert mapping_problems({"last_name": 0, "first_names": 1, "birth_date": 2, "class": 3}) == []
    missing = mapping_problems({"last_name": 0, "first_names": 1})
    assert missing == ["Es fehlen Spalten für „Geburtsdatum“, „Klasse“."]
    twice = ColumnMap({"last_name": 0, "first_names": 0, "birth_date": 2, "class": 3})
    assert twice.mapping_problems() == ["Jede Spalte darf nur einem Feld zugeordnet sein."]
