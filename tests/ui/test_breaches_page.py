"""Datenpannen, driven like a DPO: record a breach by keyboard, watch the 72-hour clock in
the list and in the editor's title, refused input, filters, printouts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.services.breaches import records as breaches
from dpo_desk.services.clock import FixedClock
from tests.reports import pdf_reading

TODAY = date(2026, 10, 13)


@pytest.fixture
def page_of(qtbot, open_window, school_id):
    window = open_window()
    window.ctx.clock = FixedClock(TODAY, time(9, 0))
    page = window.page("breachesPage")
    qtbot.keyClick(window, Qt.Key(Qt.Key_1 + window.pages.index(page)), Qt.ControlModifier)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, school_id


def cells(page, column: int) -> list[str]:
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def test_record_a_breach_and_see_the_clock(qtbot, page_of) -> None:
    window, page, _ = page_of
    assert window.navigation.currentItem().text() == "Datenpannen"
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "newBreachButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is dialog.form.widgets["title"], timeout=3000
    )
    assert dialog.windowTitle() == "Neue Datenpanne"
    qtbot.keyClicks(dialog.form.widgets["title"], "USB-Stick verloren")
    qtbot.keyClick(dialog.form.widgets["title"], Qt.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "12.10. 8:15")
    dialog.form.setCurrentIndex(2)
    dialog.form.widgets["likelihood"].setCurrentIndex(2)
    dialog.form.widgets["severity"].setCurrentIndex(3)
    assert dialog.form.risk.text().startswith("Risiko: Meldung an die Aufsichtsbehörde")
    assert dialog.unsaved_work() == "Datenpanne „USB-Stick verloren“"
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert cells(page, 0) == ["2026-01"]
    assert cells(page, 4) == ["Meldefrist: noch 47 Std. 15 Min."]
    assert "Datenpanne 2026-01 gespeichert." in window.statusBar().currentMessage()
    # Reopened: the title counts down; an hour later it says so.
    qtbot.keyClick(page.table, Qt.Key_Down)
    qtbot.keyClick(page.table, Qt.Key_Return)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.windowTitle() == "Datenpanne 2026-01 – Meldefrist noch 47 Std. 15 Min."
    assert dialog.timer.isActive()
    page.ctx.clock = FixedClock(TODAY + timedelta(days=2), time(10, 0))
    dialog.tick()
    assert (
        dialog.windowTitle() == "Datenpanne 2026-01 – Meldefrist seit 1 Std. 45 Min. überschritten"
    )
    dialog.reject()
    page.fill_rows()
    assert page.model.rows[0].colour is not None  # overdue: red


def test_awareness_after_notification_is_refused_in_the_form(qtbot, page_of) -> None:
    _, page, school_id = page_of
    page.new_breach()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    w = dialog.form.widgets
    w["title"].setText("Fehlversand")
    w["aware_at"].setText("12.10.2026 10:00")
    w["notified_at"].setText("12.10.2026 09:00")
    w["persons_count"].setText("etwa 20")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert "Zahl der betroffenen Personen (ca.): „etwa 20“ ist keine Zahl." in dialog.error.text()
    w["persons_count"].setText("20")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "liegt nach dem Meldedatum" in dialog.error.text()
    assert dialog.form.currentIndex() == 0  # the field's tab is shown
    assert breaches.list_breaches(page.ctx, school_id) == []
    w["aware_at"].setText("12.10.")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "Bitte auch die Uhrzeit angeben" in dialog.error.text()
    dialog.reject()


def _stored(ctx, school_id, title: str, aware: datetime, **more) -> None:
    breaches.create_breach(ctx, school_id, BreachData(title=title, aware_at=aware, **more))


def test_filters_open_overdue_and_year(qtbot, page_of) -> None:
    _, page, school_id = page_of
    ctx = page.ctx
    _stored(
        ctx,
        school_id,
        "Alt",
        datetime(2025, 5, 1, 8, tzinfo=UTC),
        notified_at=datetime(2025, 5, 2, 8, tzinfo=UTC),
        likelihood=2,
        severity=2,
        closed_on=date(2025, 6, 1),
    )
    _stored(ctx, school_id, "Läuft", datetime(2026, 10, 12, 8, tzinfo=UTC))
    _stored(ctx, school_id, "Zu spät", datetime(2026, 10, 1, 8, tzinfo=UTC))
    page.reload()
    assert sorted(cells(page, 2)) == ["Alt", "Läuft", "Zu spät"]
    page.show_filter.setCurrentIndex(page.show_filter.findData("overdue"))
    assert cells(page, 2) == ["Zu spät"]
    page.show_filter.setCurrentIndex(page.show_filter.findData("open"))
    assert sorted(cells(page, 2)) == ["Läuft", "Zu spät"]
    page.show_filter.setCurrentIndex(0)
    page.year_filter.setCurrentIndex(page.year_filter.findData(2025))
    assert cells(page, 2) == ["Alt"]


def test_print_the_notification_from_the_page(qtbot, page_of, tmp_path) -> None:
    window, page, school_id = page_of
    _stored(page.ctx, school_id, "Laptop gestohlen", datetime(2026, 10, 12, 8, tzinfo=UTC))
    page.reload()
    page.table.selectRow(0)
    target = tmp_path / "meldung.pdf"
    page.print_notification_to(page.current_breach().id, target)
    qtbot.waitUntil(target.exists, timeout=10000)
    assert "Laptop gestohlen" in pdf_reading.all_text(target.read_bytes())
    qtbot.waitUntil(lambda: "Gespeichert:" in window.statusBar().currentMessage(), timeout=5000)
