"""Text for spreadsheets and the clipboard never runs as a formula."""

from __future__ import annotations

import pytest

from dpo_desk.core.export import clipboard_cell, neutralise_cell


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+49 30 1234", "'+49 30 1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Müller", "Müller"),
        (None, ""),
    ],
)
def test_cells_starting_like_a_formula_become_text(value, safe) -> None:
    assert neutralise_cell(value) == safe


def test_a_pasted_value_stays_in_one_cell() -> None:
    assert clipboard_cell("Anna\t=1+1") == "Anna =1+1"
    assert clipboard_cell("\t=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert clipboard_cell("Zeile\neins") == "Zeile eins"
