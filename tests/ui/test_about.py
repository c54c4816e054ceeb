"""„Über dpo_desk“ from the tool bar, and the notice after an update that carried the data over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTreeWidget

from dpo_desk import __version__
from dpo_desk.paths import DATABASE_FILENAME
from dpo_desk.ui.about.dialog import AboutDialog
from dpo_desk.ui.about.update_notice import LAST_VERSION_KEY
from dpo_desk.ui.app import open_data
from dpo_desk.ui.main_window import MainWindow

STORED = Path(__file__).resolve().parents[1] / "data" / "schema_0004_dsfa.sqlite"


def test_about_dialog_shows_version_licence_and_the_bundled_licences(qtbot, open_window) -> None:
    window = open_window()
    seen: dict[str, object] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):
            QTimer.singleShot(20, inspect)
            return
        try:
            seen["text"] = dialog.findChild(QLabel, "aboutText").text()
            tree = dialog.findChild(QTreeWidget, "libraryList")
            rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
            seen["rows"] = {row.text(0): row.text(2) for row in rows}
            seen["icon"] = not dialog.findChild(QLabel, "aboutIcon").pixmap().isNull()
            dialog.tabs.setFocus()
            for _ in range(2):  # to „Lizenztexte“ by keyboard
                qtbot.keyClick(dialog.tabs, Qt.Key_Tab, Qt.ControlModifier)
            seen["texts"] = dialog.licence_texts.toPlainText()
        finally:
            qtbot.keyClick(dialog, Qt.Key_Escape)

    QTimer.singleShot(0, inspect)
    qtbot.mouseClick(window.about_button, Qt.LeftButton)
    assert f"Version: {__version__}" in seen["text"]
    assert "Lizenz: Proprietary" in seen["text"]
    assert str(window.ctx.paths.data_dir) in seen["text"]
    assert seen["icon"] is True
    assert seen["rows"]["PySide6"].startswith("LGPL-3.0")
    assert seen["rows"]["SQLAlchemy"] == "MIT"
    assert any(name.startswith("DejaVu Sans") for name in seen["rows"])
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in seen["texts"]
    assert "Bitstream Vera" in seen["texts"]


def _start(qtbot, folder: Path) -> tuple[MainWindow, str | None]:
    """One start of the GUI on ``folder``: the frame, then the data (as run_gui does)."""
    window = MainWindow(data_dir=folder)
    qtbot.addWidget(window)
    window.show()
    ctx = open_data(window, str(folder))
    assert ctx is not None
    notice = window.findChild(QMessageBox, "updateNotice")
    shown = notice if notice is not None and notice.isVisible() else None
    text = shown.text() if shown else None
    if shown:
        qtbot.mouseClick(shown.button(QMessageBox.Ok), Qt.LeftButton)
    window.close()
    ctx.db.close()
    return window, text


@pytest.mark.no_database
def test_the_first_start_after_an_update_says_once_that_the_data_was_carried_over(
    qtbot, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    shutil.copy(STORED, data_dir / DATABASE_FILENAME)  # data of an older version

    window, text = _start(qtbot, data_dir)
    assert text is not None
    assert f"dpo_desk {__version__} ist installiert" in text
    assert "geprüfte Sicherung" in text
    backup = Path(next(line for line in text.splitlines() if "vor-update" in line))
    assert backup.is_file() and backup.parent == data_dir / "backups"

    _, again = _start(qtbot, data_dir)
    assert again is None  # said once

    window.settings.setValue(LAST_VERSION_KEY, "0.0.9")  # as an older version left it
    window.settings.sync()
    _, newer = _start(qtbot, data_dir)
    assert newer is not None
    assert f"von Version 0.0.9 auf {__version__} aktualisiert" in newer
    assert "unverändert übernommen" in newer
