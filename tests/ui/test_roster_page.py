from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from dpo_desk.services.roster import students as roster
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.ui.roster.page import RosterPage
from dpo_desk.ui.signals import AppSignals

HEAD = "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse;Konfession"
LINES = [
    "1;Yılmaz;Elif;03.04.2014;7b;islam",
    "2;Nowak;Łucja;01.02.2013;8a;rk",
    "3;Nguyễn;Văn Đức;12.12.2013;7b;",
    "4;O'Brien;Seán;05.05.2014;7a;",
]


def write_csv(tmp_path: Path, lines: list[str], head: str = HEAD, name: str = "l.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def page(qtbot, ctx, school_id, tmp_path) -> RosterPage:
    apply_import(ctx, prepare_import(ctx, school_id, write_csv(tmp_path, LINES), "2026/27"))
    widget = RosterPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.set_school(school_id)
    widget.show()
    return widget


def shown_names(page: RosterPage) -> list[str]:
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def test_classes_with_counts_and_all_students(page) -> None:
    items = [page.classes.item(i).text() for i in range(page.classes.count())]
    assert items == ["Alle Klassen (4)", "7a (1)", "7b (2)", "8a (1)"]
    assert shown_names(page) == ["O'Brien", "Nguyễn", "Yılmaz", "Nowak"]
    assert page.year_label.text() == "Schuljahr 2026/27"


def test_search_as_you_type_over_name_class_and_id(qtbot, page) -> None:
    qtbot.keyClicks(page.search, "yil")  # dotless ı found with a plain i
    assert shown_names(page) == ["Yılmaz"]
    page.search.clear()
    qtbot.keyClicks(page.search, "7b")
    assert shown_names(page) == ["Nguyễn", "Yılmaz"]
    page.search.clear()
    qtbot.keyClicks(page.search, "duc 7b")
    assert shown_names(page) == ["Nguyễn"]
    page.search.clear()
    qtbot.keyClicks(page.search, "2")
    assert "Nowak" in shown_names(page)
    assert page.count_label.text().endswith("von 4 Schülern")


def test_choosing_a_class_filters_the_table(qtbot, page) -> None:
    page.classes.setFocus()
    page.classes.setCurrentRow(0)
    qtbot.keyClick(page.classes, Qt.Key_Down)
    assert page.classes.currentItem().text() == "7a (1)"
    assert shown_names(page) == ["O'Brien"]


def test_edit_student_in_dialog_updates_the_table(qtbot, page) -> None:
    qtbot.keyClicks(page.search, "nowak")
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.LeftButton)
    dialog = page.student_dialog
    name = dialog.fields["last_name"]
    name.selectAll()
    qtbot.keyClicks(name, "Nowak-Kowalska")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    page.search.clear()
    assert "Nowak-Kowalska" in shown_names(page)


def test_empty_name_is_refused_with_a_message(qtbot, page) -> None:
    page.table.selectRow(0)
    page.open_current_student()
    dialog = page.student_dialog
    dialog.fields["last_name"].clear()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.error.text() == "Nachname: Bitte ausfüllen."
    assert dialog.isVisible()


def test_mark_as_left_removes_from_the_active_list(qtbot, page) -> None:
    student = roster.list_students(page.ctx, page.school_id)[0]
    page.open_student(student.id)
    dialog = page.student_dialog
    qtbot.mouseClick(dialog.leave_button, Qt.LeftButton)
    assert dialog.status.text().startswith("abgegangen am")
    assert "Speichern" in dialog.status.text()  # not yet stored
    assert student.last_name in shown_names(page)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: student.last_name not in shown_names(page), timeout=3000)
    qtbot.mouseClick(page.show_left, Qt.LeftButton)
    assert student.last_name in shown_names(page)


def test_cancel_undoes_everything_done_in_the_student_dialog(qtbot, page) -> None:
    student = roster.list_students(page.ctx, page.school_id)[0]
    page.open_student(student.id)
    dialog = page.student_dialog
    dialog.fields["last_name"].setText("Anders")
    qtbot.mouseClick(dialog.leave_button, Qt.LeftButton)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    stored = roster.get_student(page.ctx, student.id)
    assert (stored.last_name, stored.status) == (student.last_name, "active")
    assert student.last_name in shown_names(page)


def _next(qtbot, wizard: QWizard, expected_page) -> None:
    qtbot.mouseClick(
        wizard.button(
            QWizard.CommitButton if wizard.currentPage().isCommitPage() else QWizard.NextButton
        ),
        Qt.LeftButton,
    )
    qtbot.waitUntil(lambda: wizard.currentPage() is expected_page, timeout=5000)


