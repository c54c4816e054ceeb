"""What every page of the main window offers."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.signals import AppSignals


class Page(QWidget):
    """One area of the app. ``title`` is the navigation entry (German).

    The main window calls ``set_school`` when the user switches schools; pages refresh
    themselves on ``signals.data_changed``, which every page emits after a service call
    that changed data.
    """

    title: str = ""
    object_name: str = ""

    def __init__(self, ctx: ServiceContext, signals: AppSignals) -> None:
        super().__init__()
        self.ctx = ctx
        self.signals = signals
        self.school_id: int | None = None
        self.setObjectName(self.object_name)
        self.setAccessibleName(self.title)
        signals.data_changed.connect(self._on_data_changed)

    def set_school(self, school_id: int | None) -> None:
        self.school_id = school_id
        self.refresh()

    def set_school_later(self, school_id: int | None) -> None:
        """Switch school without loading now; the page refreshes when it is next shown."""
        self.school_id = school_id
        self._stale = True

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()
        super().showEvent(event)
