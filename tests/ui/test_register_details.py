"""The details of real contracts and entries, driven like a DPO: contract version, term and
review, a sub-processor's approval, the bulk import of a vendor's TOM annex, a measure's
status and evidence, attachments, an entry's source/hosting/systems, a named approver,
archiving and taking back into use."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dpo_desk.core.register.values import TomData
from dpo_desk.services.register import activities, archive, attachments, processors, toms
from dpo_desk.services.register.lifecycle import list_versions
from tests.ui.typing_support import type_date

VENDOR_ANNEX = """Zutrittskontrolle:
Rechenzentrum mit Zutrittskontrollsystem und Videoüberwachung
Zugangskontrolle:
Zwei-Faktor-Authentisierung für Administratoren

Verschlüsselung der Übertragung mit TLS 1.3
Verschlüsselung der Übertragung mit TLS 1.3
Tägliche Datensicherung an einem zweiten Standort
"""


@pytest.fixture
def processors_page(qtbot, open_window, demo):
    window = open_window()
    window.select_school(demo.schools[1].id)
    page = window.page("processorsPage")
    qtbot.keyClick(window, Qt.Key(Qt.Key_1 + window.pages.index(page)), Qt.ControlModifier)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, demo.schools[1].id


@pytest.fixture
def register(qtbot, open_window, demo):
    window = open_window()
    window.select_school(demo.schools[1].id)
    page = window.page("registerPage")
    qtbot.keyClick(window, Qt.Key(Qt.Key_1 + window.pages.index(page)), Qt.ControlModifier)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return window, page, demo.schools[1].id


def open_processor(qtbot, page, name: str):
    page.search.setText(name)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def test_contract_details_and_sub_processor_approval_are_saved(qtbot, processors_page) -> None:
    _, page, _ = processors_page
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    dialog.tabs.setCurrentWidget(dialog.contract)
    contract = dialog.contract
    contract.version.setText("AVV Schulen, Fassung 4.1")
    contract.term.setText("unbefristet, drei Monate Kündigungsfrist")
    type_date(qtbot, contract.review, "1.9.27")
    contract.objection.setValue(30)
    dialog.tabs.setCurrentIndex(2)
    dialog.subs.set_rows(
        [("Cloudflare, Inc.", "US", "Netz", "dpf", "14.03.2026", "", "Verschlüsselung")]
    )
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    stored = processors.get_processor(page.ctx, dialog.processor_id).data
    assert stored.contract_version == "AVV Schulen, Fassung 4.1"
    assert stored.contract_term == "unbefristet, drei Monate Kündigungsfrist"
    assert stored.contract_review == date(2027, 9, 1)
    assert stored.objection_days == 30
    assert stored.sub_processors[0].approved_on == date(2026, 3, 14)


def test_a_malformed_approval_date_names_the_row_and_saves_nothing(qtbot, processors_page) -> None:
    _, page, _ = processors_page
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    before = processors.get_processor(page.ctx, dialog.processor_id).data
    dialog.subs.set_rows([("Hoster AG", "DE", "Rechenzentrum", "", "31.02.2026", "", "")])
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Unterauftragnehmer 1, Genehmigt am:")
    assert dialog.tabs.currentIndex() == 2
    assert processors.get_processor(page.ctx, dialog.processor_id).data == before


def test_bulk_import_of_a_vendor_annex_with_suggestions(qtbot, processors_page) -> None:
    _, page, school_id = processors_page
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    before = len(toms.list_toms(page.ctx, school_id, dialog.processor_id))
    dialog.tabs.setCurrentIndex(4)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    importer = dialog.import_dialog
    qtbot.waitUntil(importer.isVisible, timeout=3000)
    importer.text.setPlainText(VENDOR_ANNEX)
    qtbot.mouseClick(importer.preview_button, Qt.LeftButton)
    lines = importer.lines()
    assert [line.title for line in lines if line.include] == [
        "Rechenzentrum mit Zutrittskontrollsystem und Videoüberwachung",
        "Zwei-Faktor-Authentisierung für Administratoren",
        "Verschlüsselung der Übertragung mit TLS 1.3",
        "Tägliche Datensicherung an einem zweiten Standort",
    ]
    assert importer.summary.text() == (
        "5 Maßnahmen erkannt, 1 doppelt oder schon erfasst, 1 leere Zeile übersprungen, "
        "2 Zwischenüberschriften. Vorschläge bitte prüfen, dann speichern."
    )
    qtbot.mouseClick(importer.save_button, Qt.LeftButton)
    assert not importer.isVisible(), importer.error.text()
    qtbot.waitUntil(lambda: dialog.measure_list.count() >= before + 4, timeout=3000)
    stored = toms.list_toms(page.ctx, school_id, dialog.processor_id)
    assert len(stored) == before + 4
    backup = next(t for t in stored if t.title.startswith("Tägliche Datensicherung"))
    assert backup.goal_label == "Verfügbarkeit"
    tls = next(t for t in stored if t.title.startswith("Verschlüsselung der Übertragung"))
    assert tls.control_type == "transfer"  # not "Zutritt" for the "schlüssel" in the word


def test_an_empty_measure_list_is_refused_in_german(qtbot, processors_page) -> None:
    _, page, school_id = processors_page
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    before = len(toms.list_toms(page.ctx, school_id, dialog.processor_id))
    dialog.open_import()
    importer = dialog.import_dialog
    qtbot.waitUntil(importer.isVisible, timeout=3000)
    importer.text.setPlainText("\n\n   \n")
    qtbot.mouseClick(importer.preview_button, Qt.LeftButton)
    qtbot.mouseClick(importer.save_button, Qt.LeftButton)
    assert importer.isVisible()
    assert importer.error.text()
    assert len(toms.list_toms(page.ctx, school_id, dialog.processor_id)) == before


def test_processor_attachments_are_stored_in_the_database(qtbot, processors_page, tmp_path) -> None:
    _, page, _ = processors_page
    dialog = open_processor(qtbot, page, "Konferenzwerk")
    processor_id = dialog.processor_id
    dialog.tabs.setCurrentWidget(dialog.attachments)
    box = dialog.attachments
    assert not box.attach(tmp_path)  # a folder
    assert "keine Datei" in box.error.text()
    annex = tmp_path / "Anlage 2 Unterauftragnehmer.pdf"
    annex.write_bytes(b"%PDF-1.4 Anlage")
    assert box.attach(annex)
    assert box.list.item(0).text() == (
        "Anlage 2 Unterauftragnehmer.pdf (wird beim Speichern angehängt)"
    )
    assert attachments.list_attachments(page.ctx, "processor", processor_id) == []
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    annex.unlink()  # the copy lives in the database, not next to the original
    stored = attachments.list_attachments(page.ctx, "processor", processor_id)
    assert attachments.attachment_content(page.ctx, stored[0].id)[1] == b"%PDF-1.4 Anlage"

    for finish, left in (("cancel", 1), ("save", 0)):  # removing waits for "Speichern" too
        dialog = open_processor(qtbot, page, "Konferenzwerk")
        dialog.tabs.setCurrentWidget(dialog.attachments)
        box = dialog.attachments
        assert box.list.item(0).text().startswith("Anlage 2 Unterauftragnehmer.pdf (")
        box.list.setCurrentRow(0)
        qtbot.mouseClick(
            dialog.findChild(type(box.buttons[2]), "processorRemoveAttachmentButton"),
            Qt.LeftButton,
        )
        assert box.list.count() == 0
        if finish == "cancel":
            dialog.reject()
        else:
            qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=3000)
        assert len(attachments.list_attachments(page.ctx, "processor", processor_id)) == left


def test_measure_status_and_evidence(qtbot, processors_page) -> None:
    _, page, school_id = processors_page
    tom = toms.list_toms(page.ctx, school_id)[0]
    page.open_tom(tom)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.status.setCurrentIndex(dialog.status.findData("planned"))
    type_date(qtbot, dialog.due, "31.1.27")
    dialog.evidence.setCurrentIndex(dialog.evidence.findData("iso27001"))
    dialog.evidence_reference.setText("Zertifikat Nr. 123, TÜV")
    type_date(qtbot, dialog.evidence_valid, "31.05.2028")
    qtbot.mouseClick(
        dialog.findChild(type(dialog.attachments.buttons[0]), "saveTomButton"), Qt.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    stored = next(t for t in toms.list_toms(page.ctx, school_id) if t.id == tom.id)
    assert (stored.status, stored.due_on) == ("planned", date(2027, 1, 31))
    assert (stored.evidence_kind, stored.evidence_valid_until) == ("iso27001", date(2028, 5, 31))


def test_entry_details_attachment_and_named_approver(qtbot, register, tmp_path) -> None:
    _, page, school_id = register
    homepage = activities.find_activity(page.ctx, school_id, "homepage")
    page.open_activity(homepage.id)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.tabs.setCurrentIndex(4)
    dialog.w["data_source"].setText("Fotos und Texte der Lehrkräfte")
    dialog.w["hosting_location"].setText("Webhoster in Frankfurt am Main")
    dialog.w["systems"].setPlainText("WordPress\nKontaktformular\n")
    dialog.tabs.setCurrentIndex(6)
    annex = tmp_path / "Impressum.txt"
    annex.write_text("Impressum", encoding="utf-8")
    assert dialog.attachments.attach(annex)
    dialog.tabs.setCurrentIndex(5)
    dialog.approved_by.setText("Dr. Ada Beispiel")
    dialog.approved_role.setText("stellv. Schulleiterin")
    qtbot.mouseClick(dialog.release_button, Qt.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    stored = activities.get_activity(page.ctx, homepage.id)
    assert stored.data.hosting_location == "Webhoster in Frankfurt am Main"
    assert stored.data.systems == ["WordPress", "Kontaktformular"]
    assert stored.data.data_source == "Fotos und Texte der Lehrkräfte"
    latest = list_versions(page.ctx, homepage.id)[-1]
    assert (latest.approved_by, latest.approved_role) == (
        "Dr. Ada Beispiel",
        "stellv. Schulleiterin",
    )
    assert [
        a.file_name for a in attachments.list_attachments(page.ctx, "activity", homepage.id)
    ] == ["Impressum.txt"]


def visible_names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_archive_and_take_back_into_use(qtbot, register) -> None:
    _, page, school_id = register
    page.search.setText("Schulhomepage")
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "archiveActivityButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.mouseClick(dialog.findChild(type(page.buttons[0]), "archiveConfirmButton"), Qt.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Grund: Bitte angeben")
    qtbot.keyClicks(dialog.reason, "Neue Homepage beim Landkreis")
    qtbot.mouseClick(dialog.findChild(type(page.buttons[0]), "archiveConfirmButton"), Qt.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: visible_names(page) == [], timeout=3000)
    page.status_filter.setCurrentIndex(page.status_filter.findText("Archiviert"))
    assert visible_names(page) == ["Schulhomepage mit Fotos"]
    homepage = activities.find_activity(page.ctx, school_id, "homepage")
    assert activities.get_activity(page.ctx, homepage.id).archive_reason == (
        "Neue Homepage beim Landkreis"
    )
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "archiveActivityButton"), Qt.LeftButton)
    box = page.dialog
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.Yes), Qt.LeftButton)
    qtbot.waitUntil(lambda: visible_names(page) == [], timeout=3000)
    assert activities.get_activity(page.ctx, homepage.id).archived_on is None


def test_an_entry_with_an_open_dsfa_is_not_archived(qtbot, register) -> None:
    _, page, school_id = register
    page.search.setText("Videokonferenz")
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "archiveActivityButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.keyClicks(dialog.reason, "Kein Unterricht mehr per Video")
    qtbot.mouseClick(dialog.findChild(type(page.buttons[0]), "archiveConfirmButton"), Qt.LeftButton)
    assert dialog.isVisible()
    assert "Folgenabschätzung (Version 1) ist noch offen" in dialog.error.text()
    video = activities.find_activity(page.ctx, school_id, "videokonferenz")
    assert activities.get_activity(page.ctx, video.id).archived_on is None


def test_the_retention_setting_proposes_the_keep_until_date(qtbot, register) -> None:
    window, page, _ = register
    settings_page = window.page("settingsPage")
    window.show_page(window.pages.index(settings_page))
    qtbot.waitUntil(settings_page.isVisible, timeout=3000)
    box = settings_page.retention_settings
    box.years.setValue(5)
    qtbot.mouseClick(box.findChild(type(page.buttons[0]), "saveRetentionButton"), Qt.LeftButton)
    window.show_page(window.pages.index(page))
    page.search.setText("Schulhomepage")
    page.table.selectRow(0)
    qtbot.mouseClick(page.findChild(type(page.buttons[0]), "archiveActivityButton"), Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    archived_on, until = dialog.archived_on.value(), dialog.retain_until.value()
    assert until.year - archived_on.year == 5
    assert until == archive.default_retain_until(page.ctx, archived_on)


def test_a_missing_contract_file_finding_opens_the_attach_button(qtbot, register) -> None:
    _, page, _ = register
    finding = next(
        page.findings_proxy.item_at(page.findings_proxy.index(r, 0))
        for r in range(page.findings_proxy.rowCount())
        if page.findings_proxy.item_at(page.findings_proxy.index(r, 0)).field == "contract_file"
    )
    page.open_finding(finding)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.tabs.currentWidget() is dialog.contract
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.contract.attach_button, timeout=3000)


def test_findings_open_the_dsfa_page_and_the_measure(qtbot, register) -> None:
    window, page, school_id = register
    late = toms.list_toms(page.ctx, school_id)[0]
    data = TomData(
        late.title,
        late.description,
        late.protection_goal,
        late.control_type,
        late.processor_id,
        "planned",
        date(2026, 1, 31),
    )
    window.signals.operations.announce(toms.update_tom(page.ctx, late.id, data))

    def findings():
        proxy = page.findings_proxy
        return [proxy.item_at(proxy.index(r, 0)) for r in range(proxy.rowCount())]

    qtbot.waitUntil(lambda: any(f.entity_type == "tom" for f in findings()), timeout=3000)
    dsfa_finding = next(f for f in findings() if f.entity_type == "dsfa")
    tom_finding = next(f for f in findings() if f.entity_type == "tom")
    assert tom_finding.entity_id == late.id
    page.open_finding(dsfa_finding)
    dsfa_page = window.page("dsfaPage")
    qtbot.waitUntil(dsfa_page.isVisible, timeout=3000)
    assert dsfa_page.activity.currentData() == dsfa_finding.entity_id
    window.show_page(window.pages.index(page))
    page.open_finding(tom_finding)
    measures = window.page("processorsPage")  # a measure is fixed on its own page
    qtbot.waitUntil(measures.isVisible, timeout=3000)
    qtbot.waitUntil(
        lambda: measures.dialog is not None and measures.dialog.isVisible(), timeout=3000
    )
    assert measures.dialog.objectName() == "tomDialog"
    assert measures.dialog.tom_id == late.id
