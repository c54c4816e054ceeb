"""The student history with the revocation, and the template editor's versions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.scanning import scan_code_for
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


def test_editing_a_used_template_asks_what_kind_of_change_it_is(qtbot, ctx, school_id, page):
    page.open_templates()
    editor = page.templates_dialog
    assert "schon ausgegeben" in editor.version_info.text()
    assert editor.change_kind.isVisible()
    declaration = editor.texts["declaration_text"]
    declaration.setFocus()
    qtbot.keyClicks(declaration, " Neu gefasst.")
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert "redaktionelle Korrektur oder eine neue Fassung" in editor.message.text()
    assert get_template(ctx, school_id, KEY).current_version == 1
    editor.change_kind.wording.setFocus()
    qtbot.keyClick(editor.change_kind.wording, Qt.Key_Space)  # "Neue Fassung"
    assert editor.change_kind.wording.isChecked() and editor.change_kind.renew.isEnabled()
    editor.change_kind.renew.setChecked(True)
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert "Aktuell ist Version 2" in editor.message.text()
    info = get_template(ctx, school_id, KEY)
    assert info.current_version == 2 and info.consents_on_older_versions == 1
    assert info.core.version(1).declaration_text != info.current.declaration_text
    assert "1 Einträge beziehen sich auf ältere Versionen" in page.template_info.text()
    celik = next(r for r in template_status(ctx, school_id, KEY).rows if r.last_name == "Çelik")
    assert celik.state("video").label == "neu einzuholen"
    # Saving again without a change makes no version, whatever is chosen.
    editor.change_kind.wording.setChecked(True)
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert get_template(ctx, school_id, KEY).current_version == 2


def test_an_editorial_fix_keeps_the_consents_and_refuses_changed_terms(
    qtbot, ctx, school_id, page
) -> None:
    page.open_templates()
    editor = page.templates_dialog
    information = editor.texts["information_text"]
    information.setPlainText("## Was wir vorhaben\n\n- **Unterricht** per Video")
    assert editor.preview.toPlainText() == "Was wir vorhaben\nUnterricht per Video"
    editor.change_kind.editorial.setChecked(True)
    editor.renewal.setValue(2)  # a term, not a spelling fix
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert "keine redaktionelle Korrektur" in editor.message.text()
    editor.renewal.setValue(0)
    qtbot.mouseClick(editor.save_button, Qt.LeftButton)
    assert "Aktuell ist Version 2" in editor.message.text()
    celik = next(r for r in template_status(ctx, school_id, KEY).rows if r.last_name == "Çelik")
    assert celik.state("video").value == "granted"


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


def click_in_next_box(name: str) -> None:
    """Click the button ``name`` (objectName) of the next message box once it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        box.findChild(QAbstractButton, name).click()

    QTimer.singleShot(0, click)


def _revoke_video_declared_before_the_form(page) -> tuple:
    page.open_current_history()
    page.history_dialog.revoke()
    dialog = page.history_dialog.revocation_dialog
    dialog.all_options.setChecked(False)
    dialog.option_boxes["video"].setChecked(True)
    earlier = dialog.declared_on.date() - timedelta(days=3)
    dialog.declared_on.set_date(earlier)
    dialog.effective_on.set_date(earlier)
    return dialog


def test_a_revocation_the_dates_cannot_order_asks_and_then_acts(qtbot, ctx, school_id, page):
    """The form came in today without a signing date; the revocation is dated three days
    back: which is newer? The person decides, and the revocation then really acts."""
    dialog = _revoke_video_declared_before_the_form(page)
    click_in_next_box("consentDecisionCancel")
    dialog.save()
    assert dialog.isVisible() and "Nicht gespeichert" in dialog.message.text()
    student_id = page.recorder.model.rows[0].student.student_id
    assert [h.kind for h in student_history(ctx, school_id, student_id)] == ["form"]
    click_in_next_box("consentDecisionEntry")
    dialog.save()
    assert not dialog.isVisible()
    celik = next(r for r in template_status(ctx, school_id, KEY).rows if r.last_name == "Çelik")
    assert (celik.state("audio").value, celik.state("video").value) == ("granted", "revoked")
    history = student_history(ctx, school_id, student_id)
    assert history[-1].kind == "revocation" and history[-1].precedence == "entry"


def test_a_second_scan_of_a_recorded_form_is_reported(qtbot, ctx, school_id, page) -> None:
    recorder = page.recorder
    student_id = recorder.model.rows[0].student.student_id
    code = scan_code_for(ctx, school_id, student_id, KEY)
    recorder.scan.setFocus()
    click_in_next_box_button(QMessageBox.No)
    qtbot.keyClicks(recorder.scan, code)
    qtbot.keyClick(recorder.scan, Qt.Key_Return)
    assert "nicht erneut erfasst" in recorder.message.text()
    click_in_next_box_button(QMessageBox.Yes)
    qtbot.keyClicks(recorder.scan, code)
    qtbot.keyClick(recorder.scan, Qt.Key_Return)
    recorder.window().activateWindow()
    recorder.grid.setFocus()
    qtbot.keyClicks(recorder.grid, "n")  # Audio now NEIN: a correction of the first entry
    assert [(h.kind, h.in_force) for h in student_history(ctx, school_id, student_id)] == [
        ("form", False),
        ("correction", True),
    ]


def click_in_next_box_button(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        box.button(button).click()

    QTimer.singleShot(0, click)
