"""Application-wide signals of one main window, and its operation runner."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dpo_desk.ui.operations import Operations


class AppSignals(QObject):
    school_changed = Signal(object)  # int | None
    status_message = Signal(str)
    new_school_requested = Signal()
    place_requested = Signal(str, str)
    """(page object name, place): show the page and open the place (e.g. the import)."""
    open_requested = Signal(object)  # core.due.DueItem: open the place to act on it

    def __init__(self) -> None:
        super().__init__()
        self.operations = Operations(self)
        """Every write runs through it; ``operations.changed(changes, initiator)`` follows."""
