"""What every page of the main window offers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from dpo_desk.services.changes import Area, Changes
from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.signals import AppSignals


class Page(QWidget):
    """One area of the app. ``title`` is the navigation entry (German).

    ``areas``: the parts of the data the page shows. After a write elsewhere that touched one
    of them in this page's school, the page reloads (at once when visible, else when next
    shown); changes the page started itself it has already shown, so they are skipped.
    ``refreshed`` is emitted after every reload.
    """

    title: str = ""
    object_name: str = ""
    areas: frozenset[Area] = frozenset()

    refreshed = Signal()

    def __init__(self, ctx: ServiceContext, signals: AppSignals) -> None:
        super().__init__()
        self.ctx = ctx
        self.signals = signals
        self.operations = signals.operations
        self.school_id: int | None = None
        self._stale = False
        self.setObjectName(self.object_name)
        self.setAccessibleName(self.title)
        self.operations.changed.connect(self._on_changed)

    def set_school(self, school_id: int | None) -> None:
        self.school_id = school_id
        self.reload()

    def set_school_later(self, school_id: int | None) -> None:
        """Switch school without loading now; the page refreshes when it is next shown."""
        self.school_id = school_id
        self._stale = True

    def reload(self) -> None:
        self._stale = False
        self.refresh()
        self.refreshed.emit()

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def open_target(self, target) -> None:
        """Show what ``target`` (``core.places.Target``) names, ready to act on it: a record
        (at ``target.field`` when given) or a named place (``target.place``). Called by the
        main window for ``signals.open_requested``; pages never open each other directly."""

    def unsaved_work(self) -> str | None:
        """What would be lost if the window closed now (German), or None."""
        return None

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not changes.touches(self.areas, self.school_id):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)
