"""Änderungsprotokoll: filtered as you type (person, area, school, days, one record), each
entry's values before and after side by side, the filtered list exported, the chain checked
and a tampered entry named."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dpo_desk.services.roster import students as roster
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.schools import create_school
from dpo_desk.services.settings import set_person
from dpo_desk.ui.audit.page import AuditLogPage
from dpo_desk.ui.signals import AppSignals
from tests.conftest import sample_profile


@pytest.fixture
def page(qtbot, ctx, school_id, tmp_path) -> AuditLogPage:
    set_person(ctx, "Frau Berg", "Sekretariat")
    path = tmp_path / "l.csv"
    path.write_text(
        "Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse\n"
        "1;Yılmaz;Elif;03.04.2014;7b\n2;Nowak;Jan;01.02.2013;8a\n",
        encoding="utf-8",
    )
    apply_import(ctx, prepare_import(ctx, school_id, path, "2026/27"))
    create_school(ctx, sample_profile(name="Zweite Schule", school_number="999"))
    set_person(ctx, "Herr Kaya", "Schulleitung")
    ctx.forget_actor()
    student = next(s for s in roster.list_students(ctx, school_id) if s.last_name == "Nowak")
    detail = roster.get_student(ctx, student.id)
    edit = roster.StudentEdit(
        "Nowak-Weiß", detail.first_names, detail.birth_date, "2", "", "", "8a"
    )
    roster.update_student(ctx, student.id, edit, detail.row_version)
    widget = AuditLogPage(ctx, AppSignals())
    qtbot.addWidget(widget)
    widget.resize(1000, 560)
    widget.set_school(school_id)
    widget.show()
    return widget


def cells(page: AuditLogPage, column: int) -> list[str]:
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_the_school_of_the_window_is_chosen_and_all_schools_can_be_shown(qtbot, page) -> None:
    assert set(cells(page, 2)) == {"Testschule am See"}
    page.filters.school.setFocus()
    page.filters.school.setCurrentIndex(0)
    assert "Zweite Schule" in cells(page, 2)
    assert page.count_label.text().startswith(f"{page.model.rowCount()} von ")


def test_typing_filters_and_enter_shows_old_and_new_side_by_side(qtbot, page) -> None:
    qtbot.keyClicks(page.filters.search, "weiss kaya")
    assert cells(page, 1) == ["Herr Kaya (Schulleitung)"]
    qtbot.keyClick(page.filters.search, Qt.Key_Return)
    assert page.table.hasFocus()
    row = [page.details.index(0, c).data() for c in range(3)]
    assert row == ["Nachname", "Nowak", "Nowak-Weiß"]
    assert "Herr Kaya (Schulleitung)" in page.detail_label.text()
    assert "Schüler/in „Nowak-Weiß, Jan“" in page.detail_label.text()


def test_person_and_day_filters(qtbot, page) -> None:
    combo = page.filters.actor
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("Frau Berg (Sekretariat)"))
    assert set(cells(page, 1)) == {"Frau Berg (Sekretariat)"}
    qtbot.keyClicks(page.filters.until, "01.01.2000")
    assert page.model.rowCount() == 0
    page.filters.until.clear()
    qtbot.keyClicks(page.filters.until, "31.02.")  # half typed: ignored, marked
    assert page.model.rowCount() > 0 and page.filters.until.styleSheet()
    qtbot.mouseClick(page.filters.reset_button, Qt.LeftButton)
    assert page.filters.actor.currentIndex() == 0 and page.filters.until.text() == ""


def test_only_this_record_shows_its_history(qtbot, page) -> None:
    qtbot.keyClicks(page.filters.search, "nowak-weiss")
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.mouseClick(page.only_record, Qt.LeftButton)
    page.filters.search.clear()
    assert set(cells(page, 4)) == {"Schüler/in „Nowak-Weiß, Jan“"}
    assert cells(page, 5) == ["geändert", "angelegt"]
    assert page.filters.record_row.isVisible()
    qtbot.mouseClick(page.filters.clear_record, Qt.LeftButton)
    assert len(set(cells(page, 4))) > 1


def test_export_writes_what_is_shown(qtbot, page, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "protokoll.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClicks(page.filters.search, "weiss kaya")
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][-3:] == ("Nachname", "Nowak", "Nowak-Weiß")


def test_checking_the_chain_names_a_tampered_entry(qtbot, page, data_dir) -> None:
    qtbot.mouseClick(page.verify_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "chain_message", None) is not None, timeout=10000)
    assert page.chain_message.objectName() == "auditChainIntact"
    assert "Kettenende" in page.chain_message.text()
    page.chain_message.close()
    with closing(sqlite3.connect(data_dir / "dpo_desk.sqlite")) as conn, conn:
        conn.execute("UPDATE audit_event SET actor = 'Niemand' WHERE id = 3")
    page.chain_message = None
    qtbot.mouseClick(page.verify_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "chain_message", None) is not None, timeout=10000)
    box = page.chain_message
    assert box.objectName() == "auditChainBroken" and box.icon() == QMessageBox.Warning
    assert "Protokolleintrag 3 wurde nachträglich verändert" in box.text()


def test_a_write_elsewhere_appears_when_the_page_is_shown(qtbot, page, ctx, school_id) -> None:
    from dpo_desk.services.schools import get_profile, update_school

    before = len(page.model.rows)
    profile = get_profile(ctx, school_id)
    changes = update_school(
        ctx, school_id, type(profile)(**(profile.as_dict() | {"phone": "0221 5"}))
    ).changes
    page.operations.announce(changes)
    assert len(page.model.rows) == before + 1
    page.model.forget()
    assert page.model.rowCount() == 0
