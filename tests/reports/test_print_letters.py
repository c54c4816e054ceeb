"""Letter + return slip, the teachers' list and the status list, read back from the files."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date

from openpyxl import load_workbook

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.reports.consent.letter import letters_and_slips_document, slips_document
from dpo_desk.reports.consent.status_list import status_list_document
from dpo_desk.reports.consent.status_table import csv_bytes, xlsx_bytes
from dpo_desk.reports.consent.teacher_list import teacher_list_document, teacher_list_text
from dpo_desk.reports.engine import render_pdf
from tests.reports import pdf_reading
from tests.reports.print_samples import decode_qr_codes, job, student, version

G, R, N = ConsentState.GRANTED, ConsentState.REFUSED, ConsentState.NOT_RETURNED
FORMATTED = (
    "# Elternbrief\n\n## Was wir vorhaben\n\nLiebe Eltern,\nwir nutzen **Videokonferenzen**."
    "\n\n- Unterricht\n- Sprechstunden\n\n#### bleibt stehen\n\n<b>auch</b> *das* bleibt"
)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_letter_then_a_one_page_slip_per_student_whose_qr_scans() -> None:
    template = version(information_text=FORMATTED, head_signature=True)
    pupils = [student(4711, "Yılmaz", template=template), student(815, "Şahin", template=template)]
    pdf = render_pdf(*letters_and_slips_document(job(pupils, version=template))).data
    texts = pdf_reading.page_texts(pdf)
    assert len(texts) == 4
    letter, slip = texts[0], texts[1]
    assert "An die Erziehungsberechtigten von\nDeniz Yılmaz, Klasse 7b" in letter
    assert "Was wir vorhaben" in letter and "• Unterricht" in letter
    assert "#### bleibt stehen" in letter and "<b>auch</b> *das* bleibt" in letter
    assert "**" not in letter
    assert "Die Einwilligung gilt bis zum Verlassen der Schule." in flat(letter)
    assert "Anna Leiterin" in letter and "Schulleitung" in letter
    assert "Rücklaufzettel: Teilnahme an Videokonferenzen" in flat(slip)
    assert "Deniz Yılmaz" in slip and "Klasse: 7b" in slip and "Textversion 1" in slip
    assert pupils[0].scan_code in slip
    assert "JA" in slip and "NEIN" in slip and "Unterschrift der/des Erziehungsberechtigten" in slip
    assert decode_qr_codes(pdf, 2) == [pupils[0].scan_code]
    assert decode_qr_codes(pdf, 4) == [pupils[1].scan_code]
    assert decode_qr_codes(pdf, 1) == []  # the letter is read, not signed


def test_two_slips_per_sheet_with_a_cut_line_both_scan() -> None:
    pupils = [student(n, f"Name{n}") for n in (1, 2, 3)]
    pdf = render_pdf(*slips_document(job(pupils, two_per_sheet=True))).data
    texts = pdf_reading.page_texts(pdf)
    assert len(texts) == 2
    assert "hier abtrennen" in texts[0] and "Deniz Name1" in texts[0] and "Deniz Name2" in texts[0]
    assert "hier abtrennen" not in texts[1]
    assert sorted(decode_qr_codes(pdf, 1)) == sorted(p.scan_code for p in pupils[:2])
    assert decode_qr_codes(pdf, 2) == [pupils[2].scan_code]


def test_a_slip_with_a_very_long_declaration_still_fits_one_page() -> None:
    long = version(declaration_text="Ich willige ein. " * 250)
    pdf = render_pdf(*slips_document(job([student(1, "Lang", template=long)], version=long))).data
    assert len(pdf_reading.page_texts(pdf)) == 1
    assert decode_qr_codes(pdf, 1)


def test_the_teachers_list_says_per_child_what_is_allowed() -> None:
    pupils = [
        student(1, "Alt", states={"audio": G, "video": G}),
        student(2, "Berg", states={"audio": G, "video": R}),
        student(3, "Cetin", states={"audio": N, "video": N}),
        student(4, "Dorn", class_name="7c", states={"audio": R, "video": G}),
    ]
    printed = job(pupils)
    texts = [
        flat(t) for t in pdf_reading.page_texts(render_pdf(*teacher_list_document(printed)).data)
    ]
    assert len(texts) == 2  # one page per class
    assert "Alt, Deniz Audio und Video" in texts[0]
    assert "Berg, Deniz nur Audio" in texts[0] and "Cetin, Deniz keine Teilnahme" in texts[0]
    assert "2 von 3 dürfen teilnehmen" in texts[0]
    assert "Dorn, Deniz nur Video" in texts[1]
    text = teacher_list_text(printed)
    assert "Klasse 7b\nAlt, Deniz\tAudio und Video\n" in text


def test_clipboard_text_of_the_teachers_list_is_formula_safe() -> None:
    hostile = student(1, "=HYPERLINK(1)", first_names="@x", states={"audio": G, "video": G})
    text = teacher_list_text(job([hostile]))
    assert "'=HYPERLINK(1), @x\tAudio und Video" in text


def test_the_status_list_per_class_as_pdf_xlsx_and_csv_with_formula_safe_cells() -> None:
    hostile = student(
        1, "=1+2", first_names="+cmd", states={"audio": G, "video": R}, birth_date=date(2014, 1, 1)
    )
    hostile = replace(hostile, received_on=date(2026, 9, 10), form_version=1)
    missing = replace(
        student(2, "Becker", states={"audio": N, "video": N}),
        gaps=("Das Formular ist nicht zurückgekommen.",),
    )
    printed = job([hostile, missing])
    text = flat(pdf_reading.all_text(render_pdf(*status_list_document(printed)).data))
    assert "Stand der Einwilligungen: Teilnahme an Videokonferenzen" in text
    assert "=1+2, +cmd" in text and "10.09.2026" in text
    assert "nicht abgegeben" in text and "Das Formular ist nicht" in text

    sheet = load_workbook(io.BytesIO(xlsx_bytes(printed))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == [
        "Klasse",
        "Nachname",
        "Vorname(n)",
        "Teilnahme per Audio (Mikrofon)",
        "Teilnahme per Video (Kamera)",
    ]
    assert rows[1][:7] == ["7b", "=1+2", "+cmd", "erteilt", "abgelehnt", "1", "10.09.2026"]
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(printed))) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere

    lines = list(csv.reader(io.StringIO(csv_bytes(printed).decode("utf-8-sig")), delimiter=";"))
    assert lines[1][:3] == ["7b", "'=1+2", "'+cmd"]
    assert lines[2][-1] == "Das Formular ist nicht zurückgekommen."
