"""After the first school is created the overview shows what to do next: each step opens its
place, and is ticked off when the data shows it done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from dpo_desk.services import settings
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.schools import list_schools


def _overview(window):
    window.show_page(0)
    return window.page("overviewPage")


def test_a_new_school_shows_its_first_steps_and_each_opens_its_place(
    qtbot, school_id, open_window
) -> None:
    window = open_window()
    window.select_school(school_id)
    overview = _overview(window)
    box = overview.first_steps
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert box.open_steps() == ["import", "templates", "forms", "register"]  # a DPO works
    assert "Schulform" in overview.summary.text()

    roster = _follow(qtbot, window, "import")
    assert roster.objectName() == "rosterPage"
    qtbot.waitUntil(lambda: roster.wizard.isVisible(), timeout=3000)
    roster.wizard.reject()
    consent = _follow(qtbot, window, "templates")
    assert consent.objectName() == "consentPage"
    qtbot.waitUntil(lambda: consent.templates_dialog.isVisible(), timeout=3000)
    consent.templates_dialog.reject()
    printing = _follow(qtbot, window, "forms")
    assert printing.objectName() == "printingPage"
    assert printing.document_box.currentData() == "consent-forms"
    register = _follow(qtbot, window, "register")
    assert register.objectName() == "registerPage"
    qtbot.waitUntil(register.catalogue.hasFocus, timeout=3000)


def _follow(qtbot, window, key: str):
    """Click a first step on the overview; the page it opened."""
    box = _overview(window).first_steps
    qtbot.mouseClick(box.findChild(QPushButton, f"firstStep_{key}"), Qt.LeftButton)
    return window.current_page()


def test_a_step_is_ticked_off_when_it_is_done(qtbot, school_id, open_window, tmp_path) -> None:
    window = open_window()
    window.select_school(school_id)
    box = _overview(window).first_steps
    qtbot.waitUntil(box.isVisible, timeout=3000)
    class_list = tmp_path / "liste.csv"
    class_list.write_text(
        "Nachname;Vorname;Geburtsdatum;Klasse\nBerg;Kim;01.03.2015;5a\n", encoding="utf-8"
    )
    ctx = window.ctx
    result = apply_import(ctx, prepare_import(ctx, school_id, Path(class_list)))
    window.signals.operations.announce(result.changes)
    qtbot.waitUntil(lambda: "import" not in box.open_steps(), timeout=3000)
    assert box.findChild(QLabel, "firstStepMark_import").text() == "✓"
    assert box.open_steps() == ["templates", "forms", "register"]


def test_the_register_step_is_the_dpos_and_a_finished_school_shows_no_steps(
    qtbot, demo, open_window
) -> None:
    window = open_window()
    window.signals.operations.announce(settings.set_person(window.ctx, "Anna Berg", "Sekretariat"))
    small = next(s for s in list_schools(window.ctx) if s.name != "Gesamtschule Rheinblick")
    large = next(s for s in list_schools(window.ctx) if s.name == "Gesamtschule Rheinblick")
    window.select_school(large.id)
    box = _overview(window).first_steps
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)  # everything done
    assert "register" not in [step.key for step in box.steps]
    window.select_school(small.id)
    assert "register" not in [step.key for step in box.steps]
