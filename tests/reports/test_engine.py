"""The engine's promises, checked on the PDF a user would open."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from dpo_desk.reports.engine import (
    CONTENT_HEIGHT,
    DocumentError,
    DocumentPart,
    render_pdf,
)
from dpo_desk.reports.flowables import QRCode
from dpo_desk.reports.letterhead import LOGO_UNREADABLE
from tests.reports import pdf_reading
from tests.reports.samples import HARD_NAMES, info, letterhead, long_part, paragraphs, png_logo


def test_names_outside_latin1_print_as_text() -> None:
    parts = [DocumentPart(paragraphs(f"Schülerin: {name}, Ayşe-Đurđa")) for name in HARD_NAMES]
    pdf = render_pdf(info(), parts)
    texts = pdf_reading.page_texts(pdf.data)
    assert len(texts) == len(HARD_NAMES)
    for name, text in zip(HARD_NAMES, texts, strict=True):
        assert f"Schülerin: {name}, Ayşe-Đurđa" in text


def test_only_the_embedded_truetype_family_is_used() -> None:
    parts = [
        DocumentPart(
            [*paragraphs("<b>fett</b> &amp; <i>kursiv</i>", "Wałęsa"), QRCode("K-1-2-3")],
            title="Đorđević",
        )
    ]
    pdf = render_pdf(info(), parts)
    used = pdf_reading.fonts(pdf.data)
    assert used, "the PDF names no font at all"
    for font in used:
        assert font.base_name.startswith("DejaVuSans"), font
        assert font.subtype == "/TrueType"
        assert font.embedded_truetype, f"{font.base_name} is not embedded"
    assert b"Helvetica" not in pdf.data


def test_markup_characters_in_user_text_print_literally() -> None:
    school = letterhead(name="Schule <Nord> & Süd")
    pdf = render_pdf(
        info(letterhead=school, title="Liste <b>&"),
        [DocumentPart(paragraphs("Name: Müller <b>& Söhne</b> &amp; Co", "Zeile 1\nZeile 2"))],
    )
    text = pdf_reading.all_text(pdf.data)
    assert "Name: Müller <b>& Söhne</b> &amp; Co" in text
    assert "Schule <Nord> & Süd" in text
    assert "Liste <b>&" in text
    assert "Zeile 1\nZeile 2" in text


def test_footer_counts_pages_of_each_part() -> None:
    pdf = render_pdf(info(), [long_part("Form A"), DocumentPart(paragraphs("kurz"), "Form B")])
    texts = pdf_reading.page_texts(pdf.data)
    assert len(texts) == 3
    assert "Seite 1 von 2" in texts[0] and "Form A · Version 3" in texts[0]
    assert "Seite 2 von 2" in texts[1]
    assert "Seite 1 von 1" in texts[2] and "Form B · Version 3" in texts[2]
    for text in texts:
        assert "Gedruckt am 23.11.2026" in text
        assert "Gesamtschule Am Rosengarten" in text


def test_document_numbering_counts_the_whole_file() -> None:
    pdf = render_pdf(info(numbering="document"), [long_part("A"), DocumentPart(paragraphs("kurz"))])
    texts = pdf_reading.page_texts(pdf.data)
    assert ["Seite 1 von 3" in texts[0], "Seite 3 von 3" in texts[2]] == [True, True]
    assert "Einwilligung Videokonferenzen · Version 3" in texts[2]


def test_metadata_names_title_school_and_subject() -> None:
    pdf = render_pdf(info(title="Einwilligung Fotos – Klasse 7b"), [DocumentPart(paragraphs("x"))])
    meta = pdf_reading.reader(pdf.data).metadata
    assert meta.title == "Einwilligung Fotos – Klasse 7b"
    assert meta.author == "Gesamtschule Am Rosengarten"
    assert meta.subject == "Einwilligungserklärung"


def four_forms() -> list[DocumentPart]:
    return [
        DocumentPart(paragraphs("Formular Şahin")),
        long_part("Formular Yılmaz"),
        DocumentPart(paragraphs("Formular Nguyễn")),
        DocumentPart(paragraphs("Formular Wałęsa")),
    ]


def test_each_part_starts_on_its_own_page_and_duplex_pads_odd_parts() -> None:
    plain = pdf_reading.page_texts(render_pdf(info(), four_forms()).data)
    assert len(plain) == 5
    assert [text.count("Gesamtschule Am Rosengarten") for text in plain] == [2, 2, 1, 2, 2]

    duplex = render_pdf(info(duplex=True), four_forms())
    texts = pdf_reading.page_texts(duplex.data)
    assert duplex.pages == len(texts) == 7
    assert "Formular Şahin" in texts[0]
    assert "für den beidseitigen Druck leer" in texts[1]
    assert "Formular Yılmaz Absatz 0" in texts[2]
    assert "Formular Nguyễn" in texts[4]
    assert "für den beidseitigen Druck leer" in texts[5]
    assert "Formular Wałęsa" in texts[6]  # the last part is not padded


def test_part_that_fills_its_page_exactly_gives_no_empty_page() -> None:
    parts = [
        DocumentPart([Spacer(10, CONTENT_HEIGHT)], with_letterhead=False),
        DocumentPart(paragraphs("zweites Formular"), with_letterhead=False),
    ]
    texts = pdf_reading.page_texts(render_pdf(info(), parts).data)
    assert len(texts) == 2
    assert "zweites Formular" in texts[1]


def test_logo_is_printed_when_readable() -> None:
    pdf = render_pdf(info(letterhead=letterhead(logo=png_logo())), [DocumentPart(paragraphs("x"))])
    page = pdf_reading.reader(pdf.data).pages[0]
    assert len(page.images) == 1
    assert pdf.warnings == ()


@pytest.mark.parametrize("logo", [b"kein Bild", png_logo()[:60], b"\x89PNG\r\n\x1a\n" + b"\0" * 40])
def test_broken_logo_is_left_out_with_a_hint(logo: bytes) -> None:
    pdf = render_pdf(info(letterhead=letterhead(logo=logo)), [DocumentPart(paragraphs("Inhalt"))])
    assert pdf.warnings == (LOGO_UNREADABLE,)
    assert "Inhalt" in pdf_reading.all_text(pdf.data)
    assert len(pdf_reading.reader(pdf.data).pages[0].images) == 0


def test_qr_code_shows_its_payload_for_typing() -> None:
    pdf = render_pdf(info(), [DocumentPart([QRCode("E1-S42-T7-V3", size=25 * mm)])])
    assert "E1-S42-T7-V3" in pdf_reading.all_text(pdf.data)


def test_nothing_to_print_is_a_clear_error() -> None:
    with pytest.raises(DocumentError, match="nichts zu drucken"):
        render_pdf(info(), [])
