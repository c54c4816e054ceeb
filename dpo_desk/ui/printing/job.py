"""Lay out a printout in a worker thread behind a progress dialog that can really stop it.

The engine reports each laid-out part (``progress``) and asks before each part whether to
stop (``cancelled``); the dialog shows "n von m" and its "Abbrechen" sets the stop flag, so
a stack of 2,000 forms ends within one form. The window stays responsive meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
"""Called in the worker as ``work(progress, cancelled)``."""


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


class PrintingJob(QObject):
    """One render in a worker thread; ``on_done(result)`` or ``on_error(exc)`` run in the
    GUI thread afterwards (a cancelled job ends in ``on_error`` with DocumentCancelled)."""

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.on_done = on_done
        self.on_error = on_error
        self.running = True
        self.stop = threading.Event()
        self.progress = QProgressDialog(label, self.tr("Abbrechen"), 0, 0, parent)
        self.progress.setObjectName("printingProgress")
        self.progress.setAccessibleName(self.tr("Fortschritt des Drucks"))
        self.progress.setWindowTitle(self.tr("Drucken"))
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.thread = QThread()
        self.worker = _Worker(work, self.stop)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed, Qt.QueuedConnection)
        self.worker.succeeded.connect(self._succeeded, Qt.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.QueuedConnection)
        self.thread.start()

    def cancel(self) -> None:
        """Stop at the next form; nothing is shown or saved."""
        self.stop.set()
        if self.running:
            self.progress.setLabelText(self.tr("Wird abgebrochen …"))

    def _progressed(self, done: int, total: int) -> None:
        if not self.running or self.stop.is_set():
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(
            self.tr("%1 – %2 von %3")
            .replace("%1", self.label)
            .replace("%2", str(done))
            .replace("%3", str(total))
        )

    def _finish(self) -> None:
        self.running = False
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        self.thread.quit()
        self.thread.wait()
        self.deleteLater()

    def _succeeded(self, result: object) -> None:
        self._finish()
        self.on_done(result)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.on_error(exc)
