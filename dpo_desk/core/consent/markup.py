"""The small Markdown subset of template texts: headings, paragraphs, bullet lists, bold.

- ``# Titel``, ``## Abschnitt``, ``### Unterabschnitt`` (a line of its own) are headings;
- lines starting with ``- ``, ``* `` or ``• `` are the items of a bullet list;
- ``**fett**`` inside a line is bold;
- a blank line ends a paragraph; a single line break stays a line break (addresses,
  signature lines are typed that way).

Anything else is text: ``#### vier``, ``*kursiv*``, ``1. Punkt``, ``<b>``, ``[Link](…)``,
an unmatched ``**`` – printed exactly as typed, never dropped. The same parse feeds the
printout (``reports.consent.markup``) and the editor's preview, so they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_HEADING = re.compile(r"^(#{1,3})[ \t]+(\S.*?)[ \t]*#*[ \t]*$")
_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+(\S.*)$")
_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")
MAX_HEADING_LEVEL = 3


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLETS = "bullets"


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Block:
    """A heading (one line, ``level`` 1-3), a paragraph (its lines) or a bullet list (one
    line per item)."""

    kind: BlockKind
    lines: tuple[Line, ...]
    level: int = 0

    @property
    def plain(self) -> str:
        return "\n".join("".join(span.text for span in line) for line in self.lines)


def spans(text: str) -> Line:
    """``**bold**`` parts and plain parts of one line, in order; nothing lost."""
    result: list[Span] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            result.append(Span(text[position : match.start()]))
        result.append(Span(match.group(1), bold=True))
        position = match.end()
    if position < len(text):
        result.append(Span(text[position:]))
    return tuple(result)


def parse(text: str) -> list[Block]:
    """The blocks of a template text (empty text: no blocks)."""
    blocks: list[Block] = []
    paragraph: list[Line] = []
    bullets: list[Line] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, tuple(paragraph)))
            paragraph.clear()
        if bullets:
            blocks.append(Block(BlockKind.BULLETS, tuple(bullets)))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif heading := _HEADING.match(line):
            flush()
            level = len(heading.group(1))
            blocks.append(Block(BlockKind.HEADING, (spans(heading.group(2)),), level))
        elif bullet := _BULLET.match(line):
            if paragraph:
                flush()
            bullets.append(spans(bullet.group(1)))
        else:
            if bullets:
                flush()
            paragraph.append(spans(line.strip()))
    flush()
    return blocks


def plain_text(text: str) -> str:
    """The text without its markup (headings, bullets and bold marks removed)."""
    parts = []
    for block in parse(text):
        if block.kind is BlockKind.BULLETS:
            parts.append("\n".join(f"• {line}" for line in block.plain.split("\n")))
        else:
            parts.append(block.plain)
    return "\n\n".join(parts)
