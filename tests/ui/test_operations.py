"""One way to change data, as a user meets it in the window: one editor per record, a stale
save refused across two windows, only the affected pages reload, half-done input kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox

from dpo_desk.services.register import activities
from dpo_desk.ui.common.failures import StaleEditDialog
from dpo_desk.ui.register.activity_dialog import ActivityDialog


def _show_page(qtbot, window, object_name: str):
    page = window.page(object_name)
    window.show_page(window.pages.index(page))
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return page


def _large_school(window) -> int:
    school_id = window.school_switcher.itemData(
        next(
            i
            for i in range(window.school_switcher.count())
            if "Rheinblick" in window.school_switcher.itemText(i)
        )
    )
    window.select_school(school_id)
    return school_id


def _answer_next_modal(qtbot, answer: Callable[[QDialog], None]) -> list[str]:
    seen: list[str] = []

    def handle() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, handle)
            return
        seen.append(modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle())
        answer(modal)

    QTimer.singleShot(0, handle)
    return seen


def test_recording_forms_reloads_no_other_page(qtbot, open_window, demo) -> None:
    window = open_window()
    _large_school(window)
    others = {name: window.page(name) for name in ("registerPage", "dsfaPage", "rosterPage")}
    for page in others.values():  # each has shown the school once
        _show_page(qtbot, window, page.objectName())
    consent = _show_page(qtbot, window, "consentPage")
    reloads = {name: 0 for name in [*others, "consentPage"]}
    for name, page in [*others.items(), ("consentPage", consent)]:
        page.refreshed.connect(lambda n=name: reloads.__setitem__(n, reloads[n] + 1))
    consent.choose_template("videokonferenzen")  # Audio and Video: "jj" answers both
    recorder = consent.recorder
    recorder.grid.setFocus()
    rows = recorder.model.rowCount()
    assert rows >= 20
    decided: list[str] = []

    def decide() -> None:
        """Demo revocations the dates cannot order: this form is the newer declaration."""
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "consentDecision":
            decided.append(box.text())
            box.findChild(QAbstractButton, "consentDecisionEntry").click()
        if len(recorder.undo_stack) < rows:
            QTimer.singleShot(20, decide)

    QTimer.singleShot(0, decide)
    for _row in range(rows):
        qtbot.keyClicks(recorder.grid, "jju")
    assert len(recorder.undo_stack) == rows  # the whole class stored, form by form
    assert all("Widerruf" in text for text in decided)
    assert reloads == {name: 0 for name in reloads}


def test_enter_and_double_click_open_one_editor_per_record(qtbot, open_window, demo) -> None:
    window = open_window()
    _large_school(window)
    page = _show_page(qtbot, window, "registerPage")
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key_Return)
    first = page.dialog
    qtbot.waitUntil(first.isVisible, timeout=3000)
    rect = page.table.visualRect(page.proxy.index(0, 0))
    qtbot.mouseDClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert page.dialog is first
    shown = window.signals.operations.editors.shown()
    assert [d for d in shown if isinstance(d, ActivityDialog)] == [first]
    first.reject()


def test_a_stale_save_in_a_second_window_is_refused_and_can_reload(
    qtbot, open_window, demo
) -> None:
    one, two = open_window(), open_window()
    school_id = _large_school(one)
    _large_school(two)
    entry = activities.find_activity(one.ctx, school_id, "lernplattform")
    dialogs = []
    for window in (one, two):
        page = _show_page(qtbot, window, "registerPage")
        page.open_activity(entry.id)
        qtbot.waitUntil(page.dialog.isVisible, timeout=3000)
        dialogs.append(page.dialog)
    first, second = dialogs
    assert first is not second  # two windows: two processes' worth of editors
    one.ctx._actor = "Frau Berger"
    first.w["purposes"].setPlainText("Unterricht und Hausaufgaben")
    qtbot.mouseClick(first.save_button, Qt.LeftButton)
    assert not first.isVisible()
    second.w["purposes"].setPlainText("Nur Unterricht")
    qtbot.mouseClick(second.save_button, Qt.LeftButton)
    stale = two.signals.operations.last_problem
    assert isinstance(stale, StaleEditDialog)
    qtbot.waitUntil(stale.isVisible, timeout=3000)
    assert "Frau Berger" in stale.stale.message
    differences = stale.table
    assert differences.item(0, 0).text() == "Zwecke der Verarbeitung"
    assert differences.item(0, 1).text() == "Unterricht und Hausaufgaben"
    assert differences.item(0, 2).text() == "Nur Unterricht"
    assert second.isVisible()  # nothing lost yet: the input is still there
    stored = activities.get_activity(two.ctx, entry.id).data.purposes
    assert stored == "Unterricht und Hausaufgaben"
    qtbot.mouseClick(stale.reload_button, Qt.LeftButton)
    assert second.w["purposes"].toPlainText() == "Unterricht und Hausaufgaben"
    second.w["notes"].setPlainText("Nach dem Neuladen ergänzt")
    qtbot.mouseClick(second.save_button, Qt.LeftButton)
    saved = activities.get_activity(two.ctx, entry.id).data
    assert (saved.purposes, saved.notes) == (
        "Unterricht und Hausaufgaben",
        "Nach dem Neuladen ergänzt",
    )


def test_saving_a_record_deleted_meanwhile_says_so(qtbot, open_window, demo) -> None:
    window = open_window()
    school_id = _large_school(window)
    page = _show_page(qtbot, window, "registerPage")
    # A never-released entry (a released one is archived, not deleted).
    entry = next(
        a for a in activities.list_activities(window.ctx, school_id) if not a.released_version
    )
    page.open_activity(entry.id)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    activities.delete_activity(window.ctx, entry.id)
    dialog.w["notes"].setPlainText("zu spät")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    box = window.signals.operations.last_problem
    assert isinstance(box, QMessageBox)
    assert "inzwischen gelöscht" in box.text() and "Nichts wurde gespeichert" in box.text()
    box.button(QMessageBox.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert entry.id not in {a.id for a in activities.list_activities(window.ctx, school_id)}


def test_esc_forgets_a_half_typed_row(qtbot, open_window, demo) -> None:
    window = open_window()
    _large_school(window)
    consent = _show_page(qtbot, window, "consentPage")
    recorder = consent.recorder
    recorder.grid.setFocus()
    qtbot.keyClicks(recorder.grid, "j")
    assert recorder.unsaved_work() is not None
    qtbot.keyClick(recorder.grid, Qt.Key_Escape)
    assert recorder.unsaved_work() is None
    assert recorder.model.rows[0].pending == {}


def test_closing_with_a_half_typed_row_asks_first(qtbot, open_window, demo) -> None:
    window = open_window()
    _large_school(window)
    consent = _show_page(qtbot, window, "consentPage")
    consent.recorder.grid.setFocus()
    qtbot.keyClicks(consent.recorder.grid, "jn")

    def keep_editing(box) -> None:
        box.button(QMessageBox.No).click()

    seen = _answer_next_modal(qtbot, keep_editing)
    window.close()
    assert window.isVisible()
    assert "Noch nicht gespeichert" in seen[0] and "Erfassung Klasse" in seen[0]

    def discard(box) -> None:
        box.button(QMessageBox.Yes).click()

    _answer_next_modal(qtbot, discard)
    window.close()
    assert not window.isVisible()


def test_switching_school_with_an_unsaved_profile_asks_first(qtbot, open_window, demo) -> None:
    window = open_window()
    school_id = _large_school(window)
    settings_page = _show_page(qtbot, window, "settingsPage")
    settings_page.form.editor("town").setText("Bonn")

    def keep_editing(box) -> None:
        assert "Schulprofil" in box.text()
        box.button(QMessageBox.No).click()

    _answer_next_modal(qtbot, keep_editing)
    other = next(
        i
        for i in range(window.school_switcher.count())
        if window.school_switcher.itemData(i) != school_id
    )
    window.school_switcher.setCurrentIndex(other)
    assert window.current_school_id() == school_id
    assert settings_page.form.editor("town").text() == "Bonn"


def test_a_save_made_stale_by_another_process_is_refused(qtbot, open_window, demo) -> None:
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    window = open_window()
    school_id = _large_school(window)
    entry = activities.find_activity(window.ctx, school_id, "lernplattform")
    page = _show_page(qtbot, window, "registerPage")
    page.open_activity(entry.id)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    script = textwrap.dedent(
        f"""
        from dataclasses import replace
        from dpo_desk.app import open_app
        from dpo_desk.services.register import activities
        ctx = open_app({str(window.ctx.paths.data_dir)!r})
        ctx._actor = "Schulleitung Yıldız"
        entry = activities.get_activity(ctx, {entry.id})
        activities.update_activity(ctx, entry.id, replace(entry.data, notes="anderswo"))
        ctx.db.close()
        """
    )
    other = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert other.returncode == 0, other.stderr
    dialog.w["notes"].setPlainText("hier")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    stale = window.signals.operations.last_problem
    assert isinstance(stale, StaleEditDialog)
    assert "Schulleitung Yıldız" in stale.stale.message
    assert activities.get_activity(window.ctx, entry.id).data.notes == "anderswo"
