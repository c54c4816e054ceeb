"""Person löschen from the roster page: the dialog shows what goes (Abbrechen is the
default), erases only after "Endgültig löschen", then reports that no copy is left; the
student disappears from the table. Leavers due for erasure go the same way."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from dpo_desk.services.roster import students as roster
from dpo_desk.ui.roster.page import RosterPage
from dpo_desk.ui.signals import AppSignals
from tests.services.consent_support import fill_school


@pytest.fixture
def page(qtbot, ctx, school_id, tmp_path) -> RosterPage:
    fill_school(ctx, school_id, tmp_path)
    widget = RosterPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.set_school(school_id)
    widget.show()
    return widget


def names(page: RosterPage) -> list[str]:
    return [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]


def test_erase_a_student_after_confirming(qtbot, page) -> None:
    qtbot.keyClicks(page.search, "becker")
    qtbot.keyClick(page.search, Qt.Key_Return)
    qtbot.mouseClick(page.erase_button, Qt.LeftButton)
    dialog = page.erasure_dialog
    assert "Jonas Becker, geboren 20.11.2010" in dialog.text.toPlainText()
    assert dialog.cancel.isDefault() and not dialog.confirm.isDefault()
    qtbot.mouseClick(dialog.confirm, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=15000)
    assert "Keine ungewollte Kopie der Namen gefunden" in dialog.text.toPlainText()
    assert dialog.cancel.text() == "Schließen"
    page.search.clear()
    assert "Becker" not in names(page)
    qtbot.mouseClick(dialog.cancel, Qt.LeftButton)
    assert not dialog.isVisible()


def test_cancel_keeps_the_student(qtbot, page) -> None:
    page.table.selectRow(0)
    first = names(page)[0]
    qtbot.mouseClick(page.erase_button, Qt.LeftButton)
    qtbot.mouseClick(page.erasure_dialog.cancel, Qt.LeftButton)
    assert first in names(page)


def test_leavers_due_are_listed_and_erased(qtbot, page, ctx) -> None:
    student = next(s for s in roster.list_students(ctx, page.school_id) if s.last_name == "Becker")
    roster.mark_left(ctx, student.id, date(2019, 6, 1))
    qtbot.mouseClick(page.leavers_button, Qt.LeftButton)
    dialog = page.erasure_dialog
    assert "Jonas Becker (abgegangen 01.06.2019" in dialog.text.toPlainText()
    qtbot.mouseClick(dialog.confirm, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=15000)
    assert "Gelöscht: 1 Person(en)" in dialog.text.toPlainText()
    dialog.accept()
    qtbot.mouseClick(page.leavers_button, Qt.LeftButton)
    assert page.erasure_dialog.objectName() == "noLeaversDue"
