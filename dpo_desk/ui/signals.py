"""Application-wide signals of one main window, and its operation runner."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dpo_desk.ui.operations import Operations


class AppSignals(QObject):
    school_changed = Signal(object)  # int | None
    status_message = Signal(str)
    new_school_requested = Signal()
    open_requested = Signal(object, object)
    """(``core.places.Target``, school id or None): show the school and page and open the
    record or place there. The one way to "open" something: the due list, the register's
    checks and the overview's first steps all use it."""

    def __init__(self) -> None:
        super().__init__()
        self.operations = Operations(self)
        """Every write runs through it; ``operations.changed(changes, initiator)`` follows."""
