"""The register's forms (processor, contract, measure, entry, archive, DSFA plan) take dates
as a person types them: "12.9.", "12.9.26", "12.09.2026" or picked in the calendar. Short
forms are read around a fixed "today" (20.11.2026): behind it for what happened, ahead of
it for deadlines and reviews. A mistyped date is refused naming the field; nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from dpo_desk.services.clock import FixedClock
from dpo_desk.services.register import activities, processors, toms
from tests.ui.stored_state import database_rows
from tests.ui.typing_support import type_date

TODAY = date(2026, 11, 20)


@pytest.fixture
def window(qtbot, open_window, demo):
    window = open_window()
    window.ctx.clock = FixedClock(TODAY)
    window.select_school(demo.schools[1].id)
    return window


def show(qtbot, window, name: str):
    page = window.page(name)
    window.show_page(window.pages.index(page))
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return page


def open_row(qtbot, page, search: str):
    page.search.setText(search)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    return page.dialog


def test_contract_dates_typed_short(qtbot, window) -> None:
    dialog = open_row(qtbot, show(qtbot, window, "processorsPage"), "Konferenzwerk")
    dialog.tabs.setCurrentWidget(dialog.contract)
    contract = dialog.contract
    type_date(qtbot, contract.contract_date, "12.9.")  # signed: the 12 September just past
    assert contract.contract_date.text() == "12.09.2026"
    type_date(qtbot, contract.end, "31.7.")  # the end lies ahead
    type_date(qtbot, contract.review, "1.3.")  # the review lies ahead
    dialog.tabs.setCurrentIndex(0)
    type_date(qtbot, dialog.tia, "3.2.26")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    stored = processors.get_processor(window.ctx, dialog.processor_id).data
    assert stored.contract_date == date(2026, 9, 12)
    assert stored.contract_end == date(2027, 7, 31)
    assert stored.contract_review == date(2027, 3, 1)
    assert stored.tia_on == date(2026, 2, 3)


def test_a_mistyped_contract_date_is_refused_and_shown(qtbot, window, data_dir) -> None:
    dialog = open_row(qtbot, show(qtbot, window, "processorsPage"), "Konferenzwerk")
    rows = database_rows(data_dir)
    dialog.tabs.setCurrentWidget(dialog.contract)
    type_date(qtbot, dialog.contract.review, "31.2.27")
    dialog.tabs.setCurrentIndex(0)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Nächste Überprüfung: „31.2.27“")
    assert dialog.tabs.currentWidget() is dialog.contract  # the place of the mistake
    assert database_rows(data_dir) == rows
    type_date(qtbot, dialog.contract.review, "")  # emptied: no review date
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert processors.get_processor(window.ctx, dialog.processor_id).data.contract_review is None


def test_a_measure_deadline_picked_in_the_calendar(qtbot, window) -> None:
    page = show(qtbot, window, "processorsPage")
    tom = toms.list_toms(window.ctx, window.current_school_id())[0]
    page.open_tom(tom)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.mouseClick(dialog.due.button, Qt.LeftButton)  # the arrow next to the field
    calendar = dialog.due.calendar
    qtbot.waitUntil(lambda: calendar is not None and calendar.isVisible(), timeout=3000)
    calendar.setSelectedDate(QDate(2027, 1, 29))
    calendar.activated.emit(QDate(2027, 1, 29))
    assert dialog.due.text() == "29.01.2027"
    dialog.evidence.setCurrentIndex(dialog.evidence.findData("iso27001"))
    type_date(qtbot, dialog.evidence_valid, "31.5.28")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveTomButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    stored = next(
        t for t in toms.list_toms(window.ctx, window.current_school_id()) if t.id == tom.id
    )
    assert (stored.due_on, stored.evidence_valid_until) == (date(2027, 1, 29), date(2028, 5, 31))


def test_an_entry_review_and_its_archive_day_typed_short(qtbot, window) -> None:
    page = show(qtbot, window, "registerPage")
    dialog = open_row(qtbot, page, "Schulhomepage")
    activity_id = dialog.activity_id
    type_date(qtbot, dialog.w["next_review"], "1.8.")
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveActivityButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert activities.get_activity(window.ctx, activity_id).data.next_review == date(2027, 8, 1)

    page.search.setText("Schulhomepage")
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(QPushButton, "archiveActivityButton"), Qt.LeftButton)
    archive = page.dialog
    qtbot.waitUntil(archive.isVisible, timeout=3000)
    qtbot.keyClicks(archive.reason, "Neue Homepage beim Schultraeger")
    type_date(qtbot, archive.archived_on, "31.10.")
    assert archive.retain_until.value().year > 2026  # follows the archive day
    type_date(qtbot, archive.retain_until, "31.12.32")
    qtbot.mouseClick(archive.findChild(QPushButton, "archiveConfirmButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not archive.isVisible(), timeout=3000)
    stored = activities.get_activity(window.ctx, activity_id)
    assert (stored.archived_on, stored.retain_until) == (date(2026, 10, 31), date(2032, 12, 31))
