"""German wording a user reads: counted nouns and the file names a save dialog proposes."""

from __future__ import annotations

from datetime import date

from dpo_desk.core.wording import counted, file_name


def test_counted_nouns_use_the_right_number() -> None:
    assert counted(1, "Seite", "Seiten") == "1 Seite"
    assert counted(0, "Seite", "Seiten") == "0 Seiten"
    assert counted(12, "Seite", "Seiten") == "12 Seiten"


def test_file_names_are_german_and_safe_on_every_system() -> None:
    assert (
        file_name("Einwilligungen", "5a", "Videokonferenzen", suffix=".pdf")
        == "Einwilligungen_5a_Videokonferenzen.pdf"
    )
    assert file_name("Liste", "Klasse 7/b", None, date(2026, 9, 12), suffix=".pdf") == (
        "Liste_Klasse_7_b_2026-09-12.pdf"
    )
    assert file_name("Fotos: Schulfest?", "Ä\u0000Ö", suffix=".pdf") == "Fotos_Schulfest_Ä_Ö.pdf"
    assert file_name("CON", suffix=".pdf") == "_CON.pdf"
    assert file_name(" ", "", suffix=".pdf") == "Dokument.pdf"
    assert len(file_name("x" * 500, suffix=".pdf")) <= 124
