"""Saving a document the user asked for: choose the file, write it in a worker thread,
say where it went (or why not, in German, through the operations)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from dpo_desk.ui.operations import no_progress
from dpo_desk.ui.signals import AppSignals

PDF_FILTER = "PDF (*.pdf)"


def choose_target(parent: QWidget, title: str, suggested: str, filters: str = PDF_FILTER):
    """The chosen path, or None when the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(path) if path else None


def write_document(
    signals: AppSignals, parent: QWidget, label: str, work: Callable[[], object]
) -> None:
    """Run ``work`` (returns a ``DocumentResult`` or a path) off the GUI thread; the status
    bar names the file afterwards."""

    def done(result: object) -> None:
        path = getattr(result, "path", result)
        pages = getattr(result, "pages", None)
        text = parent.tr("Gespeichert: %1").replace("%1", str(path))
        if pages:
            text += parent.tr(" (%1 Seiten)").replace("%1", str(pages))
        signals.status_message.emit(text)

    signals.operations.start(
        no_progress(work), parent=parent, label=label, on_done=done, cancellable=False
    )
