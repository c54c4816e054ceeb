"""Recording a stack of returned forms by keyboard only, scanning, undo and correction."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.services.changes import Area
from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.scanning import scan_code_for
from dpo_desk.ui.consent.page import ConsentPage
from dpo_desk.ui.signals import AppSignals
from tests.services.consent_support import fill_school

KEY = "videokonferenzen"


@pytest.fixture
def ids(ctx, school_id, tmp_path: Path) -> dict[str, int]:
    return fill_school(ctx, school_id, tmp_path)


@pytest.fixture
def page(qtbot, ctx, school_id, ids) -> ConsentPage:
    widget = ConsentPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_school(school_id)
    widget.show()
    recorder = widget.recorder
    recorder.class_box.setCurrentIndex(recorder.class_box.findData("7b"))
    recorder.grid.setFocus()
    return widget


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` of the next message box as soon as it is shown."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        box.button(button).click()

    QTimer.singleShot(0, answer)


def states(ctx, school_id) -> dict[str, tuple[str, str]]:
    rows = template_status(ctx, school_id, KEY).rows
    return {r.last_name: (r.state("audio").value, r.state("video").value) for r in rows}


def grid_names(page: ConsentPage) -> list[str]:
    model = page.recorder.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_a_stack_of_forms_is_recorded_by_keyboard_only(qtbot, ctx, school_id, page) -> None:
    assert grid_names(page) == [
        "Çelik, Zeynep",
        "Nguyễn, Minh",
        "Wałęsa, Ola",
        "Zimmermann, Paul",
    ]
    grid = page.recorder.grid
    qtbot.keyClicks(grid, "jnu")  # Çelik: audio JA, video NEIN, signatures
    qtbot.keyClicks(grid, "yyu")  # Nguyễn: Y works like J
    qtbot.keyClick(grid, Qt.Key_Return)  # Wałęsa's form has not come back: skip
    qtbot.keyClicks(grid, "nnu")  # Zimmermann
    assert states(ctx, school_id) == {
        "Çelik": ("granted", "refused"),
        "Nguyễn": ("granted", "granted"),
        "Wałęsa": ("not_returned", "not_returned"),
        "Zimmermann": ("refused", "refused"),
        "Yılmaz": ("not_returned", "not_returned"),
        "Becker": ("not_returned", "not_returned"),
    }
    model = page.recorder.model
    assert model.index(0, 4).data() == "✓ Eltern"
    assert model.index(0, 5).data() == "✓ gespeichert"
    assert model.index(2, 5).data() == "nicht abgegeben"
    assert "Zimmermann" in page.recorder.message.text()


def test_an_unfinished_row_is_not_saved_and_shows_what_is_open(qtbot, ctx, school_id, page):
    grid = page.recorder.grid
    qtbot.keyClicks(grid, "j")
    assert page.recorder.model.index(0, 5).data() == "Eingabe läuft – noch 2 offen"
    qtbot.keyClick(grid, Qt.Key_Space)  # toggles the video box to JA
    qtbot.keyClick(grid, Qt.Key_Right)
    assert states(ctx, school_id)["Çelik"] == ("not_returned", "not_returned")
    qtbot.keyClicks(grid, "u")
    assert states(ctx, school_id)["Çelik"] == ("granted", "granted")


def test_a_missing_signature_is_recorded_as_incomplete(qtbot, ctx, school_id, page) -> None:
    qtbot.keyClicks(page.recorder.grid, "jjn")  # signature column: N = missing
    assert states(ctx, school_id)["Çelik"] == ("incomplete", "incomplete")
    assert page.recorder.model.index(0, 1).data() == "JA – unvollständig"


def test_undo_takes_the_last_row_back(qtbot, ctx, school_id, page) -> None:
    grid = page.recorder.grid
    qtbot.keyClicks(grid, "jju")
    qtbot.keyClicks(grid, "jnu")
    qtbot.keyClick(grid, Qt.Key_Z, Qt.ControlModifier)
    assert states(ctx, school_id)["Nguyễn"] == ("not_returned", "not_returned")
    assert states(ctx, school_id)["Çelik"] == ("granted", "granted")
    assert page.recorder.model.index(1, 5).data() == "nicht abgegeben"
    assert "zurückgenommen" in page.recorder.message.text()
    history = student_history(ctx, school_id, page.recorder.model.rows[1].student.student_id)
    assert [h.kind for h in history] == ["form", "correction"]


def test_changing_a_row_just_saved_corrects_it_and_keeps_the_original(
    qtbot, ctx, school_id, page
) -> None:
    grid = page.recorder.grid
    qtbot.keyClicks(grid, "jju")
    grid.go_to(0, 2)
    answer_next_question(QMessageBox.No)
    qtbot.keyClicks(grid, "n")  # asked first: "No" keeps the saved row
    assert states(ctx, school_id)["Çelik"] == ("granted", "granted")
    assert grid.grid.rows[0].pending == {}
    answer_next_question(QMessageBox.Yes)
    qtbot.keyClicks(grid, "n")
    assert states(ctx, school_id)["Çelik"] == ("granted", "refused")
    student_id = page.recorder.model.rows[0].student.student_id
    history = student_history(ctx, school_id, student_id)
    assert [(h.kind, h.in_force) for h in history] == [("form", False), ("correction", True)]
    page.activateWindow()  # the offscreen platform does not give it back after a box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=5000)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key_Z, Qt.ControlModifier)
    assert states(ctx, school_id)["Çelik"] == ("granted", "granted")


def test_scan_code_plus_enter_jumps_to_the_student_and_back(
    qtbot, ctx, school_id, ids, page
) -> None:
    recorder = page.recorder
    recorder.class_box.setCurrentIndex(recorder.class_box.findData("10a"))
    code = scan_code_for(ctx, school_id, ids["Wałęsa"], KEY)
    recorder.scan.setFocus()
    qtbot.keyClicks(recorder.scan, code)
    qtbot.keyClick(recorder.scan, Qt.Key_Return)
    assert recorder.current_class() == "7b"
    assert recorder.grid.currentIndex().data() is not None
    assert recorder.model.rows[recorder.grid.currentIndex().row()].student.last_name == "Wałęsa"
    assert recorder.grid.hasFocus()
    qtbot.keyClicks(recorder.grid, "jnu")
    assert states(ctx, school_id)["Wałęsa"] == ("granted", "refused")
    assert recorder.scan.hasFocus()  # ready for the next form of the stack


def test_a_garbled_or_foreign_code_is_refused_in_german(qtbot, ctx, school_id, ids, page):
    recorder = page.recorder
    recorder.scan.setFocus()
    qtbot.keyClicks(recorder.scan, "EW.123456.1.VIDEOKONFERENZEN.1.00")
    qtbot.keyClick(recorder.scan, Qt.Key_Return)
    assert "nicht lesbar" in recorder.message.text()
    recorder.scan.clear()
    qtbot.keyClicks(recorder.scan, scan_code_for(ctx, school_id, ids["Becker"], KEY) + "X")
    qtbot.keyClick(recorder.scan, Qt.Key_Return)
    assert "nicht lesbar" in recorder.message.text()
    assert recorder.scan.hasFocus()


def test_a_received_date_in_the_future_stores_nothing(qtbot, ctx, school_id, page) -> None:
    tomorrow = date.today() + timedelta(days=1)
    page.recorder.received_on.set_date(tomorrow)
    page.recorder.grid.setFocus()
    qtbot.keyClicks(page.recorder.grid, "jju")
    assert "liegt in der Zukunft" in page.recorder.message.text()
    assert page.recorder.model.index(0, 5).data() == "nicht gespeichert"
    assert states(ctx, school_id)["Çelik"] == ("not_returned", "not_returned")


def test_overview_filter_and_who_may_take_part(qtbot, ctx, school_id, page) -> None:
    qtbot.keyClicks(page.recorder.grid, "jnu")  # Çelik: audio only
    qtbot.keyClicks(page.recorder.grid, "jju")  # Nguyễn: both
    page.tabs.setCurrentIndex(1)
    overview = page.overview
    assert overview.class_name == "7b"
    matrix = overview.matrix_model
    assert [matrix.index(r, 2).data() for r in range(matrix.rowCount())] == [
        "abgelehnt",
        "erteilt",
        "nicht abgegeben",
        "nicht abgegeben",
    ]
    overview.filter.setFocus()
    overview.filter.setCurrentIndex(overview.filter.findData("missing"))
    assert [matrix.index(r, 0).data() for r in range(matrix.rowCount())] == [
        "Wałęsa, Ola",
        "Zimmermann, Paul",
    ]
    page.tabs.setCurrentIndex(2)
    participants = page.participants
    participants.choose("video", "7b")
    assert "Minh Nguyễn" in participants.text() and "Zeynep Çelik" not in participants.text()
    qtbot.mouseClick(participants.copy_button, Qt.LeftButton)
    from PySide6.QtGui import QGuiApplication

    assert "Minh Nguyễn" in QGuiApplication.clipboard().text()
    assert ConsentState.GRANTED.label in (overview.counts_model.headings[2])


def test_the_signing_date_is_typed_in_passing(qtbot, ctx, school_id, page) -> None:
    grid = page.recorder.grid
    qtbot.keyClicks(grid, "jn1.10.u")
    student_id = page.recorder.model.rows[0].student.student_id
    (entry,) = student_history(ctx, school_id, student_id)
    today = date.today()
    expected = date(today.year, 10, 1)
    if expected > today:
        expected = expected.replace(year=today.year - 1)
    assert entry.signed_on == expected and entry.received_on == today
    assert page.recorder.model.index(0, 3).data() == f"{expected:%d.%m.%Y}"
    future = today + timedelta(days=30)
    qtbot.keyClicks(grid, f"jj{future:%d.%m.%Y}u")
    assert "liegt in der Zukunft" in page.recorder.message.text()
    assert len(student_history(ctx, school_id, page.recorder.model.rows[1].student.student_id)) == 0


def test_the_rest_of_the_app_hears_each_form_as_a_consent_change(qtbot, ctx, school_id, page):
    heard: list[tuple[frozenset, object]] = []
    page.operations.changed.connect(lambda changes, who: heard.append((changes.areas, who)))
    reloads: list[bool] = []
    page.refreshed.connect(lambda: reloads.append(True))
    qtbot.keyClicks(page.recorder.grid, "jju")
    qtbot.keyClicks(page.recorder.grid, "jnu")
    qtbot.keyClicks(page.recorder.grid, "nnu")
    assert heard == [(frozenset({Area.CONSENT}), page)] * 3
    assert reloads == []  # the page shows its own entries without reloading


class PaintCounter(QObject):
    """Counts the paint events a widget receives, and the largest part painted."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.paints = 0
        self.largest = 0.0
        self.widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint:
            self.paints += 1
            area = event.rect().width() * event.rect().height()
            self.largest = max(self.largest, area / (self.widget.width() * self.widget.height()))
        return False


