"""Follow-up printouts from the database: the print log of what families received, reprints
for chosen students, reminders for incomplete forms, the status list as files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dpo_desk.core.consent.values import SignerRole
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.consent.print_log import printed_for_students
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.printing.documents import (
    PrintDocument,
    PrintRequest,
    print_document,
    render_document,
)
from tests.reports import pdf_reading
from tests.services.consent_support import KEY, TODAY, fill_school

GUARDIANS = frozenset({SignerRole.GUARDIANS})


@pytest.fixture
def ids(ctx, school_id, tmp_path) -> dict[str, int]:
    return fill_school(ctx, school_id, tmp_path, printed=False)


def _printed(ctx, school_id, ids: dict[str, int]) -> dict[str, list[int]]:
    found = printed_for_students(ctx, school_id, KEY, ids.values())
    return {name: [p.version for p in found.get(i, [])] for name, i in ids.items()}


def test_saving_letters_and_slips_logs_the_version_for_each_student(
    ctx, school_id, ids, tmp_path: Path
) -> None:
    request = PrintRequest(PrintDocument.LETTER_AND_SLIPS, KEY, ("7b",), printed_on=TODAY)
    render_document(ctx, school_id, request)  # a preview hands nothing out
    assert _printed(ctx, school_id, ids)["Zimmermann"] == []
    result = print_document(ctx, school_id, request, tmp_path / "briefe.pdf")
    assert result.pages == 8
    printed = _printed(ctx, school_id, ids)
    assert printed["Zimmermann"] == [1] and printed["Çelik"] == [1]
    assert printed["Becker"] == []  # 10a was not printed
    # Now the typed form of a 7b student is recorded against version 1.
    entry = FormEntry(ids["Çelik"], {"audio": True, "video": True}, TODAY, TODAY, GUARDIANS)
    assert record_form(ctx, school_id, KEY, entry, on=TODAY).version == 1


def test_a_reprint_of_slips_for_chosen_students_only(ctx, school_id, ids, tmp_path) -> None:
    request = PrintRequest(
        PrintDocument.RETURN_SLIPS,
        KEY,
        student_ids=(ids["Becker"], ids["Nguyễn"]),
        printed_on=TODAY,
    )
    result = print_document(ctx, school_id, request, tmp_path / "nachdruck.pdf")
    texts = pdf_reading.page_texts((tmp_path / "nachdruck.pdf").read_bytes())
    assert result.pages == 2 and "Minh Nguyễn" in texts[0] and "Jonas Becker" in texts[1]
    printed = _printed(ctx, school_id, ids)
    assert printed["Becker"] == [1] and printed["Zimmermann"] == []
    with pytest.raises(ValidationError, match=r"Schüler Nr\. 999"):
        render_document(
            ctx, school_id, PrintRequest(PrintDocument.RETURN_SLIPS, KEY, student_ids=(999,))
        )


def test_reminders_go_to_missing_and_incomplete_forms_naming_what_is_missing(
    ctx, school_id, ids, tmp_path
) -> None:
    print_document(
        ctx, school_id, PrintRequest(PrintDocument.CONSENT_FORMS, KEY), tmp_path / "f.pdf"
    )
    # Becker (born 2010) is 16: his own signature is missing.
    entry = FormEntry(ids["Becker"], {"audio": True, "video": True}, TODAY, TODAY, GUARDIANS)
    record_form(ctx, school_id, KEY, entry, on=TODAY)
    both = frozenset(SignerRole)
    complete = FormEntry(ids["Yılmaz"], {"audio": True, "video": False}, TODAY, TODAY, both)
    record_form(ctx, school_id, KEY, complete, on=TODAY)
    request = PrintRequest(PrintDocument.REMINDERS, KEY, ("10a",), printed_on=TODAY)
    texts = pdf_reading.page_texts(render_document(ctx, school_id, request).data)
    assert len(texts) == 2  # Becker's letter and slip; Yılmaz answered completely
    assert "• Unterschrift der Schülerin/des Schülers fehlt" in texts[0]
    assert "Jonas Becker" in texts[1] and "Unterschrift der Schülerin / des Schülers" in texts[1]


def test_the_status_list_by_extension_pdf_xlsx_csv(ctx, school_id, ids, tmp_path) -> None:
    request = PrintRequest(PrintDocument.STATUS_LIST, KEY, ("7b",), printed_on=TODAY)
    pdf = print_document(ctx, school_id, request, tmp_path / "stand.pdf")
    assert pdf.pages == 1
    xlsx = print_document(ctx, school_id, request, tmp_path / "stand.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.path.read_bytes())).active
    assert sheet.max_row == 5 and sheet["B2"].value == "Çelik"
    csv_text = print_document(ctx, school_id, request, tmp_path / "stand.csv").path.read_text(
        encoding="utf-8-sig"
    )
    assert csv_text.splitlines()[0].startswith("Klasse;Nachname;Vorname(n);Teilnahme per Audio")
    assert "Das Formular ist nicht zurückgekommen." in csv_text
    forms = PrintRequest(PrintDocument.CONSENT_FORMS, KEY, ("7b",))
    with pytest.raises(ValidationError, match="nur als PDF"):
        print_document(ctx, school_id, forms, tmp_path / "formulare.xlsx")
    assert not (tmp_path / "formulare.xlsx").exists()
