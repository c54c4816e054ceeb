"""A reprint for a few students: chosen from a list by keyboard ("Auswählen …" on the
"Drucken" page), the typed numbers still work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.printing.documents import PrintDocument
from dpo_desk.services.schools import create_school
from dpo_desk.ui.printing.student_picker import Pickable, StudentPickerDialog
from tests.conftest import sample_profile
from tests.reports import pdf_reading
from tests.services.consent_support import TODAY, fill_school

KEY = "videokonferenzen"


@pytest.fixture
def school(ctx, tmp_path) -> tuple[int, dict[str, int]]:
    school_id = create_school(ctx, sample_profile()).id
    ids = fill_school(ctx, school_id, tmp_path)
    answers = {"audio": True, "video": True}
    record_form(ctx, school_id, KEY, FormEntry(ids["Zimmermann"], answers, TODAY), on=TODAY)
    return school_id, ids


@pytest.fixture
def page(open_window, school, qtbot):
    window = open_window()
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    window.show_page(titles.index("Drucken"))
    printing = window.page("printingPage")
    qtbot.waitUntil(lambda: printing.template_box.count() > 0, timeout=3000)
    return printing


@pytest.fixture
def picker(qtbot, ctx, school) -> StudentPickerDialog:
    school_id, _ = school
    rows = template_status(ctx, school_id, KEY, on=TODAY).rows
    dialog = StudentPickerDialog([Pickable.of(row) for row in rows], set(), "7b")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown_names(dialog: StudentPickerDialog) -> list[str]:
    return [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]


def test_search_enter_ticks_and_the_list_fits_a_small_screen(qtbot, picker, school) -> None:
    _, ids = school
    assert picker.width() <= 1024 and picker.height() <= 600
    assert shown_names(picker) == [
        "Çelik, Zeynep",
        "Nguyễn, Minh",
        "Wałęsa, Ola",
        "Zimmermann, Paul",
    ]  # class 7b, chosen on the page
    assert picker.search.hasFocus()
    qtbot.keyClicks(picker.search, "nguy")
    assert shown_names(picker) == ["Nguyễn, Minh"]
    qtbot.keyClick(picker.search, Qt.Key_Return)
    qtbot.keyClicks(picker.search, "celik")  # the search text was selected: a new search
    assert shown_names(picker) == ["Çelik, Zeynep"]
    picker.search.clear()
    qtbot.keyClick(picker.search, Qt.Key_Down)  # Çelik → Nguyễn
    qtbot.keyClick(picker.search, Qt.Key_Down)  # → Wałęsa
    picker.table.setFocus()
    qtbot.keyClick(picker.table, Qt.Key_Space)
    assert picker.chosen_ids() == [ids["Nguyễn"], ids["Wałęsa"]]
    assert picker.count.text() == "2 angekreuzt · 4 gezeigt"
    qtbot.keyClicks(picker.table, "zim")  # typing in the list searches
    assert picker.search.hasFocus() and shown_names(picker) == ["Zimmermann, Paul"]


def test_all_of_a_class_without_a_form_in_two_choices(qtbot, picker, school) -> None:
    _, ids = school
    picker.state_box.setCurrentIndex(picker.state_box.findData("not_returned"))
    assert "Zimmermann, Paul" not in shown_names(picker)  # his form came back
    qtbot.keyClick(picker.search, Qt.Key_A, Qt.ControlModifier)
    assert picker.chosen_ids() == [ids["Çelik"], ids["Nguyễn"], ids["Wałęsa"]]
    qtbot.mouseClick(picker.findChild(QPushButton, "studentPickerNone"), Qt.LeftButton)
    assert picker.chosen_ids() == []


def test_the_picker_fills_the_reprint_and_only_they_are_printed(qtbot, page, school) -> None:
    _, ids = school
    page.choose(PrintDocument.RETURN_SLIPS, KEY, ["10a"])

    failures: list[BaseException] = []

    def choose() -> None:
        dialog = page.picker
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, choose)
            return
        try:
            assert dialog.class_box.currentData() == "10a"
            qtbot.keyClicks(dialog.search, "becker")
            qtbot.keyClick(dialog.search, Qt.Key_Return)
            dialog.class_box.setCurrentIndex(0)  # all classes
            dialog.search.clear()
            qtbot.keyClicks(dialog.search, "celik 7b")
            qtbot.keyClick(dialog.search, Qt.Key_Return)
            qtbot.keyClick(dialog.search, Qt.Key_Return, Qt.ControlModifier)
            assert not dialog.isVisible(), "Strg+Enter did not take the choice"
        except BaseException as failure:  # never leave the dialog open
            failures.append(failure)
            dialog.reject()

    QTimer.singleShot(0, choose)
    page.extras.pick_button.setFocus()
    qtbot.keyClick(page.extras.pick_button, Qt.Key_Space)
    assert not failures
    assert page.extras.students.text() == f"{ids['Çelik']}, {ids['Becker']}"
    assert page.extras.chosen_names.text() == "Çelik, Zeynep; Becker, Jonas"
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.job is None and page.pdf.pageCount() == 2, timeout=15000)
    text = pdf_reading.all_text(page.rendered[1].data)
    assert "Jonas Becker" in text and "Zeynep Çelik" in text and "Deniz Yılmaz" not in text
    qtbot.keyClicks(page.extras.students, "0")  # typing again: the names no longer apply
    assert page.extras.chosen_names.text() == ""


def test_typed_numbers_are_ticked_when_the_list_opens(qtbot, page, school) -> None:
    _, ids = school
    page.choose(PrintDocument.REMINDERS, KEY, None)
    page.extras.students.setText(str(ids["Wałęsa"]))
    dialog = page.extras.picker()
    qtbot.addWidget(dialog)
    assert dialog.chosen_ids() == [ids["Wałęsa"]]
    assert dialog.class_box.currentIndex() == 0  # whole school: every class


def test_reminders_for_the_students_shown_in_the_consent_overview(
    qtbot, open_window, school
) -> None:
    _, ids = school
    window = open_window()
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    window.show_page(titles.index("Einwilligungen"))
    consent = window.page("consentPage")
    consent.tabs.setCurrentIndex(1)
    overview = consent.overview
    overview.choose_class("7b")
    overview.filter.setCurrentIndex(overview.filter.findData("missing"))
    qtbot.mouseClick(overview.reminders, Qt.LeftButton)
    printing = window.page("printingPage")
    assert window.stack.currentWidget() is printing or printing.isVisible()
    assert printing.chosen_document() is PrintDocument.REMINDERS
    assert printing.extras.students.text() == f"{ids['Çelik']}, {ids['Nguyễn']}, {ids['Wałęsa']}"
    assert printing.extras.chosen_names.text() == "Çelik, Zeynep; Nguyễn, Minh; Wałęsa, Ola"
    qtbot.mouseClick(printing.preview_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: printing.job is None and printing.pdf.pageCount() > 0, timeout=15000)
    text = pdf_reading.all_text(printing.rendered[1].data)
    assert "Ola Wałęsa" in text and "Paul Zimmermann" not in text
