"""One way to open a place: the due list, the register's checks and the first steps all name
a ``Target``; the main window shows its school and page, and the page opens the record at
the right field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from dpo_desk.services.clock import FixedClock
from dpo_desk.services.register import activities, processors

TODAY = date(2026, 11, 20)


@pytest.fixture
def window(qtbot, open_window, demo):
    """The demo's large school, with a contract review and an entry review due soon."""
    school_id = demo.schools[1].id
    window = open_window()
    window.ctx.clock = FixedClock(TODAY, time(9, 0))
    ctx = window.ctx
    vendor = next(p for p in processors.list_processors(ctx, school_id) if "Konferenz" in p.name)
    detail = processors.get_processor(ctx, vendor.id)
    window.signals.operations.announce(
        processors.update_processor(
            ctx,
            vendor.id,
            replace(detail.data, contract_review=date(2026, 11, 25)),
            detail.row_version,
        ).changes
    )
    entry = activities.find_activity(ctx, school_id, "homepage")
    stored = activities.get_activity(ctx, entry.id)
    window.signals.operations.announce(
        activities.update_activity(
            ctx, entry.id, replace(stored.data, next_review=date(2026, 11, 26)), stored.row_version
        ).changes
    )
    window.select_school(school_id)
    window.show_page(0)
    window.vendor_id, window.entry_id = vendor.id, entry.id
    return window


def press_enter_on(qtbot, window, kind: str, title_part: str) -> None:
    panel = window.page("overviewPage").due_panel
    panel.refresh()
    proxy = panel.proxy

    def row() -> int:
        for r in range(proxy.rowCount()):
            item = proxy.item_at(proxy.index(r, 0))
            if item.kind_label == kind and title_part in item.title:
                return r
        return -1

    qtbot.waitUntil(lambda: row() >= 0, timeout=5000)
    panel.table.setFocus()
    panel.table.setCurrentIndex(proxy.index(row(), 0))
    qtbot.keyClick(panel.table, Qt.Key_Return)


def test_a_due_contract_review_opens_the_processor_at_its_review_date(qtbot, window) -> None:
    press_enter_on(qtbot, window, "AV-Vertrag prüfen", "Konferenz")
    page = window.page("processorsPage")
    qtbot.waitUntil(page.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    dialog = page.dialog
    assert dialog.processor_id == window.vendor_id
    assert dialog.tabs.currentWidget() is dialog.contract
    assert dialog.contract.review.text() == "25.11.2026"
    qtbot.waitUntil(lambda: dialog.contract.review.edit.hasFocus(), timeout=3000)


def test_a_due_entry_review_opens_the_entry_at_its_review_date(qtbot, window) -> None:
    press_enter_on(qtbot, window, "VVT-Überprüfung", "homepage")
    page = window.page("registerPage")
    qtbot.waitUntil(page.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    review = page.dialog.w["next_review"]
    assert page.dialog.activity_id == window.entry_id
    assert review.text() == "26.11.2026"
    qtbot.waitUntil(lambda: review.edit.hasFocus(), timeout=3000)


def test_a_register_check_opens_the_entry_at_the_field_to_fix(qtbot, window) -> None:
    page = window.page("registerPage")
    window.show_page(window.pages.index(page))
    qtbot.waitUntil(page.isVisible, timeout=3000)
    proxy = page.findings_proxy
    findings = [proxy.item_at(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    finding = next(f for f in findings if f.entity_type == "processor")
    assert finding.target.page == "registerPage" and finding.target.field == finding.field
    page.open_finding(finding)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    assert window.current_page() is page  # fixed from the list of checks, which stays
    assert page.dialog.processor_id == finding.entity_id


def test_the_change_log_opens_the_record_of_an_entry(qtbot, window) -> None:
    from PySide6.QtWidgets import QPushButton

    from dpo_desk.ui.audit.models import ROW_ROLE

    log = window.page("auditLogPage")
    window.show_page(window.pages.index(log))
    qtbot.waitUntil(lambda: log.model.rowCount() > 0, timeout=5000)
    button = log.findChild(QPushButton, "auditOpenRecord")

    def choose(entity_type: str, entity_id: int) -> None:
        for r in range(log.model.rowCount()):
            row = log.model.data(log.model.index(r, 0), ROW_ROLE)
            if (row.entity_type, row.entity_id) == (entity_type, entity_id):
                log.table.setCurrentIndex(log.model.index(r, 0))
                return
        raise AssertionError(f"no entry for {entity_type} {entity_id}")

    choose("activity", window.entry_id)  # the review date set above
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.LeftButton)
    register = window.page("registerPage")
    qtbot.waitUntil(register.isVisible, timeout=3000)
    qtbot.waitUntil(
        lambda: register.dialog is not None and register.dialog.isVisible(), timeout=3000
    )
    assert register.dialog.activity_id == window.entry_id
    register.dialog.reject()

    window.show_page(window.pages.index(log))
    choose("processor", window.vendor_id)
    qtbot.mouseClick(button, Qt.LeftButton)
    vendors = window.page("processorsPage")
    qtbot.waitUntil(lambda: vendors.dialog is not None and vendors.dialog.isVisible(), timeout=3000)
    assert vendors.dialog.processor_id == window.vendor_id


def test_reminders_from_the_consent_overview_open_drucken_for_those_students(qtbot, window) -> None:
    consent = window.page("consentPage")
    window.show_page(window.pages.index(consent))
    consent.tabs.setCurrentWidget(consent.overview)
    qtbot.waitUntil(lambda: len(consent.overview.shown_rows()) > 0, timeout=5000)
    shown = consent.overview.shown_rows()
    qtbot.mouseClick(consent.overview.reminders, Qt.LeftButton)
    printing = window.page("printingPage")
    qtbot.waitUntil(printing.isVisible, timeout=3000)
    assert printing.document_box.currentData() == "reminders"
    assert printing.extras.students.text() == ", ".join(str(r.student_id) for r in shown)
