"""Unexpected errors: a dialog with copyable details, and a log entry without personal data.

Both show the exception's type and the code locations only, never its message: a message
may quote user data (SQLAlchemy embeds the parameters of a failed statement, a
``ValueError`` the value it choked on), and the details are meant to be mailed to support.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("dpo_desk.ui")


def details_text(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """Type and code locations (file, line, function) of the error and its causes."""
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    lines += [
        f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)
    ]
    return "\n".join(lines)


def _chain_text(exc: BaseException | None, tb: TracebackType | None) -> str:
    parts = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        parts.append(details_text(type(exc), exc.__traceback__ or tb))
        tb = None
        exc = exc.__cause__ or exc.__context__
    return "\nverursacht durch / während:\n".join(parts)


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = _chain_text(exc, tb) if exc is not None else details_text(exc_type, tb)
    log.error("unerwarteter Fehler: %s", details)
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
    box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = handle_exception
