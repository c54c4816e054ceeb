"""The primary school's real form (``primary_school_form``) as a template, printed as a
letter with sections and the head's signature plus a one-page return slip that scans."""

from __future__ import annotations

from dpo_desk.services.consent.template_edit import create_template
from dpo_desk.services.printing.documents import PrintDocument, PrintRequest, render_document
from dpo_desk.services.roster.importing import apply_import, prepare_import
from tests.reports import pdf_reading
from tests.reports.print_samples import decode_qr_codes
from tests.services.consent_support import HEAD, ROWS, TODAY
from tests.services.primary_school_form import KEY, primary_school_draft


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_primary_school_form_prints_as_letter_and_slip(ctx, school_id, tmp_path) -> None:
    roster = tmp_path / "liste.csv"
    roster.write_text("\n".join([HEAD, *ROWS]), encoding="utf-8")
    apply_import(ctx, prepare_import(ctx, school_id, roster, "2026/27"))
    create_template(ctx, school_id, primary_school_draft())
    request = PrintRequest(PrintDocument.LETTER_AND_SLIPS, KEY, ("7b",), printed_on=TODAY)
    rendered = render_document(ctx, school_id, request)
    pages = pdf_reading.page_texts(rendered.data)
    letter, slip = flat(pages[0]), flat(pages[1])
    assert "Videokonferenzen an der Grundschule am See" in letter
    assert "Was dabei verarbeitet wird" in letter and "• der angezeigte Name" in letter
    assert "**" not in letter and "##" not in letter
    assert "Anna Leiterin" in letter and "Schulleitung" in letter
    assert "Rücklaufzettel" in slip and "JA" in slip and "NEIN" in slip
    assert "Teilnahme per Audio (Mikrofon)" in slip and "Teilnahme per Video (Kamera)" in slip
    assert "Unterschrift der/des Erziehungsberechtigten" in slip
    assert "widerrufen" in slip or "widerrufen" in letter
    assert decode_qr_codes(rendered.data, 2)
