"""Verarbeitungsverzeichnis, driven like a DPO: search, filter, catalogue, release, findings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from dpo_desk.services.register import activities
from dpo_desk.services.register.lifecycle import list_versions


@pytest.fixture
def register(qtbot, open_window, demo):
    window = open_window()
    window.select_school(demo.schools[1].id)
    page = window.page("registerPage")
    # Ctrl+<position in the navigation> opens the page, as a user would.
    qtbot.keyClick(window, Qt.Key(Qt.Key_1 + window.pages.index(page)), Qt.ControlModifier)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, demo.schools[1].id


def visible_names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_the_register_lists_entries_with_search_and_status_filter(qtbot, register) -> None:
    window, page, _ = register
    assert window.navigation.currentItem().text() == "Verarbeitungsverzeichnis"
    assert len(visible_names(page)) == 5
    qtbot.keyClick(page, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, "lern")
    assert visible_names(page) == ["Lernplattform"]
    page.search.clear()
    page.status_filter.setCurrentIndex(1)  # Entwürfe
    assert sorted(visible_names(page)) == ["Schul-Messenger", "Schulhomepage mit Fotos"]


def test_add_from_catalogue_and_release_in_the_dialog(qtbot, register) -> None:
    window, page, _ = register
    page.catalogue.setCurrentIndex(page.catalogue.findData("bibliothek"))
    qtbot.mouseClick(page.findChild(type(page.buttons[1]), "addFromCatalogueButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.w["name"].text() == "Schulbibliothek (Ausleihe)"
    qtbot.mouseClick(dialog.release_button, Qt.LeftButton)
    assert not dialog.isVisible()
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.rows[r].cells[0].startswith("Schulbib")
    )
    assert page.model.rows[row].cells[1] == "Freigegeben (Version 1)"
    assert "Freigegeben als Version 1." in window.statusBar().currentMessage()


def test_release_of_an_incomplete_entry_lists_what_is_missing(qtbot, register) -> None:
    _, page, school_id = register
    qtbot.mouseClick(page.buttons[0], Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.w["name"], timeout=3000)
    qtbot.keyClicks(dialog.w["name"], "Schulgarten-AG")
    qtbot.mouseClick(dialog.release_button, Qt.LeftButton)
    text = dialog.error.text()
    assert "Freigabe nicht möglich. Es fehlen noch:" in text
    assert "Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b): fehlt." in text
    assert "Der Entwurf wurde gespeichert." in text
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.w["purposes"], timeout=3000)
    assert "Schulgarten-AG" in visible_names(page)
    assert activities.find_activity(page.ctx, school_id, "schulgarten-ag").status == "draft"


def test_a_finding_opens_the_sub_processor_to_fix(qtbot, register) -> None:
    _, page, _ = register
    row = next(
        r
        for r in range(page.findings_proxy.rowCount())
        if "PushRelay" in page.findings_proxy.index(r, 2).data()
    )
    page.findings.setFocus()
    page.findings.setCurrentIndex(page.findings_proxy.index(row, 0))
    qtbot.keyClick(page.findings, Qt.Key_Return)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.objectName() == "processorDialog"
    assert dialog.tabs.currentIndex() == 2
    current = dialog.subs.view.currentIndex()
    assert (current.row(), current.column()) == (1, 3)
    assert dialog.subs.model.item(1, 0).text() == "PushRelay Inc."


def test_a_missing_field_finding_opens_the_entry_on_that_field(qtbot, register) -> None:
    _, page, _ = register
    row = next(
        r
        for r in range(page.findings_proxy.rowCount())
        if page.findings_proxy.item_at(page.findings_proxy.index(r, 0)).field == "dsfa"
    )
    page.open_finding(page.findings_proxy.item_at(page.findings_proxy.index(row, 0)))
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.tabs.currentIndex() == 5  # "DSFA & Prüfung"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.w["dsfa"], timeout=3000)


def test_editing_a_released_entry_makes_a_new_version_to_compare(qtbot, register) -> None:
    _, page, school_id = register
    entry = activities.find_activity(page.ctx, school_id, "lernplattform")
    before = len(list_versions(page.ctx, entry.id))
    page.table.setCurrentIndex(page.proxy.index(visible_names(page).index("Lernplattform"), 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.w["purposes"].setPlainText("Material, Aufgaben und Videosprechstunden")
    qtbot.mouseClick(dialog.release_button, Qt.LeftButton)
    assert len(list_versions(page.ctx, entry.id)) == before + 1
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "versionsButton"), Qt.LeftButton)
    versions = page.dialog
    qtbot.waitUntil(versions.isVisible, timeout=3000)
    assert versions.summary.text() == "Geändert: Zwecke (lit. b)"
    marked = [
        (line.label, line.older, line.newer)
        for line in versions.lines
        if line.kind_older == "removed" or line.kind_newer == "added"
    ]
    assert marked == [
        (
            "Zwecke (lit. b)",
            "Bereitstellen von Material und Aufgaben, Abgabe und Rückmeldung, Kommunikation "
            "innerhalb von Kursen.",
            "Material, Aufgaben und Videosprechstunden",
        )
    ]
    # Art. 30 order (not alphabetical): name, purposes, then the data.
    labels = [line.label for line in versions.lines if line.label]
    assert labels.index("Bezeichnung") < labels.index("Zwecke (lit. b)")
    assert labels.index("Zwecke (lit. b)") < labels.index("Betroffene Personen (lit. c)")
    row = [line.label for line in versions.lines].index("Zwecke (lit. b)")
    assert versions.table.item(row, 1).text().startswith("− Bereitstellen")
    assert versions.table.item(row, 2).text() == "+ Material, Aufgaben und Videosprechstunden"
    buttons = [b.text() for b in versions.findChildren(QAbstractButton)]
    assert "&Schließen" in buttons and "Close" not in buttons


def test_printing_the_register_from_the_page(qtbot, register, tmp_path) -> None:
    from tests.reports import pdf_reading

    window, page, _ = register
    target = tmp_path / "vvt.pdf"
    page.print_register_to(target)
    qtbot.waitUntil(lambda: target.exists() and not page.operations.jobs, timeout=10000)
    assert "Lernplattform" in pdf_reading.all_text(target.read_bytes())
    qtbot.waitUntil(lambda: "Gespeichert:" in window.statusBar().currentMessage(), timeout=3000)


def test_printing_one_entry_from_the_page(qtbot, register, tmp_path) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.reports import pdf_reading

    _, page, _ = register
    assert page.findChild(QPushButton, "printEntryButton").isEnabled()
    page.table.selectRow(0)
    current = page.current_activity()
    target = tmp_path / "eintrag.pdf"
    page.print_entry_to(current.id, target)
    qtbot.waitUntil(lambda: target.exists() and not page.operations.jobs, timeout=10000)
    assert current.name in pdf_reading.all_text(target.read_bytes())


def test_consent_template_is_chosen_from_the_schools_templates(qtbot, register) -> None:
    from dpo_desk.services.consent import template_edit as consent_template_edit
    from dpo_desk.services.consent.templates import list_templates

    _, page, school_id = register
    if "messenger" not in {t.key for t in list_templates(page.ctx, school_id)}:
        consent_template_edit.copy_from_catalogue(page.ctx, school_id, "messenger")
    entry = activities.find_activity(page.ctx, school_id, "messenger")
    page.open_activity(entry.id, "consent_template_key")
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    combo = dialog.w["consent_template_key"]
    combo.setCurrentIndex(0)
    assert combo.currentData() == ""
    combo.setCurrentIndex(combo.findData("messenger"))
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert activities.get_activity(page.ctx, entry.id).data.consent_template_key == "messenger"
    assert not any(
        "Schul-Messenger“ beruht auf Einwilligung" in row.cells[2]
        for row in page.findings_model.rows
    )


def test_a_school_profile_finding_opens_the_settings(qtbot, open_window, ctx) -> None:
    from dpo_desk.services.schools import create_school
    from tests.conftest import sample_profile

    create_school(ctx, sample_profile(dpo_name="", dpo_email=""))
    window = open_window()
    page = window.page("registerPage")
    window.show_page(window.pages.index(page))
    qtbot.waitUntil(page.isVisible, timeout=3000)
    finding = page.findings_proxy.item_at(page.findings_proxy.index(0, 0))
    assert (finding.entity_type, finding.field) == ("school", "dpo_name")
    page.findings.setCurrentIndex(page.findings_proxy.index(0, 0))
    qtbot.keyClick(page.findings, Qt.Key_Return)
    assert window.current_page() is window.page("settingsPage")
    assert "Datenschutzbeauftragte/r" in window.statusBar().currentMessage()
