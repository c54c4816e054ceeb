"""Content that is the same on every form of a stack, laid out and drawn once per PDF.

A school's stack of 2,000 consent forms repeats the same letterhead, information text,
declaration and options on every page. ``SharedContent`` lays them out once and draws them
into PDF form XObjects that each page references: the text stays real, extractable text
(inside the XObject), the file stays small, and a stack renders several times faster.

The content is a list of units (a paragraph, a table, a ``KeepTogether`` group); a page
break may fall between units, never inside one, and not right after a heading that keeps
with the next unit. A unit taller than a whole page falls back to ordinary flowables.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether

_names = itertools.count(1)
_BLEED = 6.0
"""Points around a block inside its XObject's box: lines drawn on the edge stay whole."""
_ANY_HEIGHT = 100_000.0

Metrics = tuple[float, float, float, float]
"""Space above, width, height, space below of one flowable."""


def _flat(unit: Flowable) -> list[Flowable]:
    if isinstance(unit, KeepTogether):
        return [item for inner in unit._content for item in _flat(inner)]
    return [unit]


def _measure(flowable: Flowable, width: float, canvas: Canvas | None) -> Metrics:
    if canvas is None:
        used, height = flowable.wrap(width, _ANY_HEIGHT)
    else:
        used, height = flowable.wrapOn(canvas, width, _ANY_HEIGHT)
    return flowable.getSpaceBefore(), used, height, flowable.getSpaceAfter()


class SharedContent:
    """Units built fresh by ``build`` (layout consumes flowables) and measured once per
    width. ``page_height``: the tallest block a page can take (the frame height)."""

    def __init__(self, build: Callable[[], list[Flowable]], page_height: float) -> None:
        self.build = build
        self.page_height = page_height
        self.name = f"dpoShared{next(_names)}"
        self._metrics: dict[float, list[list[Metrics]]] = {}
        self._keep: list[bool] = []

    def block(self) -> SharedBlock:
        return SharedBlock(self, 0, None)

    def metrics(self, width: float) -> list[list[Metrics]]:
        if width not in self._metrics:
            units = self.build()
            self._keep = [bool(unit.getKeepWithNext()) for unit in units]
            self._metrics[width] = [
                [_measure(item, width, None) for item in _flat(unit)] for unit in units
            ]
        return self._metrics[width]

    def height(self, width: float, start: int, end: int) -> float:
        items = [m for unit in self.metrics(width)[start:end] for m in unit]
        total = sum(before + height + after for before, _, height, after in items)
        return total - (items[0][0] if items else 0.0)

    def cut(self, width: float, start: int, room: float) -> int:
        """The first unit from ``start`` that no longer fits into ``room`` (a heading
        that keeps with the next unit moves along with it)."""
        count = len(self.metrics(width))
        end = start
        while end < count and self.height(width, start, end + 1) <= room:
            end += 1
        while end > start and end < count and self._keep[end - 1]:
            end -= 1
        return end

    def draw(self, canvas: Canvas, width: float, start: int, end: int, height: float) -> None:
        """Draw units [start, end) once per PDF as a form, and reference it here."""
        name = f"{self.name}w{round(width * 100)}s{start}e{end}"
        if not canvas.hasForm(name):
            canvas.beginForm(name, -_BLEED, -_BLEED, width + _BLEED, height + _BLEED)
            top = height
            items = [item for unit in self.build()[start:end] for item in _flat(unit)]
            for index, item in enumerate(items):
                before, used, item_height, after = _measure(item, width, canvas)
                top -= (before if index else 0.0) + item_height
                align = str(getattr(item, "hAlign", "LEFT")).upper()
                x = {"CENTER": (width - used) / 2, "CENTRE": (width - used) / 2}.get(align, 0.0)
                item.drawOn(canvas, width - used if align == "RIGHT" else x, top)
                top -= after
            canvas.endForm()
        canvas.doForm(name)


class SharedBlock(Flowable):
    """Units [start, end) of shared content on one form; ``end`` None: all the rest, which
    splits between units when the page is full."""

    def __init__(self, content: SharedContent, start: int, end: int | None) -> None:
        super().__init__()
        self.content = content
        self.start = start
        self.end = end

    def _end(self, width: float) -> int:
        return len(self.content.metrics(width)) if self.end is None else self.end

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.content.height(available_width, self.start, self._end(self.width))
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        content, start = self.content, self.start
        end = self._end(available_width)
        cut = content.cut(available_width, start, available_height)
        if cut > start:
            rest = [SharedBlock(content, cut, self.end)] if cut < end else []
            return [SharedBlock(content, start, cut), *rest]
        if content.height(available_width, start, start + 1) <= content.page_height:
            return []  # the next unit fits on the next page
        # A unit taller than a page: split it as an ordinary flowable, share the rest.
        unit = content.build()[start]
        unit.wrap(available_width, available_height)
        pieces = unit.split(available_width, available_height)
        rest = [SharedBlock(content, start + 1, self.end)] if start + 1 < end else []
        return [*pieces, *rest] if pieces else []

    def draw(self) -> None:
        end = self._end(self.width)
        self.content.draw(self.canv, self.width, self.start, end, self.height)
