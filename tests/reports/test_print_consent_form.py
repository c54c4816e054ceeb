"""Consent forms as families get them, read back from the PDF."""

from __future__ import annotations

from datetime import date

from dpo_desk.core.consent.values import (
    SignerRules,
)
from dpo_desk.reports.consent.form import (
    DEFAULT_VOLUNTARY_NOTE,
    SIGNATURE_CAPTIONS,
    consent_forms_document,
)
from dpo_desk.reports.engine import render_pdf
from dpo_desk.reports.pages import BLANK_PAGE_NOTE
from tests.reports import pdf_reading
from tests.reports.print_samples import (
    HARD_LAST_NAMES,
    PRINT_DAY,
    decode_qr_codes,
    job,
    student,
    version,
)

GUARDIANS = SIGNATURE_CAPTIONS[next(iter(SIGNATURE_CAPTIONS))]
STUDENT_LINE = "Unterschrift der Schülerin / des Schülers"
UNKNOWN_HINT = "Das Geburtsdatum ist der Schule nicht bekannt"


def forms(students, **changes) -> bytes:
    return render_pdf(*consent_forms_document(job(students, **changes))).data


def test_every_name_prints_as_text_on_its_own_form() -> None:
    students = [student(n, name) for n, name in enumerate(HARD_LAST_NAMES, start=1)]
    texts = pdf_reading.page_texts(forms(students))
    assert len(texts) == len(HARD_LAST_NAMES), "each form should be one page"
    for name, text in zip(HARD_LAST_NAMES, texts, strict=True):
        assert f"Deniz {name}" in text
        assert "Einwilligung: Teilnahme an Videokonferenzen" in text
        assert text.count("Teilnahme per Audio (Mikrofon)") == 1
        assert "01.03.2014" in text and "7b" in text