def test_import_wizard_maps_previews_and_imports_valid_rows(qtbot, page, tmp_path) -> None:
    path = write_csv(
        tmp_path,
        [
            "Yılmaz;Elif;03.04.2014;8b",
            "Haddad;Amira;05.05.2016;5c",
            "Kaya;Ali;31.02.2014;5c",
        ],
        head="Zuname;Vorname;Geburtsdatum;Gruppe",
        name="neu.csv",
    )
    page.open_import()
    wizard = page.wizard
    qtbot.keyClicks(wizard.file_page.path, str(path))
    wizard.file_page.year.clear()
    qtbot.keyClicks(wizard.file_page.year, "2027/28")
    _next(qtbot, wizard, wizard.mapping_page)
    assert wizard.mapping_page.combos["last_name"].currentText() == "Zuname"
    _next(qtbot, wizard, wizard.mapping_page)  # class not mapped: stays with a message
    assert "Klasse" in wizard.mapping_page.error.text()
    combo = wizard.mapping_page.combos["class"]
    combo.setCurrentIndex(combo.findText("Gruppe"))
    _next(qtbot, wizard, wizard.preview_page)
    preview = wizard.preview_page
    assert "Neu: 1  Geändert: 1" in preview.summary.toPlainText()
    assert "Schuljahreswechsel: 2026/27 → 2027/28" in preview.summary.toPlainText()
    assert "Zeile 4, Spalte „Geburtsdatum“" in preview.problems.toPlainText()
    assert not wizard.button(QWizard.CommitButton).isEnabled()
    # A check box reacts to clicks on its box and label, not on the empty space beside.
    box_centre = QPoint(8, preview.valid_only.height() // 2)
    qtbot.mouseClick(preview.valid_only, Qt.LeftButton, pos=box_centre)
    assert preview.mark_leavers.isChecked()
    assert preview.leavers.count() == 3
    assert wizard.button(QWizard.CommitButton).isEnabled()
    _next(qtbot, wizard, wizard.result_page)
    result = wizard.result_page.result_text.toPlainText()
    assert "1 neu, 1 geändert" in result and "3 als abgegangen" in result
    assert "Zeile 4: Kaya, Ali" in result
    assert shown_names(page) == ["Haddad", "Yılmaz"]
    assert page.year_label.text() == "Schuljahr 2027/28"
    left = roster.list_students(page.ctx, page.school_id, include_left=True)
    assert {s.left_on for s in left if s.status == "left"} == {date(2027, 7, 31)}


def test_wizard_explains_an_unreadable_file(qtbot, page, tmp_path) -> None:
    path = tmp_path / "bild.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    page.open_import()
    wizard = page.wizard
    qtbot.keyClicks(wizard.file_page.path, str(path))
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: "keine Textdatei" in wizard.file_page.error.text(), timeout=5000)
    assert wizard.currentPage() is wizard.file_page


def test_wizard_flags_text_in_a_wrong_encoding_and_refuses_hostile_files(
    qtbot, page, tmp_path
) -> None:
    path = write_csv(tmp_path, ["MÃ¼ller;JÃ¶rg;03.04.2014;5c"], name="kodierung.csv")
    page.open_import()
    wizard = page.wizard
    qtbot.keyClicks(wizard.file_page.path, str(path))
    _next(qtbot, wizard, wizard.mapping_page)
    _next(qtbot, wizard, wizard.preview_page)
    notices = wizard.preview_page.notices
    assert notices.isVisible() and "gemeint wohl „Müller“" in notices.text()
    wizard.back()
    wizard.back()
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    wizard.file_page.path.clear()
    qtbot.keyClicks(wizard.file_page.path, str(fifo))
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    qtbot.waitUntil(
        lambda: "keine gewöhnliche Datei" in wizard.file_page.error.text(), timeout=5000
    )
    assert wizard.currentPage() is wizard.file_page


def test_page_sits_after_the_overview_in_the_main_window(open_window) -> None:
    window = open_window()
    assert window.navigation.item(1).text() == "Schüler & Klassen"
    assert window.page("rosterPage").title == "Schüler & Klassen"


def test_clicking_a_heading_sorts_by_that_column(qtbot, page) -> None:
    header = page.table.horizontalHeader()
    name_column = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=name_column)
    assert shown_names(page) == ["Nguyễn", "Nowak", "O'Brien", "Yılmaz"]
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=name_column)
    assert shown_names(page) == ["Yılmaz", "O'Brien", "Nowak", "Nguyễn"]
    qtbot.keyClicks(page.search, "e")  # the filter keeps the chosen order
    assert shown_names(page) == ["Yılmaz", "O'Brien", "Nguyễn"]


def test_keyboard_only_find_and_open_a_student(qtbot, page) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key_F, Qt.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "brien")
    qtbot.keyClick(page.search, Qt.Key_Return)  # to the first match
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)  # open it
    assert page.student_dialog.fields["last_name"].text() == "O'Brien"


def test_new_school_year_button_proposes_the_next_year(qtbot, page) -> None:
    qtbot.mouseClick(page.new_year_button, Qt.LeftButton)
    wizard = page.wizard
    assert wizard.windowTitle() == "Neues Schuljahr beginnen"
    assert wizard.file_page.year.text() == "2027/28"
