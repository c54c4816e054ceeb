"""Qt's own buttons speak German, and the mouse wheel never changes a field the user is not
working in: over an unfocused combo box the page scrolls and the value stays."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget

from dpo_desk.ui.common.confirm import ask_yes_no


def test_a_question_box_answers_ja_or_nein(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    box = ask_yes_no(parent, "Eintrag löschen", "Wirklich löschen?", "questionBox", lambda: None)
    qtbot.waitUntil(box.isVisible, timeout=3000)
    shown = [box.button(b).text().replace("&", "") for b in (QMessageBox.Yes, QMessageBox.No)]
    assert shown == ["Ja", "Nein"]
    assert box.defaultButton() is box.button(QMessageBox.No)
    box.done(QMessageBox.No)


def _wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.NoButton,
        Qt.NoModifier,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_settings_page_over_a_risk_matrix_cell(
    qtbot, demo, open_window
) -> None:
    window = open_window()
    settings_page = window.page("settingsPage")
    window.show_page(window.pages.index(settings_page))
    window.resize(760, 460)  # smaller than the page: it scrolls
    area = settings_page.findChild(QScrollArea, "settingsScroll")
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
    cell = settings_page.findChild(QWidget, "matrixCell_2_2")
    area.ensureWidgetVisible(cell)
    window.navigation.setFocus()
    before, scrolled_to = cell.currentIndex(), bar.value()

    _wheel_down(cell)
    assert cell.currentIndex() == before  # the risk matrix is as it was
    qtbot.waitUntil(lambda: bar.value() > scrolled_to, timeout=3000)  # the page scrolled

    cell.setFocus()  # the field the user works in takes the wheel
    qtbot.waitUntil(cell.hasFocus, timeout=3000)
    _wheel_down(cell)
    assert cell.currentIndex() != before
