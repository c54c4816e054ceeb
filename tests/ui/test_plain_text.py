"""Names are text: a school, a student, an entry and a person named "Tom <b>& Jerry</b>" show
exactly so in lists, titles, the status bar, messages and every dialog (no bold, no lost
"&")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.consent.values import ChangeKind
from dpo_desk.services import schools, settings
from dpo_desk.services.consent.template_edit import update_template
from dpo_desk.services.consent.templates import TemplateDraft, list_templates
from dpo_desk.services.register import activities, processors
from dpo_desk.services.roster import students as roster
from dpo_desk.ui.catalogue import PLACES, close
from dpo_desk.ui.common.text import literal
from tests.ui.screen_support import rich_text_problems

HOSTILE = "Tom <b>& Jerry</b>"
MARKUP = "<b>& Jerry</b>"
LARGE_SCHOOL = "Gesamtschule Rheinblick"


@pytest.fixture
def hostile(ctx, demo) -> int:
    """The large demo school, its first student, entry, processor and template, and the
    person at the keyboard, all named with markup and an ampersand."""
    school = next(s for s in schools.list_schools(ctx) if s.name == LARGE_SCHOOL)
    record = schools.load_school(ctx, school.id)
    schools.update_school(ctx, school.id, replace(record.profile, name=HOSTILE), record.row_version)
    first = roster.list_students(ctx, school.id)[0]
    detail = roster.get_student(ctx, first.id)
    edit = roster.StudentEdit(
        MARKUP, "Tom", detail.birth_date, detail.external_id, class_name=detail.class_name
    )
    roster.update_student(ctx, first.id, edit, detail.row_version)
    entries = activities.list_activities(ctx, school.id)
    entry = next((a for a in entries if a.status == "released"), entries[0])
    stored = activities.get_activity(ctx, entry.id)
    activities.update_activity(
        ctx, entry.id, replace(stored.data, name=HOSTILE), stored.row_version
    )
    vendor = processors.list_processors(ctx, school.id)[0]
    found = processors.get_processor(ctx, vendor.id)
    processors.update_processor(
        ctx, vendor.id, replace(found.data, name=HOSTILE), found.row_version
    )
    template = list_templates(ctx, school.id, include_retired=False)[0]
    draft = TemplateDraft.from_version(template.current, list(template.class_names))
    update_template(
        ctx,
        template.id,
        replace(draft, title=HOSTILE),
        template.row_version,
        ChangeKind.EDITORIAL,  # a title fix: what families agreed to stays the same
    )
    settings.set_person(ctx, HOSTILE, "Sekretariat")
    return school.id


def test_the_check_finds_a_name_shown_as_html_or_a_lost_ampersand(qtbot) -> None:
    label, box = QLabel(HOSTILE), QCheckBox(HOSTILE)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.addWidget(label)
    layout.addWidget(box)
    qtbot.addWidget(holder)
    assert len(rich_text_problems(holder, MARKUP)) == 2
    label.setTextFormat(Qt.PlainText)
    box.setText(literal(HOSTILE))
    assert rich_text_problems(holder, MARKUP) == []


def _window(open_window, school_id: int):
    window = open_window()
    window.select_school(school_id)
    return window


def test_titles_lists_and_the_status_bar_show_the_names_as_typed(
    qtbot, hostile, open_window
) -> None:
    window = _window(open_window, hostile)
    assert window.windowTitle() == f"dpo_desk – {HOSTILE} (199002)"
    assert window.school_switcher.currentText() == f"{HOSTILE} (199002)"
    person = window.findChild(QLabel, "personStatus")
    assert person.text() == f"Es arbeitet: {HOSTILE} (Sekretariat)"
    assert person.textFormat() == Qt.PlainText
    roster_page = window.page("rosterPage")
    window.show_page(window.pages.index(roster_page))
    first = roster_page.proxy.index(0, 1)
    assert first.data() == MARKUP
    problems = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        qtbot.wait(1)
        problems += rich_text_problems(window, MARKUP)
        for tabs in page.findChildren(QTabWidget):
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                qtbot.wait(1)
                problems += rich_text_problems(window, MARKUP)
    assert problems == []


@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_every_dialog_shows_the_names_as_typed(
    place, qtbot, hostile, open_window, tmp_path: Path
) -> None:
    window = _window(open_window, hostile)
    dialog = place.open(window, tmp_path)
    try:
        problems = rich_text_problems(dialog, MARKUP)
        for tabs in dialog.findChildren(QTabWidget):
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                qtbot.wait(1)
                problems += rich_text_problems(dialog, MARKUP)
        assert problems == []
    finally:
        close(dialog)


def test_messages_and_questions_name_records_as_typed(qtbot, hostile, open_window) -> None:
    window = _window(open_window, hostile)
    register = window.page("registerPage")
    window.show_page(window.pages.index(register))
    row = next(
        r for r in range(register.proxy.rowCount()) if register.proxy.index(r, 0).data() == HOSTILE
    )
    register.table.selectRow(row)
    register.delete_current()
    box = register.dialog
    assert isinstance(box, QMessageBox)
    assert HOSTILE in box.text() and box.textFormat() == Qt.PlainText
    box.done(QMessageBox.No)

    consent = window.page("consentPage")
    window.show_page(window.pages.index(consent))
    recorder = consent.recorder
    recorder.grid.setFocus()
    recorder.grid.go_to(0, 1)
    qtbot.keyClicks(recorder.grid, "jjj")
    qtbot.keyClick(recorder.grid, Qt.Key_Return)
    qtbot.waitUntil(lambda: MARKUP in recorder.message.text(), timeout=3000)
    assert rich_text_problems(window, MARKUP) == []
