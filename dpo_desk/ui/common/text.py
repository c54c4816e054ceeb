"""User text is shown as text: never as HTML, never as a keyboard mnemonic.

A QLabel guesses rich text from a "<" in its text, so a student named "Tom <b>& Jerry</b>"
would show in bold; buttons, check boxes, tabs and group titles turn "&" into a mnemonic.
- ``plain_label``: a label for text that comes from the data (names, titles, messages).
- ``rich(template, **values)``: rich text where formatting is wanted, the values escaped.
- ``literal(text)``: user text as a button, check box, tab or group title ("&" stays "&").
- ``heading(text)``: a page heading in the app's style.
- ``plain_tooltip(text)``: user text as a tooltip (Qt guesses rich text there too).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(
    text: str = "", name: str = "", *, wrap: bool = False, parent: QWidget | None = None
) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def rich(template: str, **values: object) -> str:
    """``rich("<b>{name}</b>", name=student)``: the template's markup, the values as text."""
    return template.format(
        **{key: escape(str(value)).replace("\n", "<br>") for key, value in values.items()}
    )


def rich_label(template: str, *, object_name: str = "", **values: object) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.RichText)
    label.setText(rich(template, **values))
    if object_name:
        label.setObjectName(object_name)
    return label


def heading(text: str, level: int = 2) -> QLabel:
    return rich_label(f"<h{level}>{{text}}</h{level}>", text=text)


def literal(text: str) -> str:
    """User text for a button, check box, tab or group title: an "&" shows as "&"."""
    return text.replace("&", "&&")


def window_title(text: str) -> str:
    """User text in a window title (Qt would hide a "[*]" in it)."""
    return text.replace("[*]", "[*][*]")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed (tooltips, too, guess rich text from "<")."""
    return GuiQt.convertFromPlainText(text) if text else ""
