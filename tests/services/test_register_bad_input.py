"""Bad input of issue 18: a TOM list with empty, duplicate or hand-edited bad lines, an
attachment that is not a readable file, a state without an authority list: a German message
and nothing written half."""

from __future__ import annotations

import pytest

from dpo_desk.core.dsfa.threshold import criteria
from dpo_desk.core.register.tom_import import ImportLine
from dpo_desk.core.register.values import ProcessorData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.register import attachments, processors, tom_import, toms


@pytest.fixture
def vendor(ctx, school_id) -> int:
    return processors.create_processor(ctx, school_id, ProcessorData(name="Anbieter GmbH")).id


def test_doubled_lines_typed_back_in_are_refused_as_a_whole(ctx, school_id, vendor) -> None:
    lines = [
        ImportLine(1, "Tägliche Datensicherung", "", "availability", "", "in_place"),
        ImportLine(2, "tägliche datensicherung", "", "availability", "", "in_place"),
        ImportLine(3, "", "nur eine Beschreibung", "integrity", "", "in_place"),
    ]
    measures = tom_import.lines_to_measures(lines, vendor)
    with pytest.raises(ValidationError) as refused:
        tom_import.import_measures(ctx, vendor, measures)
    messages = [p.message for p in refused.value.problems]
    assert any(m.startswith("Zeile 2:") for m in messages)
    assert any(m.startswith("Zeile 3:") for m in messages)
    assert toms.list_toms(ctx, school_id, vendor) == []


def test_a_second_import_marks_what_is_already_there(ctx, school_id, vendor) -> None:
    first = tom_import.preview_text(ctx, vendor, "Tägliche Datensicherung\n")
    tom_import.import_measures(ctx, vendor, tom_import.lines_to_measures(first.lines, vendor))
    again = tom_import.preview_text(ctx, vendor, "Tägliche Datensicherung\nVirenschutz\n")
    assert [(line.title, line.include) for line in again.lines] == [
        ("Tägliche Datensicherung", False),
        ("Virenschutz", True),
    ]
    assert again.lines[0].note == "schon beim Auftragsverarbeiter erfasst"


def test_an_attachment_that_is_not_a_file_writes_nothing(ctx, vendor, tmp_path) -> None:
    for bad in (tmp_path, tmp_path / "fehlt.pdf"):
        with pytest.raises(ValidationError) as refused:
            attachments.attach_file(ctx, "processor", vendor, bad)
        assert refused.value.problems[0].field == "attachment"
    assert attachments.list_attachments(ctx, "processor", vendor) == []


def test_files_saved_with_a_form_go_in_together_or_not_at_all(ctx, vendor, tmp_path) -> None:
    good, other = tmp_path / "Anlage.pdf", tmp_path / "Zertifikat.pdf"
    good.write_bytes(b"%PDF-1.4 Anlage")
    other.write_bytes(b"%PDF-1.4 Zertifikat")
    with pytest.raises(ValidationError):  # one file gone: none is stored
        attachments.save_attachment_changes(
            ctx, "processor", vendor, [good, tmp_path / "fehlt.pdf"], []
        )
    assert attachments.list_attachments(ctx, "processor", vendor) == []
    attachments.save_attachment_changes(ctx, "processor", vendor, [good, other], [])
    stored = attachments.list_attachments(ctx, "processor", vendor)
    assert [a.file_name for a in stored] == ["Anlage.pdf", "Zertifikat.pdf"]
    attachments.save_attachment_changes(ctx, "processor", vendor, [], [stored[0].id])
    assert [a.file_name for a in attachments.list_attachments(ctx, "processor", vendor)] == [
        "Zertifikat.pdf"
    ]


def test_a_state_without_a_list_says_so_and_falls_back_to_wp248() -> None:
    lists = criteria().for_state("XX")
    assert lists.missing and lists.lists == ()
    assert "keine Liste der Aufsichtsbehörde" in lists.note
    assert "neun Kriterien der WP 248" in lists.note
    assert len(criteria().indicators) == 9


def test_a_measure_list_from_csv_and_xlsx(ctx, vendor, tmp_path) -> None:
    from openpyxl import Workbook

    csv_file = tmp_path / "TOM-Anlage.csv"
    csv_file.write_text(
        "Maßnahme;Beschreibung\n"
        "Tägliche Datensicherung;an einem zweiten Standort\n"
        ";\n"
        "Zwei-Faktor-Anmeldung;optional einschaltbar\n",
        encoding="utf-8",
    )
    preview = tom_import.preview_file(ctx, vendor, csv_file)
    assert [(line.title, line.status) for line in preview.lines] == [
        ("Tägliche Datensicherung", "in_place"),
        ("Zwei-Faktor-Anmeldung", "optional"),
    ]
    book = Workbook()
    sheet = book.active
    for row in (("Maßnahme", "Beschreibung"), ("Virenschutz", "auf allen Servern")):
        sheet.append(row)
    xlsx_file = tmp_path / "TOM-Anlage.xlsx"
    book.save(xlsx_file)
    preview = tom_import.preview_file(ctx, vendor, xlsx_file)
    assert [(line.title, line.description) for line in preview.lines] == [
        ("Virenschutz", "auf allen Servern")
    ]


def test_a_measure_list_that_is_no_list_is_refused_in_german(ctx, vendor, tmp_path) -> None:
    old_excel = tmp_path / "alt.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    with pytest.raises(ValidationError) as refused:
        tom_import.preview_file(ctx, vendor, old_excel)
    assert "alte Excel-Datei (XLS)" in refused.value.problems[0].message
    with pytest.raises(ValidationError) as refused:
        tom_import.preview_file(ctx, vendor, tmp_path)
    assert refused.value.problems[0].message
