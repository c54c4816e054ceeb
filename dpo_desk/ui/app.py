"""Start the GUI: application object, error handling, database, main window."""

from __future__ import annotations

import sys

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
    from dpo_desk.app import open_app
    from dpo_desk.paths import DataDirError
    from dpo_desk.store.database import DatabaseError
    from dpo_desk.ui.errors import install_excepthook
    from dpo_desk.ui.main_window import MainWindow

    app = _qt_app()
    try:
        ctx = open_app(data_dir)
    except (DataDirError, DatabaseError) as exc:
        QMessageBox.critical(None, "dpo_desk kann nicht starten", str(exc))
        return 1
    install_excepthook()
    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.db.close()
