"""Consent printouts from the database: who gets a form, a reminder, a place on the list,
and clear refusals that leave no file behind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from dpo_desk.core.consent.values import (
    SignerRole,
)
from dpo_desk.core.validation import ValidationError
from dpo_desk.reports.engine import DocumentError
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.consent.scanning import resolve_scan
from dpo_desk.services.printing.documents import (
    PrintDocument,
    PrintRequest,
    print_document,
    render_document,
)
from dpo_desk.services.register import activities
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.roster.students import mark_left
from dpo_desk.store.models import ConsentTemplateVersion
from tests.reports import pdf_reading
from tests.reports.print_samples import decode_qr_codes
from tests.services.consent_support import TODAY, fill_school

KEY = "videokonferenzen"
FORMS, SHEET = PrintDocument.CONSENT_FORMS, PrintDocument.SIGNATURE_SHEET
REMINDERS, PARTICIPANTS = PrintDocument.REMINDERS, PrintDocument.PARTICIPANTS
STUDENT_LINE = "Unterschrift der Schülerin / des Schülers"


@pytest.fixture
def ids(ctx, school_id, tmp_path) -> dict[str, int]:
    return fill_school(ctx, school_id, tmp_path)


def texts(ctx, school_id, document, *classes: str, **options) -> list[str]:
    request = PrintRequest(document, KEY, tuple(classes), printed_on=TODAY, **options)
    return pdf_reading.page_texts(render_document(ctx, school_id, request).data)


def returned(ctx, school_id, student_id: int, **answers: bool) -> None:
    entry = FormEntry(
        student_id,
        answers,
        received_on=TODAY,
        signed_on=TODAY,
        signed_by=frozenset({SignerRole.GUARDIANS, SignerRole.STUDENT}),
    )
    record_form(ctx, school_id, KEY, entry, on=TODAY)


def rejected(ctx, school_id, tmp_path: Path, request: PrintRequest) -> str:
    target = tmp_path / "out" / "druck.pdf"
    target.parent.mkdir(exist_ok=True)
    with pytest.raises((ValidationError, DocumentError)) as caught:
        print_document(ctx, school_id, request, target)
    assert list(target.parent.iterdir()) == [], "a refused print must leave no file"
    return str(caught.value)


def test_class_forms_one_per_student_sorted_with_a_scan_code_the_recorder_resolves(
    ctx, school_id, ids
) -> None:
    request = PrintRequest(FORMS, KEY, ("7B",), printed_on=TODAY)
    pdf = render_document(ctx, school_id, request).data
    pages = pdf_reading.page_texts(pdf)
    assert len(pages) == 4
    order = ["Zeynep Çelik", "Minh Nguyễn", "Ola Wałęsa", "Paul Zimmermann"]
    assert [next(n for n in order if n in page) for page in pages] == order
    code = decode_qr_codes(pdf, 2)[0]
    assert code in pages[1]
    target = resolve_scan(ctx, school_id, code)
    assert (target.student_id, target.template_key, target.version) == (ids["Nguyễn"], KEY, 1)


def test_whole_school_prints_every_class_and_the_16_year_olds_sign_too(ctx, school_id, ids) -> None:
    pages = texts(ctx, school_id, FORMS)
    assert len(pages) == 6
    assert [("Klasse:\n10a" in p) for p in pages] == [False] * 4 + [True] * 2
    assert [STUDENT_LINE in p for p in pages] == [False] * 4 + [True] * 2


def test_signature_sheet_per_class(ctx, school_id, ids) -> None:
    pages = texts(ctx, school_id, SHEET, "7b", "10a")
    assert len(pages) == 2
    assert "Klasse 7b" in pages[0] and "Çelik, Zeynep" in pages[0]
    assert "Klasse 10a" in pages[1] and "Becker, Jonas" in pages[1]


def test_reminders_only_for_families_that_have_not_answered(ctx, school_id, ids) -> None:
    returned(ctx, school_id, ids["Zimmermann"], audio=True, video=False)
    pages = texts(ctx, school_id, REMINDERS, "7b")
    letters = [page for page in pages if "Erinnerung: Einwilligung" in page]
    slips = [page for page in pages if "Rücklaufzettel: Teilnahme" in page]
    assert len(letters) == 3 and len(slips) == 3 and len(pages) == 6
    assert not any("Zimmermann" in page for page in pages)
    assert "Zeynep Çelik, Klasse 7b" in pages[0] and "Zeynep Çelik" in pages[1]


def test_participants_follow_the_recorded_answers(ctx, school_id, ids) -> None:
    returned(ctx, school_id, ids["Zimmermann"], audio=True, video=False)
    returned(ctx, school_id, ids["Wałęsa"], audio=True, video=True)
    page = texts(ctx, school_id, PARTICIPANTS, "7b", option_key="video")[0]
    assert "Teilnahme per Video (Kamera): 1 von 4" in page
    assert "Ola Wałęsa" in page and "Paul Zimmermann" not in page
    assert "Audio" not in page


def test_forms_use_the_information_sheet_of_the_linked_register_entry(ctx, school_id, ids) -> None:
    entry = add_from_catalogue(ctx, school_id, "videokonferenz")
    detail = activities.get_activity(ctx, entry.id)
    detail.data.consent_based = True
    detail.data.consent_template_key = KEY
    activities.update_activity(ctx, detail.id, detail.data)
    release_activity(ctx, detail.id)
    text = "\n".join(texts(ctx, school_id, FORMS, "10a"))
    assert "Informationen zum Datenschutz" in text
    assert "Welche Rechte haben Sie?" in text
    assert text.count("Einwilligungserklärung") == 2


def test_unknown_class_template_and_option_are_refused(ctx, school_id, ids, tmp_path) -> None:
    message = rejected(ctx, school_id, tmp_path, PrintRequest(FORMS, KEY, ("7x",)))
    assert "Die Klasse „7x“ gibt es im aktuellen Schuljahr nicht." in message
    message = rejected(ctx, school_id, tmp_path, PrintRequest(FORMS, "gibtsnicht"))
    assert "„gibtsnicht“" in message
    request = PrintRequest(PARTICIPANTS, KEY, option_key="presse")
    message = rejected(ctx, school_id, tmp_path, request)
    assert "keine Option „presse“" in message and "audio" in message


def test_class_without_students_is_refused(ctx, school_id, ids, tmp_path) -> None:
    for name in ("Yılmaz", "Becker"):
        mark_left(ctx, ids[name], date(2026, 10, 31))
    message = rejected(ctx, school_id, tmp_path, PrintRequest(SHEET, KEY, ("10a",)))
    assert (
        message == "Die Klasse 10a hat keine Schülerinnen und Schüler. Es gibt nichts zu drucken."
    )


def test_template_without_options_is_refused(ctx, school_id, ids, tmp_path) -> None:
    with ctx.unit_of_work() as uow:  # as an older or damaged file might hold it
        uow.session.execute(update(ConsentTemplateVersion).values(options=[]))
    message = rejected(ctx, school_id, tmp_path, PrintRequest(FORMS, KEY, ("7b",)))
    assert "hat keine Optionen zum Ankreuzen" in message


def test_nothing_to_remind_when_every_family_answered(ctx, school_id, ids, tmp_path) -> None:
    for name in ("Yılmaz", "Becker"):
        returned(ctx, school_id, ids[name], audio=False, video=False)
    message = rejected(ctx, school_id, tmp_path, PrintRequest(REMINDERS, KEY, ("10a",)))
    assert message.startswith("Keine Erinnerung nötig")


def test_unwritable_path_is_named_and_leaves_no_file(ctx, school_id, ids, tmp_path) -> None:
    missing = tmp_path / "gibt-es-nicht" / "formulare.pdf"
    with pytest.raises(DocumentError, match="existiert nicht"):
        print_document(ctx, school_id, PrintRequest(FORMS, KEY, ("7b",)), missing)
    assert not missing.parent.exists()
    folder = tmp_path / "Ausdrucke"
    folder.mkdir()
    with pytest.raises(DocumentError, match="ist ein Ordner"):
        print_document(ctx, school_id, PrintRequest(FORMS, KEY, ("7b",)), folder)
    assert list(folder.iterdir()) == []


def test_saved_forms_are_complete_and_progress_reaches_every_student(
    ctx, school_id, ids, tmp_path
) -> None:
    seen: list[tuple[int, int]] = []
    result = print_document(
        ctx,
        school_id,
        PrintRequest(FORMS, KEY, duplex=True, printed_on=TODAY),
        tmp_path / "alle.pdf",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.pages == 11  # six one-page forms, five blank backs between them
    assert seen[-1] == (6, 6)
    assert len(pdf_reading.page_texts(result.path.read_bytes())) == 11


def test_a_name_the_font_cannot_print_is_named_in_a_warning(ctx, school_id, ids, tmp_path) -> None:
    roster_file = tmp_path / "neu.csv"
    roster_file.write_text(
        "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse\n7;王;小明;04.04.2014;7b\n",
        encoding="utf-8",
    )
    apply_import(ctx, prepare_import(ctx, school_id, roster_file, "2026/27"))
    result = print_document(
        ctx, school_id, PrintRequest(SHEET, KEY, ("7b",)), tmp_path / "liste.pdf"
    )
    assert len(result.warnings) == 1
    assert "1 Name(n) enthalten Schriftzeichen" in result.warnings[0]
    assert "王, 小明" in result.warnings[0]
    clean = print_document(ctx, school_id, PrintRequest(SHEET, KEY, ("10a",)), tmp_path / "b.pdf")
    assert clean.warnings == ()
