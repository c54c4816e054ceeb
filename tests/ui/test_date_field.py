"""One date entry: typed short or long, or picked from the calendar by keyboard; one Tab stop;
a text that is no date is refused naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget

from dpo_desk.core.validation import ValidationError
from dpo_desk.ui.common.date_field import DateField

TODAY = date(2026, 12, 1)


@pytest.fixture
def form(qtbot):
    """The field and the next one in a shown window (kept alive by the yield)."""
    holder = QWidget()
    field = DateField("signedOn", "Unterschrieben am", today=lambda: TODAY)
    after = QLineEdit()
    after.setObjectName("after")
    layout = QVBoxLayout(holder)
    layout.addWidget(field)
    layout.addWidget(after)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    yield field, after
    holder.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12.9.26", date(2026, 9, 12)),
        ("12.09.2026", date(2026, 9, 12)),
        ("12.9.", date(2026, 9, 12)),
    ],
)
def test_typed_dates_short_or_long_and_one_tab_stop(qtbot, form, typed, expected) -> None:
    field, after = form
    field.setFocus()
    qtbot.keyClicks(field.edit, typed)
    qtbot.keyClick(field.edit, Qt.Key_Tab)
    qtbot.waitUntil(after.hasFocus, timeout=3000)  # straight on to the next field
    assert field.value() == expected
    assert field.text() == "12.09.2026"


def test_the_calendar_opens_by_keyboard_and_picks_a_day(qtbot, form) -> None:
    field, _ = form
    field.set_date(date(2026, 9, 12))
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key_Down, Qt.AltModifier)
    qtbot.waitUntil(lambda: field.calendar is not None and field.calendar.isVisible(), timeout=3000)
    days = field.calendar.findChild(QTableView)  # the calendar's grid has the keyboard
    qtbot.keyClick(days, Qt.Key_Right)  # the next day
    with qtbot.waitSignal(field.date_changed, timeout=3000) as changed:
        qtbot.keyClick(days, Qt.Key_Return)
    assert changed.args == [date(2026, 9, 13)]
    assert field.text() == "13.09.2026"


def test_a_text_that_is_no_date_is_refused_naming_the_field(qtbot, form) -> None:
    field, _ = form
    qtbot.keyClicks(field.edit, "31.02.2026")
    with pytest.raises(ValidationError) as caught:
        field.value()
    assert caught.value.problems[0].message.startswith("Unterschrieben am: „31.02.2026“")
