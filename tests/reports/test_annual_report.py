"""The annual report (Tätigkeitsbericht) of a demo school, read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpo_desk.core.validation import ValidationError
from dpo_desk.services.annual.report import default_year, print_annual_report
from tests.reports import pdf_reading


def test_annual_report_of_the_demo_school(ctx, demo, tmp_path: Path) -> None:
    large = demo.schools[1]
    target = tmp_path / "bericht.pdf"
    print_annual_report(ctx, large.id, 2026, target)
    text = pdf_reading.all_text(target.read_bytes())
    for expected in (
        "Tätigkeitsbericht 2026 der/des Datenschutzbeauftragten",
        "Gesamtschule Rheinblick",
        "Verzeichnis der Verarbeitungstätigkeiten",
        "Lernplattform",  # the DSFA signed off in 2026
        "Datenschutzverletzungen",
        "USB-Stick mit Notenlisten",
        "gemeldet am 13.10.2026",
        "1 von 2",  # notified of two documented
        "nicht gemeldet, weil",
        "Anfragen betroffener Personen",
        "Auskunft (Art. 15): 2",
        "fristgerecht beantwortet",
        "Offene Befunde",
    ):
        assert expected in text, expected


def test_a_year_outside_the_range_is_refused(ctx, school_id, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        print_annual_report(ctx, school_id, 1999, tmp_path / "x.pdf")
    assert "Jahr: 1999" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_default_year() -> None:
    from datetime import date

    assert default_year(date(2027, 1, 15)) == 2026
    assert default_year(date(2026, 12, 1)) == 2026
