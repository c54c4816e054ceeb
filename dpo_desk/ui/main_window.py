"""The main window: navigation on the left, one page per area, a school switcher."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from dpo_desk.services.changes import Area, Changes
from dpo_desk.services.errors import RecordGone
from dpo_desk.ui.about.button import add_about_button
from dpo_desk.ui.common.screen import available_area, fit_to_screen
from dpo_desk.ui.common.text import plain_label, window_title
from dpo_desk.ui.signals import AppSignals

if TYPE_CHECKING:
    from collections.abc import Callable

    from dpo_desk.services.context import ServiceContext
    from dpo_desk.ui.pages.base import Page
    from dpo_desk.ui.pages.loading import LazyPages, LoadRest

LAST_SCHOOL_KEY = "ui/last_school"
PREFERRED_SIZE = QSize(1200, 780)
"""The size of a first start where the screen has room; a laptop's screen gets less."""


class MainWindow(QMainWindow):
    """The window frame paints first; ``attach`` then opens the pages on the data.

    Importing the database layer costs several hundred milliseconds, so the frame is shown
    before it (``MainWindow()`` then ``attach(ctx)``); ``MainWindow(ctx)`` does both at once.
    ``attach`` builds only the page shown; the others are built when first shown.
    ``load_rest`` loads what they need in the background once the first page shows its
    data (``loaded`` then).
    """

    loaded = Signal()

    def __init__(self, ctx: ServiceContext | None = None, data_dir: Path | None = None) -> None:
        super().__init__()
        self.ctx: ServiceContext | None = None
        self.ask_before_closing = True
        """Ask before half-entered work is dropped (off only where a program closes it)."""
        self.signals = AppSignals()
        folder = ctx.paths.data_dir if ctx is not None else data_dir
        self.settings = QSettings(str(Path(folder or ".") / "fenster.ini"), QSettings.IniFormat)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("dpo_desk – Datenschutz an Schulen"))
        # Smaller than the pages need: they scroll (nothing is cut off).
        self.setMinimumSize(640, 400)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Bereiche"))
        self.navigation.setFixedWidth(230)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; }"
            "QListWidget#navigation::item { padding: 7px 10px; }"
        )
        self.stack = QStackedWidget()
        self.loading_label = QLabel(self.tr("Daten werden geöffnet …"))
        self.loading_label.setObjectName("loadingLabel")
        self.loading_label.setAlignment(Qt.AlignCenter)
        self.stack.addWidget(self.loading_label)
        self._pages: LazyPages | None = None
        self._load_rest: LoadRest | None = None

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self.statusBar().setObjectName("statusBar")
        self.signals.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._build_person_status()
        self._restore_geometry()
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: ServiceContext) -> None:
        """Build the shown page on the opened database and show the last used school."""
        from dpo_desk.ui.pages.loading import LazyPages

        self.ctx = ctx
        self.stack.removeWidget(self.loading_label)
        self.loading_label.deleteLater()
        self._pages = LazyPages(ctx, self.signals, self.stack)
        for index, entry in enumerate(self._pages.entries):
            self.navigation.addItem(entry.title)
            if index < 10:  # Strg+1 … Strg+9, then Strg+0 for the tenth
                action = QAction(self)
                action.setShortcut(QKeySequence(f"Ctrl+{(index + 1) % 10}"))
                action.triggered.connect(lambda _=False, i=index: self.show_page(i))
                self.addAction(action)
        # Wide enough for the longest area name, so none is cut off.
        self.navigation.setFixedWidth(max(180, self.navigation.sizeHintForColumn(0) + 28))
        self.navigation.currentRowChanged.connect(self._show_index)
        self.signals.operations.changed.connect(self._data_changed)
        self.signals.school_changed.connect(self._school_changed)
        self.signals.new_school_requested.connect(self.create_school)
        self.signals.operations.ask_who_is_working = self.ask_who_is_working
        self.signals.open_requested.connect(self.open_target)
        self.navigation.setCurrentRow(0)
        self.school_switcher.setEnabled(True)
        self.new_school_button.setEnabled(True)
        self.reload_schools()
        self.navigation.setFocus()
        self._show_person()
        if not ctx.knows_actor():
            QTimer.singleShot(0, self.ask_who_is_working)

    # --- who is working ------------------------------------------------------------------

    def _build_person_status(self) -> None:
        self.person_label = plain_label("", "personStatus")
        self.person_label.setAccessibleName(self.tr("Wer arbeitet"))
        self.person_button = QPushButton(self.tr("Wechseln …"))
        self.person_button.setObjectName("personChangeButton")
        self.person_button.setAccessibleName(self.tr("Angeben, wer arbeitet"))
        self.person_button.setFlat(True)
        self.person_button.clicked.connect(self.ask_who_is_working)
        self.person_button.setEnabled(False)
        self.statusBar().addPermanentWidget(self.person_label)
        self.statusBar().addPermanentWidget(self.person_button)

    def _show_person(self) -> None:
        from dpo_desk.services import settings

        person = settings.person(self.ctx)
        self.person_label.setText(
            self.tr("Es arbeitet: %1").replace("%1", person.label)
            if person.known
            else self.tr("Wer arbeitet? Noch nicht angegeben")
        )
        self.person_label.setStyleSheet("" if person.known else "color: #b00020;")
        self.person_button.setText(self.tr("Wechseln …") if person.known else self.tr("Angeben …"))
        self.person_button.setEnabled(True)
        self.person_button.setVisible(not self.ctx.server_mode)  # the signed-in person

    def ask_who_is_working(self) -> None:
        """The "Wer arbeitet?" dialog (at the first start, from the status bar, and when a
        save was refused because nobody has said who they are)."""
        from dpo_desk.ui.settings.person_dialog import PersonDialog

        if self.ctx is None:
            return
        self.person_dialog = self.signals.operations.editors.open(
            ("person",), lambda: PersonDialog(self.ctx, self.signals.operations, self)
        )

    def load_rest(self, then: list[Callable[[], None]] | None = None) -> None:
        """After the first page shows its data: load what the other pages need in the
        background, run ``then``, emit ``loaded`` (see ``ui.pages.loading``)."""
        from dpo_desk.ui.pages.loading import LoadRest

        assert self._pages is not None, "attach first"
        self._load_rest = LoadRest(self._pages, list(then or []), self)
        self._load_rest.finished.connect(self.loaded)
        self._load_rest.start()

    @property
    def pages(self) -> list[Page]:
        """Every page (built now if not yet), in navigation order."""
        return self._pages.all() if self._pages is not None else []

    def _show_index(self, index: int) -> None:
        if self._pages is None or index < 0:
            return
        self._pages.page(index)
        self.stack.setCurrentIndex(index)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Schule"))
        bar.setObjectName("schoolToolbar")
        bar.setMovable(False)
        label = QLabel(self.tr("Sch&ule:"))
        self.school_switcher = QComboBox()
        self.school_switcher.setObjectName("schoolSwitcher")
        self.school_switcher.setAccessibleName(self.tr("Schule wählen"))
        self.school_switcher.setMinimumWidth(320)
        self.school_switcher.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        label.setBuddy(self.school_switcher)
        self.school_switcher.currentIndexChanged.connect(self._switcher_changed)
        self.new_school_button = QPushButton(self.tr("Neue Sc&hule …"))
        self.new_school_button.setObjectName("newSchoolButton")
        self.new_school_button.setAccessibleName(self.tr("Neue Schule anlegen"))
        self.new_school_button.clicked.connect(self.create_school)
        self.school_switcher.setEnabled(False)
        self.new_school_button.setEnabled(False)
        bar.addWidget(label)
        bar.addWidget(self.school_switcher)
        bar.addWidget(self.new_school_button)
        self.about_button = add_about_button(bar, self)
        self.addToolBar(Qt.TopToolBarArea, bar)

    # --- schools -------------------------------------------------------------------------

    def current_school_id(self) -> int | None:
        data = self.school_switcher.currentData()
        return int(data) if data is not None else None

    def reload_schools(self) -> None:
        from dpo_desk.services import schools

        wanted = self.current_school_id() or self.settings.value(LAST_SCHOOL_KEY, None, int)
        self.school_switcher.blockSignals(True)
        self.school_switcher.clear()
        for school in schools.list_schools(self.ctx):
            label = school.name + (f" ({school.school_number})" if school.school_number else "")
            self.school_switcher.addItem(label, school.id)
        index = self.school_switcher.findData(wanted) if wanted is not None else -1
        self.school_switcher.setCurrentIndex(index if index >= 0 else 0)
        self.school_switcher.setEnabled(self.school_switcher.count() > 0)
        self.school_switcher.blockSignals(False)
        current = self.current_school_id()
        if current != getattr(self, "_school_id", "unset"):
            self.signals.school_changed.emit(current)

    def _data_changed(self, changes: Changes, _initiator: object) -> None:
        if Area.SCHOOLS in changes.areas:
            self.reload_schools()
        if Area.SETTINGS in changes.areas:
            self._show_person()

    def _switcher_changed(self) -> None:
        wanted = self.current_school_id()
        if wanted != getattr(self, "_school_id", None) and not self.may_leave(
            self.tr("Schule wechseln")
        ):
            index = self.school_switcher.findData(getattr(self, "_school_id", None))
            self.school_switcher.blockSignals(True)
            self.school_switcher.setCurrentIndex(index)
            self.school_switcher.blockSignals(False)
            return
        self.signals.school_changed.emit(wanted)

    def unsaved_work(self) -> list[str]:
        """What is half-entered: rows in grids, changed fields in open editors."""
        built = self._pages.built.values() if self._pages is not None else []
        found = [text for page in built if (text := page.unsaved_work())]
        for editor in self.signals.operations.editors.shown():
            text = getattr(editor, "unsaved_work", lambda: None)()
            if text:
                found.append(text)
        return found

    def may_leave(self, action: str) -> bool:
        """Ask before ``action`` would drop half-entered work; True when nothing is lost."""
        unsaved = self.unsaved_work()
        if not unsaved:
            return True
        box = QMessageBox(
            QMessageBox.Question,
            action,
            self.tr(
                "Noch nicht gespeichert:\n\n%1\n\nTrotzdem fortfahren? Die Eingaben gehen verloren."
            ).replace("%1", "\n".join(f"• {text}" for text in unsaved)),
            QMessageBox.Yes | QMessageBox.No,
            self,
        )
        box.setObjectName("unsavedWorkQuestion")
        box.setTextFormat(Qt.PlainText)
        box.setDefaultButton(QMessageBox.No)
        box.button(QMessageBox.Yes).setText(self.tr("Verwerfen"))
        box.button(QMessageBox.No).setText(self.tr("Weiter bearbeiten"))
        self.question = box
        return box.exec() == QMessageBox.Yes

    def _school_changed(self, school_id: int | None) -> None:
        self._school_id = school_id
        if school_id is not None:
            self.settings.setValue(LAST_SCHOOL_KEY, school_id)
        current = self.current_page()
        assert self._pages is not None
        self._pages.school, self._pages.school_known = school_id, True
        for page in self._pages.built.values():
            if page is current:
                page.set_school(school_id)
            else:
                page.set_school_later(school_id)
        name = self.school_switcher.currentText()
        self.setWindowTitle(
            window_title(f"dpo_desk – {name}") if name else "dpo_desk – Datenschutz an Schulen"
        )

    def select_school(self, school_id: int) -> None:
        index = self.school_switcher.findData(school_id)
        if index >= 0:
            self.school_switcher.setCurrentIndex(index)

    def create_school(self) -> None:
        from dpo_desk.ui.schools.school_dialog import NewSchoolDialog

        dialog = NewSchoolDialog(self.ctx, self.signals.operations, self)
        if dialog.exec() and dialog.created is not None:
            self.select_school(dialog.created.id)
            self.signals.status_message.emit(self.tr("Schule angelegt."))

    # --- pages and geometry --------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def open_target(self, target, school_id: int | None = None) -> None:
        """Open ``target`` (``core.places.Target``): its school (when given), its page, and
        on it the record or place. Nothing happens when the user keeps half-entered work in
        another school."""
        if school_id is not None and school_id != self.current_school_id():
            self.select_school(school_id)
            if self.current_school_id() != school_id:
                return
        assert self._pages is not None
        index = self._pages.index_of(target.page)
        self.show_page(index)
        try:
            self._pages.page(index).open_target(target)
        except RecordGone as exc:  # deleted meanwhile (an old entry of the change log)
            self.signals.status_message.emit(str(exc))

    def page(self, object_name: str) -> Page:
        assert self._pages is not None
        return self._pages.page(self._pages.index_of(object_name))

    def current_page(self) -> Page | None:
        """The page shown now (the stack holds each page inside its scroll area)."""
        if self._pages is None:
            return None
        return self._pages.built.get(self.stack.currentIndex())

    def _restore_geometry(self) -> None:
        """The last size, or 1200×780 at the first start; never more than the screen."""
        geometry = self.settings.value("ui/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        size = self.settings.value("ui/size")
        wanted = size if isinstance(size, QSize) else PREFERRED_SIZE
        fit_to_screen(self, wanted.width(), wanted.height())
        area = available_area(self)
        if not area.contains(self.frameGeometry().topLeft()):
            self.move(area.topLeft())

    def closeEvent(self, event) -> None:
        if (
            self.ctx is not None
            and self.ask_before_closing
            and not self.may_leave(self.tr("Programm beenden"))
        ):
            event.ignore()
            return
        self.settings.setValue("ui/geometry", self.saveGeometry())
        if not self.isMaximized():
            self.settings.setValue("ui/size", self.size())
        self.settings.sync()
        super().closeEvent(event)
