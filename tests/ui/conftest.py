from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from dpo_desk.app import open_app
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.common.application import prepare_application
from dpo_desk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from dpo_desk.ui.safety.panel import DataSafetyPanel


@pytest.fixture(scope="session", autouse=True)
def _prepared_application(qapp):
    """The test application speaks German and guards the wheel, as the app does at start."""
    prepare_application(qapp)
    return qapp


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):
    """After pytest-qt closed the test's widgets, really delete them.

    pytest-qt calls ``deleteLater`` outside any event loop; Qt would run those deletions in
    the next test's first wait, where a previous window's timers (an idle lock, say) could
    still fire and act on the new test's windows.
    """
    yield
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture
def open_window(qtbot, data_dir) -> Iterator[Callable[[], MainWindow]]:
    """Opens the app on the test's data folder like a fresh start; closes it afterwards."""
    opened: list[tuple[MainWindow, ServiceContext]] = []

    def _open() -> MainWindow:
        ctx = open_app(str(data_dir))
        window = MainWindow(ctx)
        # At the end of a test the window closes without asking about half-entered work.
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "ask_before_closing", False))
        window.show()
        window.activateWindow()
        # Keyboard shortcuts only reach the active window, as on a real desktop.
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        opened.append((window, ctx))
        return window

    yield _open
    for window, ctx in opened:
        window.ask_before_closing = False
        window.close()
        ctx.db.close()


@pytest.fixture
def panel(qtbot, ctx: ServiceContext, school_id: int) -> Iterator[DataSafetyPanel]:
    """The data safety panel on a database with one school; status messages collected."""
    from dpo_desk.ui.safety.panel import DataSafetyPanel
    from dpo_desk.ui.signals import AppSignals

    signals = AppSignals()
    widget = DataSafetyPanel(ctx, signals)
    widget.messages = []  # type: ignore[attr-defined]
    signals.status_message.connect(widget.messages.append)  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.show()
    yield widget
