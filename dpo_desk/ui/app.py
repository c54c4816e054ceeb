"""Start the GUI: application object, error handling, database, main window."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from dpo_desk.services.context import ServiceContext
    from dpo_desk.ui.main_window import MainWindow


def _qt_app() -> QApplication:
    """The application object: identity (names, icon, Qt's German texts) and the wheel
    rule."""
    from dpo_desk.ui.about.identity import apply_identity
    from dpo_desk.ui.common.application import prepare_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_identity(app)
    prepare_application(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def open_data(
    window: MainWindow, data_dir: str | None, database_url: str | None = None
) -> ServiceContext | None:
    """Open the database into a painted window frame; None when the user gives up.

    The first page shows its data when this returns; the other pages, the daily backup,
    the quick check and the auto-lock follow in the background (``window.loaded``)."""
    from dpo_desk.paths import DataDirError
    from dpo_desk.store.database import DatabaseError
    from dpo_desk.ui.about.update_notice import show_update_notice
    from dpo_desk.ui.safety.start import open_context_gui, start_safety

    try:
        # Asks for the passphrase if encrypted, for the password in server mode.
        ctx = open_context_gui(data_dir, window, database_url)
    except (DataDirError, DatabaseError) as exc:
        QMessageBox.critical(window, "dpo_desk kann nicht starten", str(exc))
        return None
    if ctx is None:  # passphrase cancelled or too many wrong tries
        return None
    window.attach(ctx)
    # daily backup, quick check, auto-lock: once the rest is loaded
    window.load_rest([lambda: start_safety(window, ctx, window.signals)])
    show_update_notice(window, window.settings, ctx)  # once after an update
    return ctx


def run_gui(data_dir: str | None = None, database_url: str | None = None) -> int:
    """Paint the window frame first, then open the data (see MainWindow)."""
    from dpo_desk.paths import AppPaths
    from dpo_desk.ui.errors import install_excepthook
    from dpo_desk.ui.main_window import MainWindow
    from dpo_desk.ui.start_probe import StartupProbe

    app = _qt_app()
    install_excepthook()
    window = MainWindow(data_dir=AppPaths.resolve(data_dir).data_dir)
    probe = StartupProbe.from_environment(window)
    window.show()
    opened: list[ServiceContext] = []

    def start() -> None:
        ctx = open_data(window, data_dir, database_url)
        if ctx is None:
            app.exit(1)
            return
        opened.append(ctx)
        if probe is not None:
            probe.data_shown()

    QTimer.singleShot(0, start)
    try:
        return app.exec()
    finally:
        from dpo_desk.services.safety.leftovers import remove_view_copies

        for ctx in opened:
            remove_view_copies(ctx)  # contract copies made for a viewer
            ctx.db.close()


def explain_console_commands(arguments: list[str]) -> int:
    """The windowed program got command-line arguments but has no console to answer in."""
    app = _qt_app()
    box = QMessageBox(
        QMessageBox.Information,
        "dpo_desk",
        "Dieses Programm öffnet das Fenster von dpo_desk. Befehle wie "
        f"„{' '.join(arguments)[:80]}“ bitte in der Eingabeaufforderung mit "
        "„dpo-desk-cli“ ausführen (zum Beispiel: dpo-desk-cli --help).",
    )
    box.setObjectName("consoleHint")
    box.setTextFormat(Qt.PlainText)
    box.exec()
    del app
    return 2
