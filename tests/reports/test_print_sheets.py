"""Class signature sheets, reminder letters and participant lists, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.reports.consent.participants import NOBODY, participants_document
from dpo_desk.reports.consent.reminder import reminders_document
from dpo_desk.reports.consent.signature_sheet import signature_sheets_document
from dpo_desk.reports.engine import render_pdf
from tests.reports import pdf_reading
from tests.reports.print_samples import HARD_LAST_NAMES, decode_qr_codes, job, student, version

GRANTED, NOT_RETURNED = ConsentState.GRANTED, ConsentState.NOT_RETURNED


def flat(text: str) -> str:
    """Page text with line breaks as spaces (table headers wrap inside their cells)."""
    return " ".join(text.split())


def sheet_pdf(students, **changes) -> bytes:
    return render_pdf(*signature_sheets_document(job(students, **changes))).data


def test_a_class_of_35_spans_two_pages_with_the_header_repeated() -> None:
    students = [student(n, f"Schüler{n:02d}") for n in range(1, 36)]
    texts = [flat(t) for t in pdf_reading.page_texts(sheet_pdf(students))]
    assert len(texts) == 2
    for text in texts:
        for heading in (
            "Nr.",
            "Name",
            "Teilnahme per Audio (Mikrofon)",
            "Unterschrift",
            "zurück am",
        ):
            assert heading in text, heading
    assert "Schüler01, Deniz" in texts[0] and "Schüler35, Deniz" in texts[1]
    assert "Seite 1 von 2" in texts[0] and "Seite 2 von 2" in texts[1]
    assert "Unterschriftenliste: Teilnahme an Videokonferenzen" in texts[0]
    assert "Klasse 7b · Textversion 1 · 35 Schülerinnen und Schüler" in texts[0]
    # Every row of both pages has its JA/NEIN pair for each option (plus the instruction).
    assert sum(t.count("NEIN") for t in texts) == 35 * 2 + 1


def test_a_class_of_30_fits_on_one_page_even_with_three_options() -> None:
    photos = version("fotos")
    students = [student(n, f"Schüler{n:02d}", template=photos) for n in range(1, 31)]
    texts = pdf_reading.page_texts(sheet_pdf(students, version=photos))
    assert len(texts) == 1
    assert texts[0].count("NEIN") == 30 * 3 + 1


def test_each_class_gets_its_own_sheet_in_the_given_order() -> None:
    students = [
        student(1, "Becker", class_name="5a"),
        student(2, "Zimmer", class_name="5a"),
        student(3, "Adam", class_name="7b"),
    ]
    texts = pdf_reading.page_texts(sheet_pdf(students))
    assert len(texts) == 2
    assert "Klasse 5a" in texts[0] and "Becker, Deniz" in texts[0] and "Adam" not in texts[0]
    assert "Klasse 7b" in texts[1] and "1 Adam, Deniz" in flat(texts[1])


def test_sheet_names_print_exactly() -> None:
    names = [*HARD_LAST_NAMES, "Müller & <Söhne>"]
    students = [student(n, name) for n, name in enumerate(names, start=1)]
    pdf = sheet_pdf(students)
    text = pdf_reading.all_text(pdf)
    for name in names:
        assert f"{name}, Deniz" in text
    assert b"Helvetica" not in pdf


def test_reminder_letters_name_the_open_options_and_the_addressee() -> None:
    child = student(1, "Yılmaz", states={"audio": NOT_RETURNED, "video": NOT_RETURNED})
    states = {"audio": ConsentState.REFUSED, "video": NOT_RETURNED}
    adult = student(2, "Şahin", birth_date=date(2007, 1, 1), states=states)
    letters_only = job([child, adult], with_slips=False)
    texts = pdf_reading.page_texts(render_pdf(*reminders_document(letters_only)).data)
    assert len(texts) == 2
    first, second = texts
    assert "An die Erziehungsberechtigten von\nDeniz Yılmaz, Klasse 7b" in first
    assert "Blumenstadt, 23.11.2026" in first
    assert "Erinnerung: Einwilligung „Teilnahme an Videokonferenzen“" in first
    assert "• Teilnahme per Audio (Mikrofon)" in first and "• Teilnahme per Video" in first
    assert "gilt sie als nicht erteilt" in flat(first)
    assert "Anna Leiterin" in first
    assert "Guten Tag Deniz Şahin," in second
    assert "Erziehungsberechtigten" not in second
    assert "Teilnahme per Video (Kamera)" in second and "Audio" not in second


def test_each_reminder_names_what_is_missing_and_brings_a_fresh_slip() -> None:
    sixteen = student(
        3,
        "Becker",
        birth_date=date(2010, 1, 1),
        states={"audio": ConsentState.INCOMPLETE, "video": ConsentState.INCOMPLETE},
    )
    sixteen = replace(sixteen, gaps=("Unterschrift der Schülerin/des Schülers fehlt",))
    pdf = render_pdf(*reminders_document(job([sixteen]))).data
    letter, slip = pdf_reading.page_texts(pdf)
    assert "• Unterschrift der Schülerin/des Schülers fehlt" in letter
    assert "Rücklaufzettel: Teilnahme an Videokonferenzen" in flat(slip)
    assert "Deniz Becker" in slip and sixteen.scan_code in slip
    assert decode_qr_codes(pdf, 2) == [sixteen.scan_code]


def test_participants_list_names_only_students_with_a_valid_yes() -> None:
    students = [
        student(1, "Wałęsa", first_names="Ola", states={"audio": GRANTED, "video": GRANTED}),
        student(2, "Nguyễn", first_names="Minh", states={"audio": GRANTED, "video": NOT_RETURNED}),
        student(3, "Đorđević", first_names="Ana", states={"audio": NOT_RETURNED}),
    ]
    pdf = render_pdf(*participants_document(job(students))).data
    text = pdf_reading.all_text(pdf)
    assert "Wer darf teilnehmen? Teilnahme an Videokonferenzen" in text
    assert "Teilnahme per Audio (Mikrofon): 2 von 3" in text
    assert "Teilnahme per Video (Kamera): 1 von 3" in text
    assert "Ola Wałęsa" in text and "Minh Nguyễn" in text
    assert "Ana Đorđević" not in text
    assert "01.03.2014" not in text, "names only: no birth dates on a teacher's list"
    only_video = render_pdf(*participants_document(job(students, option_keys=("video",)))).data
    video_text = pdf_reading.all_text(only_video)
    assert "Audio" not in video_text and "Ola Wałęsa" in video_text
    assert "Minh Nguyễn" not in video_text


def test_participants_list_says_so_when_nobody_may_join() -> None:
    students = [student(1, "Becker", states={"video": NOT_RETURNED})]
    only_video = job(students, option_keys=("video",))
    text = pdf_reading.all_text(render_pdf(*participants_document(only_video)).data)
    assert NOBODY.split(":")[0] in text and "0 von 1" in text