def test_fonts_are_embedded_truetype_and_never_helvetica() -> None:
    pdf = forms([student(1, "Đorđević"), student(2, "Şahin", birth_date=None)])
    used = pdf_reading.fonts(pdf)
    assert {font.base_name for font in used} <= {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(font.embedded_truetype and font.subtype == "/TrueType" for font in used)
    assert b"Helvetica" not in pdf


def test_each_form_starts_a_new_page_with_the_letterhead_and_its_own_footer() -> None:
    students = [student(n, f"Name{n}") for n in range(1, 4)]
    texts = pdf_reading.page_texts(forms(students))
    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert text.startswith("Gesamtschule Am Rosengarten")
        assert f"Name{number}, Deniz (7b) · Version 1" in text
        assert "Seite 1 von 1" in text


def test_duplex_pads_forms_of_two_pages_never_one_page_forms() -> None:
    long_text = "\n\n".join([version().information_text] * 4)
    long = version(information_text=long_text)
    students = [student(n, f"Name{n}", template=long) for n in range(1, 4)]
    texts = pdf_reading.page_texts(forms(students, version=long, duplex=True))
    # Two pages per form: no padding needed, each form starts on an odd page.
    assert len(texts) == 6
    assert [n for n, t in enumerate(texts, 1) if "Seite 1 von 2" in t] == [1, 3, 5]
    short = [student(n, f"Name{n}") for n in range(1, 4)]
    texts = pdf_reading.page_texts(forms(short, duplex=True))
    assert len(texts) == 5 and BLANK_PAGE_NOTE in texts[1] and BLANK_PAGE_NOTE in texts[3]


def test_the_scan_code_under_the_qr_code_and_in_it_name_student_and_version() -> None:
    template = version(version=3)
    first, second = student(4711, "Yılmaz", template=template), student(815, "Şahin")
    pdf = forms([first, second], version=template)
    texts = pdf_reading.page_texts(pdf)
    assert first.scan_code == "EW.123456.4711.VIDEOKONFERENZEN.3." + first.scan_code[-2:]
    assert first.scan_code in texts[0]
    assert decode_qr_codes(pdf, 1) == [first.scan_code]
    assert decode_qr_codes(pdf, 2) == [second.scan_code]


def test_markup_characters_in_names_and_texts_print_literally() -> None:
    template = version(title="Fotos <Homepage> & Presse", declaration_text="Ja & <b>nein</b>")
    pdf = forms([student(1, "Müller & <Söhne>", first_names="A<b>")], version=template)
    text = pdf_reading.all_text(pdf)
    assert "A<b> Müller & <Söhne>" in text
    assert "Einwilligung: Fotos <Homepage> & Presse" in text
    assert "Ja & <b>nein</b>" in text


def test_signature_lines_follow_the_age_on_the_print_date() -> None:
    rules = version(signers=SignerRules(co_signature_age=16, student_alone_age=18))
    twelve = student(1, "Zwölf", birth_date=date(2014, 5, 1))
    sixteen_today = student(2, "Sechzehn", birth_date=date(2010, PRINT_DAY.month, PRINT_DAY.day))
    fifteen = student(3, "Fünfzehn", birth_date=date(2010, 11, 24))  # 16 tomorrow
    adult = student(4, "Volljährig", birth_date=date(2008, 1, 1))
    texts = pdf_reading.page_texts(forms([twelve, sixteen_today, fifteen, adult], version=rules))
    assert GUARDIANS in texts[0] and STUDENT_LINE not in texts[0]
    assert GUARDIANS in texts[1] and STUDENT_LINE in texts[1]
    assert GUARDIANS in texts[2] and STUDENT_LINE not in texts[2]
    assert GUARDIANS not in texts[3] and STUDENT_LINE in texts[3]
    assert [t.count("Ort, Datum") for t in texts] == [1, 2, 1, 1]


def test_a_template_with_co_signature_from_14_asks_a_14_year_old() -> None:
    rules = version(signers=SignerRules(co_signature_age=14, student_alone_age=18))
    pupil = student(1, "Vierzehn", birth_date=date(2012, 1, 10))
    text = pdf_reading.all_text(forms([pupil], version=rules))
    assert GUARDIANS in text and STUDENT_LINE in text


def test_unknown_birth_date_prints_every_signature_line_and_a_hint() -> None:
    text = pdf_reading.all_text(forms([student(1, "Ohnedatum", birth_date=None)]))
    assert UNKNOWN_HINT in text
    assert "nicht bekannt" in text
    assert GUARDIANS in text and STUDENT_LINE in text
    assert "ab 16 Jahren zusätzlich" in text
    known = pdf_reading.all_text(forms([student(2, "Mitdatum")]))
    assert UNKNOWN_HINT not in known


def test_options_with_boxes_duration_and_the_voluntary_note() -> None:
    photos = version("fotos", voluntary_note="")
    text = pdf_reading.all_text(forms([student(1, "Becker", template=photos)], version=photos))
    for label in ("Jahrbuch (Druck)", "Schulhomepage", "Presse (örtliche Zeitung)"):
        assert label in text
    # A JA and a NEIN box per option, plus the instruction "JA oder NEIN ankreuzen".
    assert text.count("JA") == 4 and text.count("NEIN") == 4
    assert DEFAULT_VOLUNTARY_NOTE.split(". ")[0] in text
    assert "für die Zukunft" in text
    assert "Die Einwilligung gilt" in text


def test_linked_activity_information_replaces_the_template_text() -> None:
    snapshot = {
        "version": 2,
        "released_at": "2026-09-01T08:00:00+00:00",
        "activity": {
            "name": "Videokonferenzen im Distanzunterricht",
            "consent_based": True,
            "legal_bases": ["art6_1a"],
            "legal_basis_text": "",
            "purposes": "Unterricht auf Distanz",
            "data_categories": [{"name": "Bild- und Tondaten", "erasure_period": "sofort"}],
            "recipients": [],
            "transfers": [],
        },
        "processors": [],
    }
    text = pdf_reading.all_text(forms([student(1, "Becker")], linked_snapshot=snapshot))
    assert "Informationen zum Datenschutz: Videokonferenzen im" in text
    assert "Wo können Sie sich beschweren?" in text
    assert "Aufzeichnungen von Sitzungen finden nicht statt" not in text
    assert "Einwilligungserklärung" in text and "Teilnahme per Video (Kamera)" in text


def test_a_long_text_breaks_between_paragraphs_and_keeps_the_declaration_whole() -> None:
    paragraphs = [f"Absatz {n}: " + "Hinweise zur Verarbeitung. " * 25 for n in range(1, 9)]
    long = version(information_text="\n\n".join(paragraphs))
    students = [student(n, f"Name{n}", template=long) for n in (1, 2)]
    texts = pdf_reading.page_texts(forms(students, version=long))
    per_form = len(texts) // 2
    assert per_form >= 2 and len(texts) == 2 * per_form
    for pages in (texts[:per_form], texts[per_form:]):
        assert "Absatz 1:" in pages[0] and "Absatz 8:" not in pages[0]
        for n in range(1, 9):
            assert sum(f"Absatz {n}:" in page for page in pages) == 1
        assert "Einwilligungserklärung" in pages[-1] and GUARDIANS in pages[-1]
        assert all("Einwilligungserklärung" not in page for page in pages[:-1])


def test_every_page_of_a_long_form_names_the_student_and_the_signature_page_scans() -> None:
    """A realistic text makes a form of three pages: the crosses and signatures are on the
    last one, which repeats the name, class and the scan code (QR and text)."""
    paragraphs = [f"## Abschnitt {n}\n\n" + "Hinweise zur Verarbeitung. " * 40 for n in range(9)]
    long = version(information_text="\n\n".join(paragraphs))
    pupil = student(4711, "Yılmaz", template=long)
    pdf = forms([pupil], version=long)
    texts = pdf_reading.page_texts(pdf)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "Deniz Yılmaz" in text and pupil.scan_code in text
        assert f"Seite {number} von {len(texts)}" in text
    assert "Deniz Yılmaz, Klasse 7b" in texts[-1] and "Version 1" in texts[-1]
    assert GUARDIANS in texts[-1]
    assert decode_qr_codes(pdf, len(texts)) == [pupil.scan_code]
    assert decode_qr_codes(pdf, 2) == [pupil.scan_code]


def test_a_paragraph_longer_than_a_page_still_prints_completely() -> None:
    endless = version(information_text="Sehr langer Text ohne Absatz. " * 400 + "ENDE")
    text = pdf_reading.all_text(forms([student(1, "Lang", template=endless)], version=endless))
    flat = " ".join(text.split())
    # Only the sentences broken by a page break are split by the footer in between.
    assert "Absatz. ENDE" in flat and flat.count("Sehr langer Text") >= 395
    assert "Unterschrift der/des Erziehungsberechtigten" in text
