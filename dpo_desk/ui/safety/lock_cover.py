"""What the lock does to one window: an opaque cover on top, and everything under it hidden.

The cover paints itself (a plain ``fillRect``, no style sheet, which a ``QWidget`` subclass
would not paint), and the window's own children are hidden while it is up, so even a
window manager or compositor that shows a stale frame has nothing to show. Hiding keeps
every widget and its content: a half-typed dialog is as it was after unlocking. The title
(which names the school) is replaced while locked.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

LOCKED_TITLE = "dpo_desk – gesperrt"
COVER_COLOUR = QColor("#2b3a4a")


class LockOverlay(QWidget):
    """An opaque cover over one window; the unlock host's cover offers unlocking."""

    def __init__(self, window: QWidget, on_unlock: Callable[[], None] | None) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self.setAccessibleName(self.tr("Gesperrt"))
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        palette = self.palette()
        palette.setColor(QPalette.Window, COVER_COLOUR)
        palette.setColor(QPalette.WindowText, QColor("white"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignCenter)
        label = QLabel(self.tr("dpo_desk ist gesperrt."))
        label.setObjectName("lockedLabel")
        font = label.font()
        font.setPointSize(16)
        label.setFont(font)
        layout.addWidget(label, alignment=Qt.AlignCenter)
        self.unlock_button: QPushButton | None = None
        if on_unlock is not None:
            self.unlock_button = QPushButton(self.tr("&Entsperren …"))
            self.unlock_button.setObjectName("unlockButton")
            self.unlock_button.setAccessibleName(self.tr("Entsperren"))
            self.unlock_button.clicked.connect(on_unlock)
            quit_button = QPushButton(self.tr("Programm &beenden"))
            quit_button.setObjectName("quitLockedButton")
            quit_button.setAccessibleName(self.tr("Programm beenden"))
            quit_button.clicked.connect(QApplication.quit)
            layout.addWidget(self.unlock_button, alignment=Qt.AlignCenter)
            layout.addWidget(quit_button, alignment=Qt.AlignCenter)
        window.installEventFilter(self)
        self.setGeometry(window.rect())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), COVER_COLOUR)
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False


class CoveredWindow:
    """One window while locked: its cover, and what to give back when unlocking."""

    def __init__(self, window: QWidget, on_unlock: Callable[[], None] | None) -> None:
        self.window = window
        self.title = window.windowTitle()
        self.focus = window.focusWidget()
        self.hidden = [
            child
            for child in window.findChildren(QWidget, options=Qt.FindDirectChildrenOnly)
            if not child.isWindow()
            and child.isVisibleTo(window)
            and not isinstance(child, LockOverlay)
        ]
        window.setWindowTitle(LOCKED_TITLE)
        for child in self.hidden:
            child.hide()
        self.cover = LockOverlay(window, on_unlock)
        self.cover.show()
        self.cover.raise_()
        if self.cover.unlock_button is not None:
            self.cover.unlock_button.setFocus()
        # Paint now, not at the next turn of the event loop: the screen must not show the
        # data a moment longer (nor forever, should the loop be blocked).
        window.repaint()

    def uncover(self) -> None:
        if not shiboken6.isValid(self.window):
            return
        if shiboken6.isValid(self.cover):
            self.cover.hide()
            self.cover.deleteLater()
        for child in self.hidden:
            if shiboken6.isValid(child):
                child.show()
        self.window.setWindowTitle(self.title)
        if self.focus is not None and shiboken6.isValid(self.focus):
            self.focus.setFocus()
