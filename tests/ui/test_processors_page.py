"""Auftragsverarbeiter & TOM: contracts, refused deletion, attachments, grouped measures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from dpo_desk.core.register.values import CONTROL_TYPES, PROTECTION_GOALS
from dpo_desk.services.register import contracts, processors


@pytest.fixture
def page_of(qtbot, open_window, demo):
    window = open_window()
    window.select_school(demo.schools[1].id)
    page = window.page("processorsPage")
    # Ctrl+<position in the navigation> opens the page, as a user would.
    qtbot.keyClick(window, Qt.Key(Qt.Key_1 + window.pages.index(page)), Qt.ControlModifier)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, demo.schools[1].id


def names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_processors_with_search_and_contract_filter(qtbot, page_of) -> None:
    window, page, _ = page_of
    assert window.navigation.currentItem().text() == "Auftragsverarbeiter & TOM"
    assert len(names(page)) == 4
    page.status_filter.setCurrentIndex(page.status_filter.findText("angefragt"))
    assert names(page) == ["SchulFunk Messenger GmbH (Demo)"]
    page.status_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "konferenz")
    assert names(page) == ["Konferenzwerk GmbH (Demo)"]


def test_deleting_a_linked_processor_is_refused_with_the_links(qtbot, page_of) -> None:
    _, page, school_id = page_of
    page.search.setText("Lernwolke")
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(QPushButton, "deleteProcessorButton"), Qt.LeftButton)
    # Refused at once: no "really delete?" first.
    assert page.dialog is None
    assert page.message.text() == (
        "„Lernwolke Bildungsdienste GmbH (Demo)“ kann nicht gelöscht werden: Er wird noch von "
        "„Lernplattform“ verwendet. Bitte dort zuerst die Verknüpfung lösen."
    )
    assert len(processors.list_processors(page.ctx, school_id)) == 4


def test_processor_dialog_checklist_attachment_and_validation(qtbot, page_of, tmp_path) -> None:
    _, page, _ = page_of
    page.search.setText("Konferenzwerk")
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.checks["a"][0].isChecked()
    assert dialog.findChild(QLabel, "processorUsedBy").text() == "Videokonferenzen im Unterricht"
    assert not dialog.attach(tmp_path)  # a folder, not a file
    assert "ist keine Datei" in dialog.error.text()
    contract = tmp_path / "AVV Konferenzwerk.pdf"
    contract.write_bytes(b"%PDF-1.4 unterschrieben")
    assert dialog.attach(contract)
    assert dialog.file_label.text() == "AVV Konferenzwerk.pdf (wird beim Speichern angehängt)"
    assert dialog.open_button.isEnabled()
    dialog.fields["contact_email"].setText("kein-mail")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "„kein-mail“ ist keine gültige E-Mail-Adresse" in dialog.error.text()
    assert dialog.isVisible()
    dialog.fields["contact_email"].setText("hilfe@konferenzwerk.example")
    dialog.checks["h"][1].setText("Anlage 3, Kontrollrechte")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible()
    stored = processors.get_processor(page.ctx, dialog.processor_id)
    assert stored.data.contact_email == "hilfe@konferenzwerk.example"
    assert stored.data.checklist["h"].note == "Anlage 3, Kontrollrechte"
    content = contracts.contract_content(page.ctx, dialog.processor_id)
    assert content is not None and content.endswith(b"unterschrieben")


def test_measures_grouped_by_goal_or_by_control_type(qtbot, page_of) -> None:
    _, page, _ = page_of
    page.tabs.setCurrentIndex(1)
    model = page.tree_model
    groups = [model.item(r, 0).text().rsplit(" (", 1)[0] for r in range(model.rowCount())]
    assert groups == list(PROTECTION_GOALS.values())
    page.grouping.setCurrentIndex(1)
    groups = [model.item(r, 0).text().rsplit(" (", 1)[0] for r in range(model.rowCount())]
    assert groups == [*CONTROL_TYPES.values(), "ohne Kontrollart"]
    owners = {
        model.item(r, 0).child(c, 2).text()
        for r in range(model.rowCount())
        for c in range(model.item(r, 0).rowCount())
    }
    assert owners == {"Schule", "Lernwolke Bildungsdienste GmbH (Demo)"}


def test_new_measure_needs_a_protection_goal(qtbot, page_of) -> None:
    _, page, _ = page_of
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.findChild(QPushButton, "newTomButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.keyClicks(dialog.title, "Besucherbuch am Empfang")
    dialog.save()
    assert dialog.error.text() == "Schutzziel: Bitte eines der sieben Schutzziele wählen."
    dialog.goal.setCurrentIndex(dialog.goal.findText("Transparenz"))
    dialog.control.setCurrentIndex(dialog.control.findText("Zutrittskontrolle"))
    dialog.save()
    assert not dialog.isVisible()
    model = page.tree_model
    transparency = next(
        model.item(r, 0)
        for r in range(model.rowCount())
        if model.item(r, 0).text().startswith("Transparenz")
    )
    titles = [transparency.child(c, 0).text() for c in range(transparency.rowCount())]
    assert "Besucherbuch am Empfang" in titles
