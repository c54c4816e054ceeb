"""Content that is the same on every form of a stack, laid out and drawn once per PDF.

A school's stack of 2,000 consent forms repeats the same information text, declaration and
options on every page. ``SharedContent`` lays them out once and draws them into one PDF form
XObject that each page references: the text stays real, extractable text (in the XObject),
the file stays small, and a stack renders several times faster. When the block does not fit
in the space left on a page, it falls back to ordinary flowables that break across pages.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from reportlab.platypus import Flowable, KeepTogether

_names = itertools.count(1)
_BLEED = 6.0
"""Points around the block inside the XObject's box: box lines drawn on the edge stay whole."""


def _flat(flowables: list[Flowable]) -> list[Flowable]:
    """KeepTogether groups opened up: the shared block is kept together as a whole."""
    result: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            result.extend(_flat(list(flowable._content)))
        else:
            result.append(flowable)
    return result


class SharedContent:
    """One block of identical flowables; ``build`` makes fresh ones (layout consumes them).
    Hand ``block()`` to every form of the stack."""

    def __init__(self, build: Callable[[], list[Flowable]]) -> None:
        self.build = build
        self.name = f"dpoShared{next(_names)}"
        self._heights: dict[float, float] = {}

    def block(self) -> SharedBlock:
        return SharedBlock(self)

    def height(self, width: float) -> float:
        if width not in self._heights:
            self._heights[width] = sum(
                before + height + after
                for _, before, _, height, after in _stack(_flat(self.build()), width, None)
            )
        return self._heights[width]


Placed = tuple[Flowable, float, float, float, float]


def _stack(flowables: list[Flowable], width: float, canvas: object | None) -> list[Placed]:
    """(flowable, space above, its width, its height, space below) in order, as a frame
    would place them (no space above the first)."""
    placed: list[Placed] = []
    for index, flowable in enumerate(flowables):
        if canvas is None:
            used_width, height = flowable.wrap(width, 10_000)
        else:
            used_width, height = flowable.wrapOn(canvas, width, 10_000)
        before = flowable.getSpaceBefore() if index else 0.0
        placed.append((flowable, before, used_width, height, flowable.getSpaceAfter()))
    return placed


class SharedBlock(Flowable):
    """Where the shared content goes on one form."""

    def __init__(self, content: SharedContent) -> None:
        super().__init__()
        self.content = content

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.content.height(available_width)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return self.content.build()

    def draw(self) -> None:
        canvas = self.canv
        name = f"{self.content.name}w{round(self.width * 100)}"
        if not canvas.hasForm(name):
            canvas.beginForm(name, -_BLEED, -_BLEED, self.width + _BLEED, self.height + _BLEED)
            top = self.height
            placed = _stack(_flat(self.content.build()), self.width, canvas)
            for flowable, before, used_width, height, after in placed:
                top -= before + height
                x = 0.0
                align = str(getattr(flowable, "hAlign", "LEFT")).upper()
                if align in ("CENTER", "CENTRE"):
                    x = (self.width - used_width) / 2
                elif align == "RIGHT":
                    x = self.width - used_width
                flowable.drawOn(canvas, x, top)
                top -= after
            canvas.endForm()
        canvas.doForm(name)
