"""The app as the desktop meets it: one identity for Qt and the data folder, its icon, a real
start from source until the main window is painted, and the windowed program's arguments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from dpo_desk import APP_AUTHOR, APP_ID, APP_NAME, __version__
from dpo_desk.cli.main import _window_arguments
from dpo_desk.paths import DATA_DIR_ENV, AppPaths
from dpo_desk.ui.about.identity import apply_identity
from dpo_desk.ui.pages import PAGES
from dpo_desk.ui.start_probe import PROBE_ENV

ROOT = Path(__file__).resolve().parents[2]


def test_qt_and_the_data_folder_share_one_identity(qtbot, monkeypatch) -> None:
    app = QApplication.instance()
    apply_identity(app, translate=False)  # Qt's German texts are checked in the real start
    assert (app.applicationName(), app.organizationName()) == (APP_NAME, APP_AUTHOR)
    assert app.applicationVersion() == __version__
    assert app.desktopFileName() == APP_ID
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    qt_folder = platformdirs.user_data_dir(app.applicationName(), app.organizationName())
    assert AppPaths.resolve(None).data_dir == Path(qt_folder)
    sizes = app.windowIcon().availableSizes()
    assert QSize(16, 16) in sizes and QSize(256, 256) in sizes


def test_the_app_starts_from_source_until_its_window_shows_the_data(
    tmp_path: Path, prepared
) -> None:
    folder = tmp_path / "daten"
    prepared.install("demo", folder)
    report = tmp_path / "start.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{PROBE_ENV: str(report)})
    env.pop(DATA_DIR_ENV, None)
    result = subprocess.run(
        [sys.executable, "-m", "dpo_desk", "--data-dir", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(report.read_text(encoding="utf-8"))
    assert facts["pages"] == len(PAGES)  # every page in the navigation
    assert "Gesamtschule Rheinblick" in facts["title"]
    assert facts["icon"] is True and facts["version"] == __version__
    assert facts["qt_cancel"] == "Abbrechen"  # Qt's own buttons speak German
    assert "PySide6" in facts["libraries"] and "reportlab" in facts["libraries"]
    assert facts["data_painted"] >= facts["frame_painted"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], (True, None)),
        (["--data-dir", "D:/Schule"], (True, "D:/Schule")),
        (["--data-dir=D:/Schule"], (True, "D:/Schule")),
        (["-psn_0_12345"], (True, None)),
        (["demo"], (False, None)),
        (["--data-dir", "D:/Schule", "check"], (False, None)),
    ],
)
def test_the_windowed_program_takes_only_a_data_folder(arguments, expected) -> None:
    """Without a console, anything else is a command for dpo-desk-cli."""
    assert _window_arguments(arguments) == expected
