"""A live preview of a template text in the small Markdown subset (``core.consent.markup``).

Built block by block with a text cursor from the same parse the printout uses, so the
preview and the paper agree; the person's text is inserted as text, never interpreted as
HTML.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QTextEdit

from dpo_desk.core.consent.markup import BlockKind, Line, parse

HEADING_SIZES = {1: 1.4, 2: 1.2, 3: 1.05}


def _insert_line(cursor: QTextCursor, line: Line, base: QTextCharFormat) -> None:
    for span in line:
        char = QTextCharFormat(base)
        if span.bold:
            char.setFontWeight(QFont.Bold)
        cursor.insertText(span.text, char)


def show_markup(view: QTextEdit, text: str) -> None:
    """Replace the content of ``view`` with ``text`` laid out as it will be printed."""
    view.clear()
    document = view.document()
    cursor = QTextCursor(document)
    base = QTextCharFormat()
    point_size = view.font().pointSizeF()
    first = True
    for block in parse(text):
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(4)
        for index, line in enumerate(block.lines):
            if not first:
                cursor.insertBlock(spacing, base)
            elif index == 0:
                cursor.setBlockFormat(spacing)
            first = False
            char = QTextCharFormat(base)
            if block.kind is BlockKind.HEADING:
                char.setFontWeight(QFont.Bold)
                char.setFontPointSize(point_size * HEADING_SIZES.get(block.level, 1.0))
            _insert_line(cursor, line, char)
        if block.kind is BlockKind.BULLETS:
            cursor.movePosition(
                QTextCursor.PreviousBlock, QTextCursor.MoveAnchor, len(block.lines) - 1
            )
            start = cursor.block()
            items = cursor.createList(QTextListFormat.ListDisc)
            block_of = start
            for _ in range(len(block.lines) - 1):
                block_of = block_of.next()
                items.add(block_of)
            cursor.movePosition(QTextCursor.End)


class MarkupPreview(QTextEdit):
    """Read-only preview; ``show(text)`` lays out ``text``."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName("Vorschau des Textes")
        self.setReadOnly(True)
        self.setAcceptRichText(False)

    def show_text(self, text: str) -> None:
        show_markup(self, text)

    def plain(self) -> str:
        return self.toPlainText()
