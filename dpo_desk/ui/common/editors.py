"""One editor per record: asking again for a record that is already open brings that
dialog to the front instead of opening a second, stale one.

Each main window keeps its own registry (``Operations.editors``): two windows are like two
copies of the program, and the version counters catch a save that the other one made stale.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

D = TypeVar("D", bound=QDialog)


class Editors:
    def __init__(self) -> None:
        self._open: dict[Hashable, QDialog] = {}

    def open(self, key: Hashable, create: Callable[[], D]) -> D:
        """The open dialog for ``key`` (raised), or a new one from ``create`` (opened).

        ``key`` names the record, e.g. ``("activity", 12)``; with None as the id (a record
        not yet saved) every request opens a new dialog.
        """
        existing = self._open.get(key)
        if existing is not None and isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing  # type: ignore[return-value]
        dialog = create()
        if isinstance(key, tuple) and key and key[-1] is None:
            dialog.open()
            return dialog
        self._open[key] = dialog
        dialog.finished.connect(lambda _result, k=key, d=dialog: self._forget(k, d))
        dialog.destroyed.connect(lambda _obj=None, k=key, d=dialog: self._forget(k, d))
        dialog.open()
        return dialog

    def _forget(self, key: Hashable, dialog: QDialog) -> None:
        if self._open.get(key) is dialog:
            del self._open[key]

    def shown(self) -> list[QDialog]:
        """The record editors open now (the main window asks before closing them)."""
        return [d for d in self._open.values() if isValid(d) and d.isVisible()]
