"""Dropping the personal data the pages hold while the app is locked, and reloading after.

Every record list a page shows is a model; locking empties them (a model offers
``forget()``; a ``QStandardItemModel`` loses its rows) and clears read-only text views (the
participants list). Choice lists (combo boxes, item widgets with class names or measure
titles, which may carry the user's half-made selection) stay. Unlocking reloads the visible
page and marks the others stale. Dialogs are left alone: they keep what the user typed.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QStringListModel
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)


def _source(model: QAbstractItemModel) -> QAbstractItemModel:
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    return model


def _choice_list(widget: QWidget) -> bool:
    if isinstance(widget, (QListWidget, QTreeWidget, QTableWidget)):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def page_models(page: QWidget) -> list[QAbstractItemModel]:
    """The source models behind every list, table and tree on ``page`` (a combo box's
    choices are labels, not records, and stay)."""
    found: list[QAbstractItemModel] = []
    candidates = [
        view.model() for view in page.findChildren(QAbstractItemView) if not _choice_list(view)
    ]
    for model in candidates:
        if model is None:
            continue
        source = _source(model)
        if source not in found:
            found.append(source)
    return found


def forget_model(model: QAbstractItemModel) -> bool:
    """Empty ``model``; False when it offers no way to."""
    forget = getattr(model, "forget", None)
    if callable(forget):
        forget()
    elif isinstance(model, QStandardItemModel):
        model.removeRows(0, model.rowCount())
    elif isinstance(model, QStringListModel):
        model.setStringList([])
    else:
        return model.rowCount() == 0
    return True


def forget_pages(pages: list[QWidget]) -> list[QAbstractItemModel]:
    """Empty every page's models and read-only texts; returns models it could not empty."""
    stubborn = []
    for page in pages:
        for model in page_models(page):
            if not forget_model(model):
                stubborn.append(model)
        for text in page.findChildren(QPlainTextEdit) + page.findChildren(QTextEdit):
            if text.isReadOnly():
                text.clear()
    return stubborn


def reload_pages(pages: list[QWidget], current: QWidget | None) -> None:
    """After unlocking: the visible page reloads now, the others when next shown."""
    for page in pages:
        set_later = getattr(page, "set_school_later", None)
        if callable(set_later):
            set_later(getattr(page, "school_id", None))
    refresh = getattr(current, "refresh", None)
    if callable(refresh):
        current._stale = False  # type: ignore[union-attr]
        refresh()
