"""Two app windows on the same data file record the same class at once: nothing is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dpo_desk.services.consent.history import student_history
from dpo_desk.services.consent.overview import template_status
from dpo_desk.ui.main_window import MainWindow
from tests.services.consent_support import fill_school


def _recording_grid(qtbot, window: MainWindow):
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)  # Einwilligungen, by keyboard
    page = window.page("consentPage")
    assert window.current_page() is page
    recorder = page.recorder
    recorder.class_box.setCurrentIndex(recorder.class_box.findData("7b"))
    recorder.grid.setFocus()
    return recorder


def test_two_windows_record_the_same_class_without_losing_an_entry(
    qtbot, ctx, school_id, tmp_path: Path, open_window
) -> None:
    ids = fill_school(ctx, school_id, tmp_path)
    first = _recording_grid(qtbot, open_window())
    second = _recording_grid(qtbot, open_window())
    qtbot.keyClicks(first.grid, "jju")  # Çelik in the first window
    qtbot.keyClicks(second.grid, "jnu")  # Çelik again in the second, which had not seen it
    qtbot.keyClicks(second.grid, "nnu")  # Nguyễn in the second
    qtbot.keyClicks(first.grid, "jju")  # Nguyễn in the first
    history = student_history(ctx, school_id, ids["Çelik"])
    assert [(h.kind, h.in_force) for h in history] == [("form", True), ("form", True)]
    assert len(student_history(ctx, school_id, ids["Nguyễn"])) == 2
    status = {r.last_name: r for r in template_status(ctx, school_id, "videokonferenzen").rows}
    assert status["Çelik"].state("video").value == "refused"  # the later form decides
    assert status["Nguyễn"].state("video").value == "granted"
