"""Anfragen, driven like a DPO: record a request about a student, the deadline shown as
it follows from receipt and extension, refused input, the access report and an erasure
with one confirmation."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from dpo_desk.core.consent.values import SignerRole
from dpo_desk.core.requests.values import RequestData
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.requests import records as requests
from dpo_desk.services.roster import students as roster
from dpo_desk.services.versions import RecordGone
from tests.reports import pdf_reading
from tests.services.consent_support import TODAY, fill_school
from tests.ui.typing_support import type_date


@pytest.fixture
def page_of(qtbot, open_window, ctx, school_id, tmp_path: Path):
    ids = fill_school(ctx, school_id, tmp_path)
    window = open_window()
    window.ctx.clock = FixedClock(TODAY, time(9, 0))
    page = window.page("requestsPage")
    qtbot.keyClick(window, Qt.Key(Qt.Key_1 + window.pages.index(page)), Qt.ControlModifier)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, school_id, ids


def test_record_a_request_about_a_student(qtbot, page_of) -> None:
    window, page, school_id, ids = page_of
    assert window.navigation.currentItem().text() == "Anfragen"
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "newRequestButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    w = dialog.widgets
    type_date(qtbot, w["received_on"], "20.11.")
    assert dialog.deadline.text().startswith("Antwort bis 20.12.2026 (in 27 Tagen)")
    student = w["student_id"]
    index = student.findText("Becker, Jonas (10a)")
    student.setCurrentIndex(index)
    student.activated.emit(index)  # picked from the list
    assert w["subject_name"].text() == "Jonas Becker"
    w["requester_name"].setText("Eva Becker")
    type_date(qtbot, w["extended_until"], "20.01.2027")
    type_date(qtbot, w["extension_told_on"], "23.11.2026")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "Eine Verlängerung braucht eine Begründung" in dialog.error.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w["extension_reason"], timeout=3000)
    assert requests.list_requests(page.ctx, school_id) == []
    w["extension_reason"].setPlainText("Akten müssen aus dem Archiv geholt werden.")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    [stored] = requests.list_requests(page.ctx, school_id)
    assert stored.student_id == ids["Becker"] and stored.deadline == date(2027, 1, 20)
    assert page.model.rows[0].cells[5] == "20.01.2027 (in 58 Tagen) – verlängert"
    page.show_filter.setCurrentIndex(page.show_filter.findData("overdue"))
    assert page.proxy.rowCount() == 0


def test_access_report_from_the_page(qtbot, page_of, tmp_path: Path) -> None:
    _, page, school_id, ids = page_of
    requests.create_request(
        page.ctx, school_id, RequestData(received_on=TODAY, student_id=ids["Çelik"])
    )
    page.reload()
    page.table.selectRow(0)
    target = tmp_path / "auskunft.pdf"
    page.write_access_to(page.current_request(), target)
    qtbot.waitUntil(target.exists, timeout=10000)
    assert "Zeynep Çelik" in pdf_reading.all_text(target.read_bytes())


def test_erasure_shows_what_stays_then_deletes_with_one_confirmation(qtbot, page_of) -> None:
    _, page, school_id, ids = page_of
    ctx = page.ctx
    guardians = frozenset({SignerRole.GUARDIANS})
    record_form(
        ctx,
        school_id,
        "videokonferenzen",
        FormEntry(ids["Wałęsa"], {"audio": True}, date(2024, 3, 1), None, guardians),
        on=date(2024, 3, 1),
    )
    active = requests.create_request(
        ctx, school_id, RequestData(received_on=TODAY, student_id=ids["Becker"], kind="erasure")
    )
    page.reload()
    page.table.selectRow(page.proxy.row_of(active.id))
    page.open_erasure()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert not dialog.erase_button.isEnabled()
    assert "besucht die Schule" in dialog.error.text()
    dialog.reject()
    roster.mark_left(ctx, ids["Wałęsa"], date(2024, 6, 30))
    leaver = requests.create_request(
        ctx, school_id, RequestData(received_on=TODAY, student_id=ids["Wałęsa"], kind="erasure")
    )
    page.reload()
    page.table.selectRow(page.proxy.row_of(leaver.id))
    page.open_erasure()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.table.item(0, 2).text() == "jetzt löschbar"
    qtbot.mouseClick(dialog.erase_button, Qt.LeftButton)
    box = dialog.question
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert box.defaultButton() is box.button(QMessageBox.No)
    qtbot.mouseClick(box.button(QMessageBox.Yes), Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.text().startswith("Gelöscht: Stammdaten"), timeout=5000)
    with pytest.raises(RecordGone):
        roster.get_student(ctx, ids["Wałęsa"])
    assert requests.get_request(ctx, leaver.id).erased_on == TODAY
    dialog.reject()
