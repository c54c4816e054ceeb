"""Start the GUI: application object, error handling, database, main window."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dpo_desk import __version__

if TYPE_CHECKING:
    from dpo_desk.services.context import ServiceContext
    from dpo_desk.ui.main_window import MainWindow


def _qt_app() -> QApplication:
    """The application object, with Qt's German texts and the wheel rule."""
    from dpo_desk.ui.common.application import prepare_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("dpo_desk")
    app.setApplicationDisplayName("dpo_desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("dpo_desk")
    prepare_application(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def open_data(window: MainWindow, data_dir: str | None) -> ServiceContext | None:
    """Open the database into a painted window frame; None when the user gives up."""
    from dpo_desk.paths import DataDirError
    from dpo_desk.store.database import DatabaseError
    from dpo_desk.ui.safety.start import open_context_gui, start_safety

    try:
        ctx = open_context_gui(data_dir, window)  # asks for the passphrase if encrypted
    except (DataDirError, DatabaseError) as exc:
        QMessageBox.critical(window, "dpo_desk kann nicht starten", str(exc))
        return None
    if ctx is None:  # passphrase cancelled or too many wrong tries
        return None
    window.attach(ctx)
    start_safety(window, ctx, window.signals)  # daily backup, quick check, auto-lock
    return ctx


def run_gui(data_dir: str | None = None) -> int:
    """Paint the window frame first, then open the data (see MainWindow)."""
    from dpo_desk.paths import AppPaths
    from dpo_desk.ui.errors import install_excepthook
    from dpo_desk.ui.main_window import MainWindow

    app = _qt_app()
    install_excepthook()
    window = MainWindow(data_dir=AppPaths.resolve(data_dir).data_dir)
    window.show()
    opened: list[ServiceContext] = []

    def start() -> None:
        ctx = open_data(window, data_dir)
        if ctx is None:
            app.exit(1)
        else:
            opened.append(ctx)

    QTimer.singleShot(0, start)
    try:
        return app.exec()
    finally:
        for ctx in opened:
            ctx.db.close()
