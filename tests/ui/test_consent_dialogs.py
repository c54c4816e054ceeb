"""The student history with the revocation, and the template editor's versions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.templates import get_template
from dpo_desk.ui.consent.page import ConsentPage
from dpo_desk.ui.signals import AppSignals
from tests.services.consent_support import fill_school

KEY = "videokonferenzen"


@pytest.fixture
def page(qtbot, ctx, school_id, tmp_path: Path) -> ConsentPage:
    fill_school(ctx, school_id, tmp_path)
    widget = ConsentPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_school(school_id)
    widget.show()
    recorder = widget.recorder
    recorder.class_box.setCurrentIndex(recorder.class_box.findData("7b"))
    recorder.grid.setFocus()
    qtbot.keyClicks(recorder.grid, "jju")  # Çelik: both JA
    recorder.grid.go_to(0, 1)
    return widget


def test_history_shows_the_entry_and_a_partial_revocation_by_keyboard(
    qtbot, ctx, school_id, page
) -> None:
    qtbot.keyClick(page.recorder.grid, Qt.Key_H, Qt.ControlModifier)
    history = page.history_dialog
    assert history.isVisible()
    assert history.model.index(0, 3).data() == "Formular erhalten"
    assert "Teilnahme per Video (Kamera): JA" in history.model.index(0, 4).data()
    assert history.model.index(0, 7).data() == ctx.actor
    history.revoke_button.setFocus()
    qtbot.keyClick(history.revoke_button, Qt.Key_Space)
    dialog = history.revocation_dialog
    dialog.all_options.setFocus()
    qtbot.keyClick(dialog.all_options, Qt.Key_Space)  # not all ...
    video = dialog.option_boxes["video"]
    video.setFocus()
    qtbot.keyClick(video, Qt.Key_Space)  # ... only the video part
    dialog.channel.setCurrentIndex(dialog.channel.findData("email"))
    qtbot.keyClick(dialog.note, Qt.Key_Return)
    assert not dialog.isVisible()
    status = template_status(ctx, school_id, KEY)
    celik = next(r for r in status.rows if r.last_name == "Çelik")
    assert (celik.state("audio").value, celik.state("video").value) == ("granted", "revoked")
    assert history.model.rowCount() == 2
    assert "per E-Mail" in history.model.index(1, 4).data()
    assert "Teilnahme per Video (Kamera)" in history.model.index(1, 4).data()


def test_a_revocation_back_in_time_is_refused_and_the_dialog_stays(
    qtbot, ctx, school_id, page
) -> None:
    page.open_current_history()
    page.history_dialog.revoke()
    dialog = page.history_dialog.revocation_dialog
    dialog.effective_on.set_date(dialog.declared_on.date() - timedelta(days=3))
    dialog.save()
    assert dialog.isVisible()
    assert "nur für die Zukunft" in dialog.message.text()
    student_id = page.recorder.model.rows[0].student.student_id
    assert [h.kind for h in student_history(ctx, school_id, student_id)] == ["form"]


def test_editing_a_used_template_makes_version_2_and_says_so(qtbot, ctx, school_id, page):
    page.open_templates()
    editor = page.templates_dialog
    assert "schon 1-mal verwendet" in editor.version_info.text()
    declaration = editor.texts["declaration_text"]
    declaration.setFocus()
    qtbot.keyClicks(declaration, " Neu gefasst.")
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert "Aktuell ist Version 2" in editor.message.text()
    info = get_template(ctx, school_id, KEY)
    assert info.current_version == 2 and info.consents_on_older_versions == 1
    assert info.core.version(1).declaration_text != info.current.declaration_text
    assert "1 Einträge beziehen sich auf ältere Versionen" in page.template_info.text()


def test_copying_a_starter_template_adds_it_to_the_page(qtbot, ctx, school_id, page) -> None:
    page.open_templates()
    editor = page.templates_dialog
    editor.catalogue.setCurrentIndex(editor.catalogue.findData("fotos"))
    qtbot.mouseClick(editor.copy_button, Qt.LeftButton)
    assert "übernommen" in editor.message.text()
    assert page.template_box.findData("fotos") >= 0
    editor.key.setText("")
    editor.new_template()
    editor.key.setText("Falsch!")
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert "kein gültiges Kürzel" in editor.message.text()


def test_the_exact_text_of_the_version_is_shown_as_proof(qtbot, ctx, school_id, page) -> None:
    page.open_current_history()
    history = page.history_dialog
    history.table.selectRow(0)
    qtbot.mouseClick(history.text_button, Qt.LeftButton)
    text = history.version_box.text()
    info = get_template(ctx, school_id, KEY)
    assert "(Version 1)" in text
    assert info.current.declaration_text in text
    assert "[ ] JA  [ ] NEIN  Teilnahme per Video (Kamera)" in text


def test_expired_proof_of_a_leaver_is_erased_after_asking(qtbot, ctx, school_id, page) -> None:
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from dpo_desk.services.roster import students as roster

    student_id = page.recorder.model.rows[0].student.student_id
    roster.mark_left(ctx, student_id, date(2024, 12, 1))
    messages: list[str] = []
    page.signals.status_message.connect(messages.append)
    qtbot.mouseClick(page.erase_button, Qt.LeftButton)
    box = page.erase_box
    assert "Zeynep Çelik" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.Yes), Qt.LeftButton)
    assert student_history(ctx, school_id, student_id) == []
    assert messages[-1] == "1 Einträge gelöscht."


def test_a_wrong_entry_is_voided_with_a_reason_and_stays_visible(qtbot, ctx, school_id, page):
    page.open_current_history()
    history = page.history_dialog
    history.table.selectRow(0)
    qtbot.mouseClick(history.void_button, Qt.LeftButton)
    ask = history.void_dialog
    ask.setTextValue("")
    ask.accept()
    assert "Bitte einen Grund angeben" in history.message.text()
    qtbot.mouseClick(history.void_button, Qt.LeftButton)
    history.void_dialog.setTextValue("Formular gehört zu einer anderen Schülerin")
    history.void_dialog.accept()
    assert history.model.rowCount() == 2
    assert history.model.index(0, 9).data().startswith("nein, berichtigt durch Nr.")
    assert "Formular gehört zu einer anderen Schülerin" in history.model.index(1, 4).data()
    rows = template_status(ctx, school_id, KEY).rows
    assert next(r for r in rows if r.last_name == "Çelik").state("audio").value == "not_returned"
