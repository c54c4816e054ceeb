"""After the first school is created the overview shows what to do next: each step opens its
place, and is ticked off when the data shows it done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from dpo_desk.core.consent.values import StudentFacts, roles_for_student
from dpo_desk.services import settings
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.consent.recording import FormEntry, record_forms
from dpo_desk.services.consent.template_edit import copy_from_catalogue
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
    assert box.open_steps() == ["import", "templates", "forms", "returns", "register"]  # a DPO
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
    consent = _follow(qtbot, window, "returns")
    assert consent.objectName() == "consentPage"
    assert consent.tabs.currentWidget() is consent.recorder
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
    assert box.open_steps() == ["templates", "forms", "returns", "register"]


def test_forms_are_printed_with_the_first_printout_and_returned_with_the_first_form(
    qtbot, school_id, open_window, tmp_path
) -> None:
    """ "Formulare drucken" is ticked by a printout in the print log, not by a recorded form;
    "Rückläufer erfassen" by the first recorded form."""
    window = open_window()
    window.select_school(school_id)
    box = _overview(window).first_steps
    ctx, announce = window.ctx, window.signals.operations.announce
    class_list = tmp_path / "liste.csv"
    class_list.write_text(
        "Nachname;Vorname;Geburtsdatum;Klasse\nBerg;Kim;01.03.2015;5a\n", encoding="utf-8"
    )
    announce(apply_import(ctx, prepare_import(ctx, school_id, Path(class_list))).changes)
    template = copy_from_catalogue(ctx, school_id, "videokonferenzen")
    announce(template.changes)
    qtbot.waitUntil(lambda: box.open_steps() == ["forms", "returns", "register"], timeout=3000)

    status = template_status(ctx, school_id, template.key)
    student = status.rows[0]
    announce(
        log_printed(
            ctx,
            school_id,
            template.key,
            template.current_version,
            [student.student_id],
            "consent-forms",
        ).changes
    )
    qtbot.waitUntil(lambda: box.open_steps() == ["returns", "register"], timeout=3000)
    assert box.findChild(QLabel, "firstStepMark_forms").text() == "✓"
    assert box.findChild(QLabel, "firstStepMark_returns").text() == "→"

    signed = ctx.clock.today()
    entry = FormEntry(
        student.student_id,
        dict.fromkeys((key for key, _ in status.options), True),
        signed,
        signed,
        frozenset(
            roles_for_student(
                StudentFacts(student.birth_date, None), signed, status.template.current.signers
            )
        ),
    )
    announce(record_forms(ctx, school_id, template.key, [entry]).changes)
    qtbot.waitUntil(lambda: box.open_steps() == ["register"], timeout=3000)
    assert box.findChild(QLabel, "firstStepMark_returns").text() == "✓"


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
