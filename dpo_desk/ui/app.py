"""Start the GUI: application object, error handling, database, main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dpo_desk import __version__


def _qt_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("dpo_desk")
    app.setApplicationDisplayName("dpo_desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("dpo_desk")
    return app  # type: ignore[return-value]


def run_gui(data_dir: str | None = None) -> int:
    """Paint the window frame first, then open the data (see MainWindow)."""
    from dpo_desk.paths import AppPaths
    from dpo_desk.ui.errors import install_excepthook
    from dpo_desk.ui.main_window import MainWindow

    app = _qt_app()
    install_excepthook()
    window = MainWindow(data_dir=AppPaths.resolve(data_dir).data_dir)
    window.show()
    opened: list = []

    def open_data() -> None:
        from dpo_desk.paths import DataDirError
        from dpo_desk.store.database import DatabaseError
        from dpo_desk.ui.safety_start import open_context_gui, start_safety

        try:
            ctx = open_context_gui(data_dir, window)  # asks for the passphrase if encrypted
        except (DataDirError, DatabaseError) as exc:
            QMessageBox.critical(window, "dpo_desk kann nicht starten", str(exc))
            app.exit(1)
            return
        if ctx is None:  # passphrase cancelled or too many wrong tries
            app.exit(1)
            return
        opened.append(ctx)
        window.attach(ctx)
        start_safety(window, ctx, window.signals)  # daily backup, quick check, auto-lock

    QTimer.singleShot(0, open_data)
    try:
        return app.exec()
    finally:
        for ctx in opened:
            ctx.db.close()
