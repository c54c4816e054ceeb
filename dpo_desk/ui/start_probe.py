"""Start-up probe for the build's smoke test and start-up timing (packaging/smoke_test.py).

With ``DPO_DESK_STARTUP_PROBE=<file>`` set, the GUI notes when its window frame and then its
pages with the data were painted, writes these times and a few facts about the running app
as JSON to ``<file>`` and quits. It records nothing about the data itself.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from dpo_desk.ui.main_window import MainWindow

PROBE_ENV = "DPO_DESK_STARTUP_PROBE"


class StartupProbe(QObject):
    def __init__(self, window: MainWindow, target: Path) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self.frame_painted: float | None = None
        window.installEventFilter(self)

    @classmethod
    def from_environment(cls, window: MainWindow) -> StartupProbe | None:
        target = os.environ.get(PROBE_ENV)
        return cls(window, Path(target)) if target else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint and self.frame_painted is None:
            self.frame_painted = time.time()
        return False

    def data_shown(self) -> None:
        """Called once the pages are attached: paint them, write the figures, quit."""
        self.window.repaint()
        ready = time.time()
        from dpo_desk.licences import dependency_names

        app = QApplication.instance()
        facts = {
            "frame_painted": self.frame_painted or ready,
            "data_painted": ready,
            "title": self.window.windowTitle(),
            "pages": self.window.navigation.count(),
            "icon": not app.windowIcon().isNull(),
            "version": app.applicationVersion(),
            "libraries": dependency_names(),
            # Qt's own texts in German: the translations made it into the build.
            "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
        }
        self.target.write_text(json.dumps(facts), encoding="utf-8")
        app.exit(0)
