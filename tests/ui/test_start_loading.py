"""The start as a user meets it: the first page shows its data before the heavy parts of the
program are loaded, and the rest follows without blocking the window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from dpo_desk.ui.app import open_data
from dpo_desk.ui.main_window import MainWindow
from dpo_desk.ui.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_each_navigation_entry_names_its_page_as_the_page_itself_does() -> None:
    for entry in PAGES:
        page_class = entry.load()
        assert (entry.title, entry.object_name) == (page_class.title, page_class.object_name)


def test_the_window_builds_a_page_only_when_it_is_first_shown(open_window) -> None:
    window = open_window()
    built = window._pages.built
    assert [page.objectName() for page in built.values()] == ["overviewPage"]
    window.show_page(PAGES.index(next(e for e in PAGES if e.object_name == "rosterPage")))
    assert window.current_page().objectName() == "rosterPage"
    assert len(window._pages.built) == 2
    assert [p.objectName() for p in window.pages] == [e.object_name for e in PAGES]


def test_the_start_shows_the_school_then_loads_the_rest_and_starts_the_safety_checks(
    qtbot, demo, ctx
) -> None:
    window = MainWindow(data_dir=ctx.paths.data_dir)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        opened = open_data(window, str(ctx.paths.data_dir))
        summary = window.page("overviewPage").summary.text()
        assert window.school_switcher.currentText().split(" (")[0] in summary
    assert hasattr(window, "idle_lock") and hasattr(window, "daily_backup")
    banner = window.statusBar().findChild(QLabel, "backupStatusBanner")
    assert banner is not None and "Datensicherung" in banner.text()
    window.close()
    opened.db.close()


@pytest.mark.timeout(120)
def test_the_first_page_shows_its_data_without_loading_sqlalchemy(ctx, demo) -> None:
    """SQLAlchemy and the models cost more start-up time than all the rest of the first
    screen; a fresh process shows the demo school's overview without them."""
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtWidgets import QApplication
        from dpo_desk.app import open_app
        from dpo_desk.ui.main_window import MainWindow
        app = QApplication([])
        ctx = open_app({str(ctx.paths.data_dir)!r})
        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        text = window.page("overviewPage").summary.text()
        print("sqlalchemy" in sys.modules, window.school_switcher.count(), bool(text))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=100
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "2", "True"]


@pytest.mark.timeout(120)
def test_pyside_does_not_keep_the_source_of_every_module_imported_after_it() -> None:
    script = textwrap.dedent(
        """
        import linecache
        import dpo_desk.ui.main_window
        import dpo_desk.services.consent.overview
        print(sum(1 for name in linecache.cache if name.endswith(".py")))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=100
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 10  # PySide's own few; was several hundred (all of SQLAlchemy)
