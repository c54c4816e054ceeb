"""Application-wide signals: after any data change, pages refresh what they show."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    data_changed = Signal()
    school_changed = Signal(object)  # int | None
    status_message = Signal(str)
    new_school_requested = Signal()
