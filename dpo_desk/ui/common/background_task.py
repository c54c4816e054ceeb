"""Run a service call off the GUI thread behind a progress dialog; the window stays alive."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QObject):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One call in a worker thread. ``cancellable``: the user may stop waiting for a read;
    the result is then dropped (writes are never offered a cancel: they are one transaction).
    """

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.on_done = on_done
        self.on_error = on_error
        self.cancelled = False
        self.running = True
        self.progress = QProgressDialog(label, self.tr("Abbrechen"), 0, 0, parent)
        self.progress.setObjectName("progressDialog")
        self.progress.setAccessibleName(label)
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(400)
        if not cancellable:
            self.progress.setCancelButton(None)
        self.progress.canceled.connect(self._cancel)
        self.thread = QThread()
        self.worker = _Worker(work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.succeeded.connect(self._succeeded, Qt.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.QueuedConnection)
        self.thread.start()

    def _finish(self) -> None:
        self.running = False
        self.progress.canceled.disconnect(self._cancel)
        self.progress.reset()
        self.progress.hide()
        self.thread.quit()
        self.thread.wait()
        self.deleteLater()

    def _cancel(self) -> None:
        self.cancelled = True

    def _succeeded(self, result: object) -> None:
        self._finish()
        if not self.cancelled:
            self.on_done(result)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        if not self.cancelled:
            self.on_error(exc)


def report_unexpected(exc: Exception) -> None:
    """Unexpected errors go to the application's excepthook dialog (with a log entry)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)
