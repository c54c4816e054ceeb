"""The "Drucken" page driven as a secretary would: choose, look at the preview, save,
print; mistakes and cancelling give clear German messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton
from sqlalchemy import update

from dpo_desk.services.changes import Area
from dpo_desk.services.printing.documents import PrintDocument
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.schools import create_school, set_logo
from dpo_desk.store.models import ConsentTemplateVersion
from tests.conftest import sample_profile
from tests.reports import pdf_reading
from tests.reports.samples import png_logo
from tests.services.consent_support import fill_school

KEY = "videokonferenzen"


@pytest.fixture
def page(open_window, ctx, data_dir, tmp_path, qtbot):
    school_id = create_school(ctx, sample_profile()).id
    fill_school(ctx, school_id, tmp_path)
    window = open_window()
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles.index("Drucken") < titles.index("Einstellungen")
    window.show_page(titles.index("Drucken"))
    printing = window.page("printingPage")
    qtbot.waitUntil(lambda: printing.template_box.count() > 0, timeout=3000)
    return printing


def preview(page, qtbot, pages: int) -> None:
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.job is None and page.pdf.pageCount() == pages, timeout=15000)


def test_choose_a_class_and_see_its_sheet_in_the_preview(page, qtbot) -> None:
    classes = [page.class_list.item(r).text() for r in range(page.class_list.count())]
    assert classes == ["7b (4)", "10a (2)"]
    assert "Teilnahme an Videokonferenzen (Version 1)" in page.template_box.currentText()
    page.choose(PrintDocument.SIGNATURE_SHEET, KEY, ["7b"])
    assert not page.option_box.isEnabled()
    preview(page, qtbot, 1)
    assert "Unterschriftenliste (je Klasse): 1 Seite" in page.message.text()
    page.choose(PrintDocument.CONSENT_FORMS, KEY, None)
    assert not page.class_list.isEnabled()
    preview(page, qtbot, 6)
    assert "6 Seiten" in page.message.text()


def test_participants_choose_an_option(page, qtbot) -> None:
    page.choose(PrintDocument.PARTICIPANTS, KEY, ["7b", "10a"], option_key="video")
    assert page.option_box.isEnabled() and page.option_box.currentData() == "video"
    preview(page, qtbot, 2)
    assert page.rendered is not None
    text = pdf_reading.all_text(page.rendered[1].data)
    assert "Teilnahme per Video (Kamera): 0 von 4" in text and "Audio" not in text


def test_save_through_the_file_dialog(page, qtbot, tmp_path: Path) -> None:
    page.choose(PrintDocument.CONSENT_FORMS, KEY, ["7b"])
    target = tmp_path / "formulare_7b.pdf"

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog), dialog
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(str(target))
        dialog.accept()

    QTimer.singleShot(200, fill_in)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    qtbot.waitUntil(target.exists, timeout=15000)
    texts = pdf_reading.page_texts(target.read_bytes())
    assert len(texts) == 4 and "Ola Wałęsa" in "".join(texts)
    assert f"Gespeichert: {target} (4 Seiten)" in page.message.text()
    assert page.pdf.pageCount() == 4, "the saved PDF is also shown"


def test_printing_sends_every_page_to_the_printer(page, qtbot, tmp_path: Path) -> None:
    page.choose(PrintDocument.REMINDERS, KEY, ["10a"])
    preview(page, qtbot, 4)  # per student a reminder letter and a fresh return slip
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setResolution(100)
    out = tmp_path / "gedruckt.pdf"
    printer.setOutputFileName(str(out))
    assert page.print_to(printer)
    assert len(pdf_reading.reader(out.read_bytes()).pages) == 4
    assert "An den Drucker gesendet: 4 Seiten." in page.message.text()


def test_mistakes_are_explained_in_german(page, qtbot, tmp_path: Path) -> None:
    page.choose(PrintDocument.CONSENT_FORMS, KEY, [])
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    assert "Bitte mindestens eine Klasse ankreuzen" in page.message.text()
    assert page.job is None and page.pdf.pageCount() == 0
    page.choose(PrintDocument.SIGNATURE_SHEET, KEY, ["7b"])
    page.save_to(tmp_path / "gibt-es-nicht" / "liste.pdf")
    qtbot.waitUntil(lambda: page.job is None and "existiert nicht" in page.message.text())
    assert not (tmp_path / "gibt-es-nicht").exists()


def test_cancelling_a_long_job_stops_it_midway(page, qtbot, ctx, tmp_path: Path) -> None:
    big = tmp_path / "jahrgang.csv"
    rows = [f"{900 + n};Muster{n:03d};Kim;01.02.2013;8c;" for n in range(300)]
    big.write_text("\n".join(["Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse;EB", *rows]))
    apply_import(ctx, prepare_import(ctx, page.school_id, big, "2026/27"))
    page.refresh()
    page.choose(PrintDocument.CONSENT_FORMS, KEY, ["8c"])
    seen: dict[str, object] = {}

    class WhileLayingOut(QObject):
        """Runs in the GUI thread while the worker waits after its first form."""

        @Slot(int, int)
        def first_form(self, done: int, total: int) -> None:
            if seen or done < 1:
                return
            # The window still answers while the forms are laid out.
            page.document_box.setCurrentIndex(3)
            seen["document"] = page.chosen_document()
            seen["total"] = total
            cancel = job.progress.findChild(QPushButton)
            seen["cancel"] = cancel.text()
            cancel.click()

    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    job = page.job
    assert job is not None and not page.preview_button.isEnabled()
    pause = WhileLayingOut()
    # Blocking: the worker goes on only after the click, whatever the machine's speed.
    job.worker.progressed.connect(pause.first_form, Qt.BlockingQueuedConnection)
    qtbot.waitUntil(lambda: "cancel" in seen, timeout=15000)
    assert seen == {
        "document": PrintDocument.SIGNATURE_SHEET,
        "total": 300,
        "cancel": "Abbrechen",
    }
    qtbot.waitUntil(lambda: page.job is None, timeout=15000)
    assert "Abgebrochen" in page.message.text()
    assert page.pdf.pageCount() == 0 and page.rendered is None
    assert page.preview_button.isEnabled()


def test_template_problems_and_a_broken_logo_are_explained(page, qtbot, ctx) -> None:
    set_logo(ctx, page.school_id, png_logo()[:60])  # a PNG cut off while copying
    page.choose(PrintDocument.SIGNATURE_SHEET, KEY, ["7b"])
    preview(page, qtbot, 1)
    assert "Das Schullogo konnte nicht gelesen werden" in page.message.text()
    with ctx.unit_of_work() as uow:  # a template without options, as a damaged file may hold
        uow.session.execute(update(ConsentTemplateVersion).values(options=[]))
        uow.touch(Area.TEMPLATES)
        changes = uow.changes
    page.operations.announce(changes)
    assert page.rendered is None and page.pdf.pageCount() == 0
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.job is None and "keine Optionen" in page.message.text())
    assert page.pdf.pageCount() == 0


def test_keyboard_only_choose_a_class_and_preview(page, qtbot) -> None:
    page.document_box.setFocus()
    for _ in range(3):  # past the letters and the slips: the signature sheet
        qtbot.keyClick(page.document_box, Qt.Key_Down)
    assert page.chosen_document() is PrintDocument.SIGNATURE_SHEET
    qtbot.keyClick(page.window(), Qt.Key_K, Qt.AltModifier)  # "Klassen:" jumps to the list
    assert page.class_list.hasFocus()
    page.class_list.setCurrentRow(1)
    qtbot.keyClick(page.class_list, Qt.Key_Space)
    assert page.chosen_classes() == ["10a"]
    qtbot.keyClick(page.window(), Qt.Key_V, Qt.AltModifier)  # "Vorschau"
    qtbot.waitUntil(lambda: page.job is None and page.pdf.pageCount() == 1, timeout=15000)
    assert "Unterschriftenliste (je Klasse): 1 Seite" in page.message.text()


def test_a_reprint_of_slips_two_per_sheet_for_chosen_students_is_logged(
    page, qtbot, ctx, tmp_path: Path
) -> None:
    from dpo_desk.services.consent.print_log import printed_for_students
    from dpo_desk.services.roster.students import list_students

    ids = {s.last_name: s.id for s in list_students(ctx, page.school_id)}
    page.choose(PrintDocument.RETURN_SLIPS, KEY, [])
    page.extras.two_per_sheet.setChecked(True)
    page.extras.students.setText(f"{ids['Becker']}, {ids['Çelik']}")
    preview(page, qtbot, 1)  # two A5 slips on one sheet
    text = pdf_reading.all_text(page.rendered[1].data)
    assert "Jonas Becker" in text and "Zeynep Çelik" in text and "hier abtrennen" in text
    before = printed_for_students(ctx, page.school_id, KEY, [ids["Becker"]])[ids["Becker"]]
    page.save_to(tmp_path / "nachdruck.pdf")
    qtbot.waitUntil(lambda: "Gespeichert" in page.message.text())
    after = printed_for_students(ctx, page.school_id, KEY, [ids["Becker"]])[ids["Becker"]]
    assert [p.version for p in after] == [1] and after[0].printed_at > before[0].printed_at
    page.extras.students.setText("Becker")
    page.show_preview()
    assert "nur Nummern" in page.message.text()


def test_status_list_as_xlsx_and_the_teachers_list_copied(page, qtbot, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    page.choose(PrintDocument.STATUS_LIST, KEY, ["7b"])
    page.save_to(tmp_path / "stand.xlsx")
    assert "Gespeichert" in page.message.text()
    sheet = load_workbook(tmp_path / "stand.xlsx").active
    assert sheet["A1"].value == "Klasse" and sheet.max_row == 5
    page.choose(PrintDocument.TEACHER_LIST, KEY, ["7b"])
    assert page.copy_button.isVisible()
    qtbot.mouseClick(page.copy_button, Qt.LeftButton)
    assert "Klasse 7b" in QApplication.clipboard().text()
    assert "keine Teilnahme" in QApplication.clipboard().text()


def test_save_as_word_document(page, qtbot, tmp_path: Path) -> None:
    import docx

    page.choose(PrintDocument.SIGNATURE_SHEET, KEY, ["7b"])
    target = tmp_path / "liste.docx"
    page.save_to(target)
    qtbot.waitUntil(lambda: "Word-Dokument" in page.message.text(), timeout=15000)
    text = "\n".join(
        p.text
        for t in docx.Document(target).tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    )
    assert "Wałęsa" in text
    assert page.message.text() == f"Gespeichert: {target} (Word-Dokument)"
