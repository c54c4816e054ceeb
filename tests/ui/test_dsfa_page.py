"""The DSFA page driven like a DPO: threshold analysis, a new assessment, rating risks on the
heat map, a refused and a successful sign-off, revision, the PDF, and the matrix setting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox

from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa.matrix import get_matrix
from dpo_desk.services.register import activities
from tests.reports import pdf_reading


@pytest.fixture
def dsfa_page(qtbot, open_window, demo):
    window = open_window()
    school_id = demo.schools[1].id
    window.select_school(school_id)
    page = window.page("dsfaPage")
    item = window.navigation.findItems("DSFA", Qt.MatchExactly)[0]
    window.navigation.setCurrentItem(item)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, school_id


def rows(page) -> list[tuple[str, str, str]]:
    m = page.model
    return [tuple(m.index(r, c).data() for c in (0, 1, 3)) for r in range(m.rowCount())]


def choose(combo: QComboBox, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_the_list_shows_status_and_highest_residual_risk(qtbot, dsfa_page) -> None:
    _, page, _ = dsfa_page
    assert rows(page) == [
        ("Lernplattform", "Abgeschlossen (Version 1)", "Risiko"),
        ("Videokonferenzen im Unterricht", "Entwurf", "hohes Risiko – Konsultation nötig"),
    ]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Down)
    assert page.detail.activity_key == "videokonferenz"
    assert "Aufsichtsbehörde konsultieren (Art. 36 DSGVO)" in page.banner.text()
    assert page.sign_button.isEnabled() and not page.revise_button.isEnabled()


def test_threshold_analysis_then_a_new_assessment_rated_on_the_heat_map(qtbot, dsfa_page) -> None:
    window, page, school_id = dsfa_page
    homepage = activities.find_activity(page.ctx, school_id, "homepage")
    choose(page.activity, homepage.id)
    qtbot.mouseClick(page.threshold_button, Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    for key in ("vulnerable", "monitoring"):
        box = dialog.boxes[key]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key_Space)
    assert "2 von 9 Kriterien erfüllt" in dialog.suggestion.text()
    assert dialog.conclusion.currentData() == "required"
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert activities.get_activity(page.ctx, homepage.id).data.dsfa == "required"
    assert "DSFA erforderlich" in window.statusBar().currentMessage()

    choose(page.activity, homepage.id)
    qtbot.mouseClick(page.create_button, Qt.LeftButton)
    assert page.detail.activity_id == homepage.id
    assert (
        page.description.edits["description"]
        .toPlainText()
        .startswith("Verarbeitungstätigkeit: Schulhomepage mit Fotos")
    )
    page.tabs.setCurrentIndex(1)
    panel = page.scenarios
    choose(panel.catalogue, "bloss-stellung")
    qtbot.mouseClick(panel.add_catalogue, Qt.LeftButton)
    assert panel.list.count() == 1
    for name, level in (
        ("inherent_likelihood", 3),
        ("inherent_severity", 4),
        ("residual_likelihood", 2),
        ("residual_severity", 3),
    ):
        choose(panel.ratings[name], level)
    qtbot.mouseClick(panel.save, Qt.LeftButton)
    assert panel.heatmap.scenarios_at((2, 3)) == [1]
    assert panel.heatmap.scenarios_at((3, 4)) == [1]
    assert panel.classes.text() == "Risiko vorher: hohes Risiko · nachher: Risiko"

    panel.heatmap.setFocus()
    for key in (Qt.Key_Right, Qt.Key_Up, Qt.Key_Up, Qt.Key_Return):
        qtbot.keyClick(panel.heatmap, key)
    assert "1. Diskriminierung oder Bloßstellung" in panel.cell_list.text()

    qtbot.mouseClick(page.sign_button, Qt.LeftButton)
    problem = page.operations.last_problem
    qtbot.waitUntil(problem.isVisible, timeout=3000)
    assert problem.objectName() == "problemMessage"
    assert "Notwendigkeit und Verhältnismäßigkeit: fehlt." in problem.text()
    assert "Stellungnahme der/des Datenschutzbeauftragten: fehlt." in problem.text()
    problem.button(QMessageBox.Ok).click()
    assert dsfa.get_assessment(page.ctx, page.detail.id).status == "draft"

    page.tabs.setCurrentIndex(0)
    qtbot.keyClicks(page.description.edits["necessity"], "Fotos nur mit Einwilligung.")
    page.tabs.setCurrentIndex(2)
    qtbot.keyClicks(page.decision.edits["dpo_opinion"], "Vertretbar.")
    choose(page.decision.decision, "approved")
    qtbot.mouseClick(page.sign_button, Qt.LeftButton)
    signed = dsfa.current_assessment(page.ctx, homepage.id)
    assert signed.status == "signed_off"
    assert "Version 1 abgeschlossen." in window.statusBar().currentMessage()
    assert page.description.edits["necessity"].isReadOnly()


def test_a_worse_rating_after_measures_asks_for_confirmation(qtbot, dsfa_page) -> None:
    _, page, _ = dsfa_page
    page.table.selectRow(1)
    page.tabs.setCurrentIndex(1)
    panel = page.scenarios
    panel.list.setCurrentRow(0)  # Identitätsdiebstahl, 2/3 before, 1/3 after
    choose(panel.ratings["residual_likelihood"], 4)
    qtbot.mouseClick(panel.save, Qt.LeftButton)
    assert "Bitte begründen" in panel.error.text()
    panel.fields["residual_reason"].setPlainText("Neues Anmeldeverfahren des Anbieters")
    qtbot.mouseClick(panel.save, Qt.LeftButton)
    box = panel.box
    qtbot.waitUntil(box.isVisible, timeout=3000)
    box.button(QMessageBox.Yes).click()
    view = dsfa.get_assessment(page.ctx, page.detail.id).scenarios[0]
    assert view.data.residual_likelihood == 4
    assert view.data.residual_reason == "Neues Anmeldeverfahren des Anbieters"


def test_revision_and_pdf_of_the_signed_assessment(qtbot, dsfa_page, tmp_path) -> None:
    window, page, _ = dsfa_page
    page.table.selectRow(0)
    assert page.revise_button.isEnabled() and not page.sign_button.isEnabled()
    frozen_rating = page.scenarios.ratings["inherent_severity"]
    assert not frozen_rating.isEnabled() and not page.scenarios.save.isEnabled()
    target = tmp_path / "dsfa.pdf"
    page.save_pdf(target)
    text = pdf_reading.all_text(target.read_bytes())
    assert "Datenschutz-Folgenabschätzung: Lernplattform" in text
    assert "Gespeichert:" in window.statusBar().currentMessage()
    qtbot.mouseClick(page.revise_button, Qt.LeftButton)
    assert page.detail.version == 2 and not page.detail.frozen
    assert rows(page)[0][1] == "Überarbeitung (gültig: Version 1)"
    assert not page.description.edits["necessity"].isReadOnly()
    assert frozen_rating.isEnabled() and page.scenarios.save.isEnabled()
    assert [page.version.itemText(i) for i in range(page.version.count())] == [
        "Version 1",
        "Version 2",
    ]
    page.version.setFocus()
    qtbot.keyClick(page.version, Qt.Key_Up)
    assert page.detail.version == 1 and page.detail.frozen
    assert not page.revise_button.isEnabled() and not page.sign_button.isEnabled()


def test_the_matrix_setting_warns_before_saving_an_odd_matrix(qtbot, dsfa_page) -> None:
    window, _, school_id = dsfa_page
    settings = window.page("settingsPage")
    window.navigation.setCurrentItem(
        window.navigation.findItems("Einstellungen", Qt.MatchExactly)[0]
    )
    qtbot.waitUntil(settings.isVisible, timeout=3000)
    section = settings.findChild(QComboBox, "matrixCell_4_4").parent()
    cell = section.cells[(4, 4)]
    cell.setFocus()
    choose(cell, "low")
    qtbot.mouseClick(section.save_button, Qt.LeftButton)
    box = section.box
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert "Feld Eintrittswahrscheinlichkeit 4 / Schwere 4" in box.text()
    box.button(QMessageBox.No).click()
    assert get_matrix(section.ctx, school_id).risk_class(4, 4) == "high"
    qtbot.mouseClick(section.save_button, Qt.LeftButton)
    section.box.button(QMessageBox.Yes).click()
    assert get_matrix(section.ctx, school_id).risk_class(4, 4) == "low"
    assert QApplication.activeWindow() is window


def test_edits_are_kept_when_the_dpo_moves_on(qtbot, dsfa_page) -> None:
    _, page, _ = dsfa_page
    page.table.selectRow(1)
    video_id = page.detail.id
    necessity = page.description.edits["necessity"]
    necessity.moveCursor(necessity.textCursor().MoveOperation.End)
    qtbot.keyClicks(necessity, " Aufzeichnungen sind untersagt.")
    page.tabs.setCurrentIndex(1)
    panel = page.scenarios
    panel.list.setCurrentRow(0)
    panel.fields["title"].setText("Identitätsdiebstahl über geteilte Links")
    qtbot.keyClick(panel.list, Qt.Key_Down)
    assert panel.list.currentRow() == 1
    page.table.selectRow(0)
    assert page.detail.activity_key == "lernplattform"
    stored = dsfa.get_assessment(page.ctx, video_id)
    assert stored.data.necessity.endswith("Aufzeichnungen sind untersagt.")
    assert stored.scenarios[0].data.title == "Identitätsdiebstahl über geteilte Links"
    page.table.selectRow(1)
    assert necessity.toPlainText().endswith("Aufzeichnungen sind untersagt.")
    qtbot.waitUntil(
        lambda: panel.list.item(0).text() == "1. Identitätsdiebstahl über geteilte Links",
        timeout=3000,
    )


def test_deleting_the_activity_elsewhere_leaves_the_page_working(qtbot, dsfa_page) -> None:
    window, page, school_id = dsfa_page
    # Only a never-released entry can be deleted (a released one is archived): the homepage
    # is a draft; give it an assessment first.
    homepage = activities.find_activity(page.ctx, school_id, "homepage")
    window.signals.operations.announce(dsfa.create_assessment(page.ctx, homepage.id).changes)
    page.select_activity(homepage.id)
    assert page.detail.activity_key == "homepage"
    qtbot.keyClicks(page.description.edits["necessity"], " Entwurf")
    window.signals.operations.announce(activities.delete_activity(page.ctx, homepage.id))
    assert rows(page) == [
        ("Lernplattform", "Abgeschlossen (Version 1)", "Risiko"),
        ("Videokonferenzen im Unterricht", "Entwurf", "hohes Risiko – Konsultation nötig"),
    ]
    assert page.detail.activity_key == "lernplattform"
