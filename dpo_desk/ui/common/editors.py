"""One editor per record: asking again for a record that is already open brings that
dialog to the front instead of opening a second, stale one."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

D = TypeVar("D", bound=QDialog)

_open: dict[Hashable, QDialog] = {}


def open_editor(key: Hashable, create: Callable[[], D]) -> D:
    """The open dialog for ``key`` (raised), or a new one from ``create`` (opened).

    ``key`` names the record, e.g. ``(database path, "activity", 12)``; for a record not yet
    saved use None as its id and every request opens a new dialog.
    """
    existing = _open.get(key)
    if existing is not None and isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing  # type: ignore[return-value]
    dialog = create()
    if isinstance(key, tuple) and key and key[-1] is None:
        dialog.open()
        return dialog
    _open[key] = dialog
    dialog.finished.connect(lambda _result, k=key, d=dialog: _forget(k, d))
    dialog.destroyed.connect(lambda _obj=None, k=key, d=dialog: _forget(k, d))
    dialog.open()
    return dialog


def _forget(key: Hashable, dialog: QDialog) -> None:
    if _open.get(key) is dialog:
        del _open[key]


def open_editors() -> list[QDialog]:
    """The record editors open now (the main window asks before closing them)."""
    return [d for d in _open.values() if isValid(d) and d.isVisible()]
