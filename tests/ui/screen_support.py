"""Checks a person would make by looking at a window: is every button on the screen, does a
label show a stray "&", is a shortcut letter used twice, is a name shown as HTML."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)

_MARK = re.compile(r"&(.)")


def screen_area() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def shown(root: QWidget) -> list[QWidget]:
    """``root`` and its widgets a person can see now."""
    return [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def off_screen_buttons(root: QWidget) -> list[str]:
    """Visible buttons of ``root`` that do not lie wholly on the screen or inside the window."""
    area, window = screen_area(), root.frameGeometry()
    found = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or button.width() == 0 or _scrolls_into_view(button, root):
            continue
        rect = global_rect(button)
        if not area.contains(rect) or not window.contains(rect):
            found.append(f"{button.text() or button.objectName()} at {rect.getRect()}")
    return found


def _scrolls_into_view(widget: QWidget, root: QWidget) -> bool:
    """Inside a scroll area (whose own place is checked): scrolling brings it into view."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _marks(text: str) -> list[str]:
    """The characters after single "&"s ("&&" is a literal ampersand)."""
    return [m.group(1) for m in _MARK.finditer(text) if m.group(1) != "&"]


def _mnemonic_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible text in which "&" marks a shortcut letter."""
    texts = []
    for widget in shown(root):
        if isinstance(widget, QAbstractButton):
            texts.append((f"Schaltfläche {widget.objectName()}", widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append((f"Beschriftung {widget.objectName()}", widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((f"Gruppe {widget.objectName()}", widget.title()))
        elif isinstance(widget, QTabBar):
            texts += [
                (f"Reiter {widget.objectName()}", widget.tabText(i)) for i in range(widget.count())
            ]
    return texts


def mnemonic_problems(root: QWidget) -> list[str]:
    """Literal "&" shown in labels, "&" before a non-letter, and shortcut letters used twice."""
    problems = []
    for widget in shown(root):
        if not isinstance(widget, QLabel) or widget.buddy() is not None:
            continue
        text = widget.text()
        rich = widget.textFormat() == Qt.RichText or (
            widget.textFormat() == Qt.AutoText and Qt.mightBeRichText(text)
        )
        if not rich and any(ch.isalnum() for ch in _marks(text)):
            problems.append(f"Beschriftung zeigt ein „&“: {text!r}")
    letters: Counter[str] = Counter()
    owners: dict[str, list[str]] = {}
    for where, text in _mnemonic_texts(root):
        marks = _marks(text)
        if any(not ch.isalnum() for ch in marks):
            problems.append(f"{where}: „&“ vor einem Nicht-Buchstaben: {text!r}")
        if len(marks) > 1:
            problems.append(f"{where}: mehrere Tastenkürzel: {text!r}")
        if marks and marks[0].isalnum():
            letter = marks[0].casefold()
            letters[letter] += 1
            owners.setdefault(letter, []).append(text)
    problems += [
        f"Alt+{letter.upper()} doppelt: {owners[letter]}" for letter, n in letters.items() if n > 1
    ]
    return problems


def rich_text_problems(root: QWidget, hostile: str) -> list[str]:
    """Places where ``hostile`` (a name with markup and "&") would not show as typed."""
    problems = []
    for widget in shown(root):
        if isinstance(widget, QLabel) and hostile in widget.text():
            rich = widget.textFormat() == Qt.RichText or (
                widget.textFormat() == Qt.AutoText and Qt.mightBeRichText(widget.text())
            )
            if rich:
                problems.append(f"Beschriftung {widget.objectName()!r} als HTML: {widget.text()!r}")
        texts = []
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            shown_text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
            if hostile.replace("&", "") in shown_text and hostile not in shown_text:
                problems.append(f"„&“ verschluckt in {widget.objectName()!r}: {text!r}")
        tip = widget.toolTip()
        if hostile in tip and Qt.mightBeRichText(tip):
            problems.append(f"Tooltip von {widget.objectName()!r} als HTML: {tip!r}")
    return problems


def top_level_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
