"""Unexpected errors: a dialog with copyable details, and a log entry without personal data."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("dpo_desk.ui")


def _log_text(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    # The exception message may quote user data (a name in a failed value); the log keeps
    # only the type and the code locations.
    frames = "".join(traceback.format_tb(tb))
    return f"{exc_type.__module__}.{exc_type.__qualname__}\n{frames}"


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("unerwarteter Fehler: %s", _log_text(exc_type, tb))
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    box = QMessageBox(
        QMessageBox.Critical,
        "Unerwarteter Fehler",
        "Es ist ein unerwarteter Fehler aufgetreten. Ihre bisher gespeicherten "
        "Daten sind nicht betroffen.\n\nBitte die Details kopieren und an den "
        "Support schicken. Ein Eintrag steht auch in der Protokolldatei.",
    )
    box.setObjectName("errorDialog")
    box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = handle_exception
