"""Who the app is to Qt and the desktop: names, version, icon, Qt's own German texts.

The names come from ``dpo_desk`` (``APP_NAME``, ``APP_AUTHOR``), the same pair platformdirs
uses for the data folder, so Qt's settings and the data never part ways.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QGuiApplication, QIcon

from dpo_desk import APP_AUTHOR, APP_DOMAIN, APP_ID, APP_NAME, __version__
from dpo_desk.resource_files import MissingResource, resources_dir
from dpo_desk.ui.common.german import install_german_qt_texts

log = logging.getLogger(__name__)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon in all its rendered sizes (window, task bar, dialogs)."""
    icon = QIcon()
    try:
        folder = resources_dir() / "icons"
    except MissingResource:
        return icon
    for size in ICON_SIZES:
        path = folder / f"dpo_desk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def _windows_task_bar_id() -> None:
    """Group the windows under our icon in the Windows task bar (not Python's)."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)


def apply_identity(app: QGuiApplication, *, translate: bool = True) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_AUTHOR)
    app.setOrganizationDomain(APP_DOMAIN)
    # Wayland and the Linux task bars find the icon and name through the desktop file.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    _windows_task_bar_id()
    if translate:
        install_german_qt_texts(app)  # Ja/Nein, Abbrechen, file and print dialogs
