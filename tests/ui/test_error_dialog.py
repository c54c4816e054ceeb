"""Unexpected errors: the dialog's details and the log name the error's type and the code
locations, never its message (which may quote a name)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dpo_desk.ui.errors import handle_exception


def _fail_with_a_name() -> None:
    try:
        int("Müller, Anna")
    except ValueError as exc:
        raise RuntimeError("Speichern von Müller, Anna gescheitert") from exc


def test_details_and_log_show_type_and_places_only(qtbot, caplog) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        seen.append(box.detailedText())
        box.accept()

    try:
        _fail_with_a_name()
    except RuntimeError as exc:
        QTimer.singleShot(0, read_and_close)
        with caplog.at_level(logging.ERROR, logger="dpo_desk.ui"):
            handle_exception(type(exc), exc, exc.__traceback__)
    details = seen[0]
    assert "builtins.RuntimeError" in details and "builtins.ValueError" in details
    assert "test_error_dialog.py" in details and "_fail_with_a_name" in details
    assert "Müller" not in details and "Anna" not in details
    assert "Müller" not in caplog.text and "RuntimeError" in caplog.text