def test_a_saved_row_repaints_the_row_not_the_whole_page(qtbot, ctx, school_id, page) -> None:
    """With every saved form only the row and the message change on the screen: the page
    around them is not laid out and painted again (that cost 10–20 ms a form)."""
    recorder = page.recorder
    qtbot.waitExposed(page)
    qtbot.keyClicks(recorder.grid, "jnu")
    QApplication.processEvents()
    tabs = PaintCounter(page.tabs)
    message = PaintCounter(recorder.message)
    qtbot.keyClicks(recorder.grid, "yyu")
    qtbot.waitUntil(lambda: message.paints > 0, timeout=3000)
    QApplication.processEvents()
    assert recorder.message.text().startswith("Nguyễn, Minh: gespeichert.")
    assert tabs.largest < 0.25, f"{tabs.largest:.0%} of the page painted again"


def test_a_long_message_gets_the_room_it_needs(qtbot, page) -> None:
    recorder = page.recorder
    qtbot.waitExposed(page)
    long_text = " ".join(["Schüler Nr. 12 gibt es hier nicht."] * 12)
    recorder.show_message(long_text, error=True)
    qtbot.waitUntil(lambda: recorder.message.height() > 3 * recorder.message.fontMetrics().height())
    recorder.show_message("kurz")
    qtbot.waitUntil(lambda: recorder.message.height() < 3 * recorder.message.fontMetrics().height())
    assert recorder.message.text() == "kurz" and not recorder.message.is_error()
