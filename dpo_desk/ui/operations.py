"""One way to change data from the UI.

Every write is a service call run through ``Operations``: in the GUI thread (``run``) or in
a worker thread with progress and cancel (``start``). Either way a failure is shown in
German in one way (``show_failure``: a form's error label for validation problems, a message
for a missing record or a busy database, a dialog naming who changed a record meanwhile),
and a success emits ``changed(changes, initiator)``: each page refreshes only the areas it
shows and skips what it started itself (``pages.base.Page``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from dpo_desk.services.changes import Changes, changes_of
from dpo_desk.services.errors import UnknownUser
from dpo_desk.ui.common.editors import Editors
from dpo_desk.ui.common.failures import ErrorTarget, show_failure

R = TypeVar("R")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
BackgroundWork = Callable[[Progress, Cancelled], Any]
"""Called in the worker as ``work(progress, cancelled)``; ``progress(done, total)``."""


class Operations(QObject):
    """The runner of one main window; ``changed(changes, initiator)`` after every write."""

    changed = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []
        self.editors = Editors()
        """One editor per record in this window."""
        self.last_problem: QWidget | None = None
        """The message or dialog of the last failure (kept alive; tests read it)."""
        self.ask_who_is_working: Callable[[], None] | None = None
        """Set by the main window: a save refused because nobody has said who is working
        opens the "Wer arbeitet?" dialog instead of a message."""

    def run(
        self,
        work: Callable[[], R],
        *,
        parent: QWidget,
        initiator: object = None,
        errors: ErrorTarget | None = None,
        on_reload: Callable[[], None] | None = None,
        on_gone: Callable[[], None] | None = None,
    ) -> R | None:
        """Run a write now. On success: announce its changes, return its result. On a
        failure the user is told (see ``show_failure``) and None is returned."""
        try:
            result = work()
        except Exception as exc:  # shown in German, or reported as unexpected
            self.fail(exc, parent, errors=errors, on_reload=on_reload, on_gone=on_gone)
            return None
        self.announce(changes_of(result), initiator)
        return result

    def save(
        self,
        work: Callable[[], R],
        *,
        editor: QWidget,
        existing: bool,
        errors: ErrorTarget | None = None,
    ) -> R | None:
        """A record editor's save (create or update): for an existing record a stale save
        offers the editor's ``reload``, a record deleted meanwhile closes the editor."""
        return self.run(
            work,
            parent=editor,
            initiator=editor,
            errors=errors,
            on_reload=getattr(editor, "reload", None) if existing else None,
            on_gone=getattr(editor, "reject", None) if existing else None,
        )

    def announce(self, changes: Changes, initiator: object = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)

    def fail(
        self,
        exc: Exception,
        parent: QWidget,
        *,
        errors: ErrorTarget | None = None,
        on_reload: Callable[[], None] | None = None,
        on_gone: Callable[[], None] | None = None,
    ) -> None:
        if isinstance(exc, UnknownUser) and self.ask_who_is_working is not None:
            self.ask_who_is_working()
            return
        shown = show_failure(exc, parent, errors=errors, on_reload=on_reload, on_gone=on_gone)
        if shown is not None:
            self.last_problem = shown

    def start(
        self,
        work: BackgroundWork,
        *,
        parent: QWidget,
        label: str,
        initiator: object = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        cancellable: bool = True,
        errors: ErrorTarget | None = None,
    ) -> Job:
        """Run long work in a worker thread behind a progress dialog (window-modal, so the
        rest of the app stays usable but nothing changes the data meanwhile).

        ``on_error`` (else the usual German message) gets the failure, including
        ``DocumentCancelled`` when the user stopped the job.
        """

        def failed(exc: Exception) -> None:
            if on_error is not None:
                on_error(exc)
            else:
                self.fail(exc, parent, errors=errors)

        def done(result: object) -> None:
            self.announce(changes_of(result), initiator)
            if on_done is not None:
                on_done(result)

        job = Job(parent, label, work, done, failed, cancellable)
        self.jobs.append(job)
        job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        job.begin()
        return job


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: BackgroundWork, stop: threading.Event) -> None:
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


class Job(QObject):
    """One piece of work in a worker thread with a progress dialog that can stop it.

    The work asks ``cancelled()`` between its steps; "Abbrechen" sets that flag, so a stack
    of 2,000 forms ends within one form. Writes that are one transaction offer no cancel.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        label: str,
        work: BackgroundWork,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        cancellable: bool,
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.on_done = on_done
        self.on_error = on_error
        self.running = True
        self.stop = threading.Event()
        self.progress = QProgressDialog(label, self.tr("Abbrechen"), 0, 0, parent)
        self.progress.setObjectName("progressDialog")
        self.progress.setAccessibleName(self.tr("Fortschritt"))
        self.progress.setWindowTitle(label.rstrip(" …"))
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        if not cancellable:
            self.progress.setCancelButton(None)
        self.progress.canceled.connect(self.cancel)
        self.thread = QThread()
        self.worker = _Worker(work, self.stop)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed, Qt.QueuedConnection)
        self.worker.succeeded.connect(self._succeeded, Qt.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.QueuedConnection)

    def begin(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        """Stop at the next step; nothing is shown or saved."""
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
            .replace("%1", self.label.rstrip(" …"))
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
        self.finished.emit()
        self.deleteLater()

    def _succeeded(self, result: object) -> None:
        cancelled = self.stop.is_set()
        self._finish()
        if not cancelled:  # a read the user stopped waiting for: the result is dropped
            self.on_done(result)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.on_error(exc)


def no_progress(work: Callable[[], R]) -> BackgroundWork:
    """A single call as background work (it reports no steps and cannot stop midway)."""
    return lambda _progress, _cancelled: work()


def message(parent: QWidget, title: str, text: str, object_name: str) -> QMessageBox:
    """A window-modal German notice (returned so the caller keeps a reference)."""
    box = QMessageBox(QMessageBox.Information, title, text, QMessageBox.Ok, parent)
    box.setObjectName(object_name)
    box.setTextFormat(Qt.PlainText)
    box.open()
    return box
