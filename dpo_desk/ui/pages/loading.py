"""Pages built when first needed, and the rest of the start-up done after the first paint.

At start the main window builds only the page it shows. ``LoadRest`` then imports in a
worker thread what the other pages need (SQLAlchemy, the models, the page modules: most of
the start-up time), while the window already shows its data and takes input. A page is
built when it is first shown (a few milliseconds once its module is loaded), so the
memory of pages never visited is not spent.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from dpo_desk.services.context import ServiceContext
from dpo_desk.ui.common.screen import scrolled
from dpo_desk.ui.pages import PAGES, PageEntry
from dpo_desk.ui.pages.base import Page
from dpo_desk.ui.signals import AppSignals

HEAVY_MODULES = ("sqlalchemy.orm", "dpo_desk.store.models")
POLL_MS = 15


class LazyPages:
    """The pages of ``PAGES`` in ``stack`` (an empty placeholder until a page is built; then
    the page inside its scroll area, see ``MainWindow.current_page``).
    ``school`` is what every page shows; a page built later picks it up when shown."""

    def __init__(self, ctx: ServiceContext, signals: AppSignals, stack: QStackedWidget) -> None:
        self.ctx = ctx
        self.signals = signals
        self.stack = stack
        self.entries: tuple[PageEntry, ...] = PAGES
        self.built: dict[int, Page] = {}
        self.school: int | None = None
        self.school_known = False
        for entry in self.entries:
            placeholder = QWidget()
            placeholder.setObjectName(f"{entry.object_name}Placeholder")
            stack.addWidget(placeholder)

    def page(self, index: int) -> Page:
        if index in self.built:
            return self.built[index]
        page = self.entries[index].load()(self.ctx, self.signals)
        placeholder = self.stack.widget(index)
        # A window smaller than a page needs gets scroll bars instead of cut-off fields.
        self.stack.insertWidget(index, scrolled(page, name=f"{page.objectName()}Scroll"))
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.built[index] = page
        if self.school_known:
            page.set_school_later(self.school)  # loads when shown
        return page

    def index_of(self, object_name: str) -> int:
        return next(i for i, e in enumerate(self.entries) if e.object_name == object_name)

    def all(self) -> list[Page]:
        return [self.page(index) for index in range(len(self.entries))]


class LoadRest(QObject):
    """After the first page shows its data: import the heavy modules in a worker thread,
    then run ``then`` in the GUI thread (e.g. the daily backup and the quick check) and
    emit ``finished``."""

    finished = Signal()

    def __init__(self, pages: LazyPages, then: list[Callable[[], None]], parent: QObject) -> None:
        super().__init__(parent)
        self.pages = pages
        self.then = then
        self.done = False
        modules = [*HEAVY_MODULES, *(entry.module for entry in pages.entries)]
        # Only imports run there: no Qt object is made or touched outside the GUI thread.
        self.worker = threading.Thread(
            target=_import_all, args=(modules,), name="dpo-desk-load", daemon=True
        )
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        self.worker.start()
        self.timer.start()

    def _step(self) -> None:
        if self.worker.is_alive():
            return
        self.timer.stop()
        for action in self.then:
            action()
        from dpo_desk.app import settle_heap

        settle_heap()
        self.done = True
        self.finished.emit()


def _import_all(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the GUI thread imports it again and shows the error there
            return
