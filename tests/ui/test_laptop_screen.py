"""A school laptop's screen (1024×600): every page and every dialog fits, with its buttons on
the screen and each shortcut letter once; a smaller window scrolls instead of cutting off."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QScrollArea, QTabWidget

import dpo_desk.ui
from dpo_desk.services.schools import list_schools
from dpo_desk.ui import catalogue
from dpo_desk.ui.catalogue import PLACES, close
from tests.ui.screen_support import mnemonic_problems, off_screen_buttons, screen_area

LARGE_SCHOOL = "Gesamtschule Rheinblick"


def _large_school(window):
    school = next(s for s in list_schools(window.ctx) if s.name == LARGE_SCHOOL)
    window.select_school(school.id)
    return window


def test_the_tests_run_on_a_laptop_screen(qapp) -> None:
    assert screen_area().size() == QSize(1024, 600)


QT_OWN = {"dialog_datei_speichern", "dialog_drucken"}
"""Qt's own dialogs: their texts are Qt's German translation, shortcut letters included."""


@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_every_dialog_fits_with_its_buttons_on_the_screen(
    place, qtbot, demo, open_window, tmp_path: Path
) -> None:
    window = _large_school(open_window())
    dialog = place.open(window, tmp_path)
    try:
        assert dialog.isVisible()
        assert screen_area().contains(dialog.frameGeometry()), dialog.frameGeometry()
        problems = []
        for _ in _tabs_shown_in_turn(dialog):
            qtbot.wait(1)
            problems += off_screen_buttons(dialog)
            if place.name not in QT_OWN:
                problems += mnemonic_problems(dialog)
        report = "\n".join(sorted(set(problems)))
        print(report)
        assert report == ""
    finally:
        close(dialog)


def test_every_dialog_class_has_a_place_in_the_catalogue() -> None:
    """A new dialog is added to the catalogue, so the screenshots and the tests see it."""
    source = inspect.getsource(catalogue)
    missing = []
    for module_info in pkgutil.walk_packages(dpo_desk.ui.__path__, "dpo_desk.ui."):
        if module_info.name.endswith(".screenshots"):
            continue
        module = importlib.import_module(module_info.name)
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and issubclass(cls, QDialog)
                and cls.__module__ == module.__name__
                and name not in source
            ):
                missing.append(f"{module.__name__}.{name}")
    assert missing == []


def _tabs_shown_in_turn(page):
    """Yield once for every combination a person can see: each tab of each tab widget."""
    yield
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisibleTo(page):
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            if tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                yield
        tabs.setCurrentIndex(current)


def test_every_page_fits_and_binds_each_shortcut_letter_once(qtbot, demo, open_window) -> None:
    """At the laptop's full size no page needs a horizontal scroll bar."""
    window = _large_school(open_window())
    assert screen_area().contains(window.frameGeometry())
    window.resize(screen_area().size())  # as a person would maximise it
    problems = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        area = window.stack.currentWidget()
        for _ in _tabs_shown_in_turn(page):
            qtbot.wait(1)
            problems += [f"{page.objectName()}: {p}" for p in mnemonic_problems(window)]
            problems += [
                f"{page.objectName()}: {inner.objectName() or 'Formular'} blättert seitwärts"
                for inner in page.findChildren(QScrollArea)
                if inner.isVisible() and inner.horizontalScrollBar().isVisible()
            ]
            if page.minimumSizeHint().width() > area.viewport().width():
                problems.append(
                    f"{page.objectName()}: {page.minimumSizeHint().width()} Pixel breit, "
                    f"Platz: {area.viewport().width()}"
                )
    report = "\n".join(sorted(set(problems)))
    print(report)
    assert report == ""


def test_a_window_smaller_than_the_screen_scrolls_instead_of_cutting_off(
    qtbot, demo, open_window
) -> None:
    window = _large_school(open_window())
    window.resize(700, 440)
    for index, page in enumerate(window.pages):
        window.show_page(index)
        area = window.stack.currentWidget()
        assert isinstance(area, QScrollArea)
        needed = page.minimumSizeHint()
        qtbot.waitUntil(
            lambda p=page, n=needed: p.width() >= n.width() and p.height() >= n.height(),
            timeout=3000,
        )
        # What does not fit can be scrolled to.
        qtbot.waitUntil(
            lambda p=page, a=area: (
                (p.height() <= a.viewport().height() or a.verticalScrollBar().isVisible())
                and (p.width() <= a.viewport().width() or a.horizontalScrollBar().isVisible())
            ),
            timeout=3000,
        )
