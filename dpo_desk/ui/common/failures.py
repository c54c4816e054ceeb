"""How a failed write is shown: one place for every kind of failure.

- validation problems: in the form's error label when it has one, else a message;
- a stale save (someone else changed the record): a dialog naming who and when, with what
  differs, offering to reload;
- a record deleted meanwhile, a busy database, a rejected file or printout: a message;
- anything else: the excepthook's dialog (type and code locations are logged, no data).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.services.errors import RecordGone, StaleEdit
from dpo_desk.ui.common.screen import fit_to_screen

PROBLEM_OBJECT = "problemMessage"

ErrorTarget = QLabel | Callable[[list[Problem]], None]
"""Where a form shows its problems: its error label, or a function that marks its fields."""


def _show_in(target: ErrorTarget, problems: list[Problem]) -> None:
    if isinstance(target, QLabel):
        target.setText("\n".join(p.message for p in problems))
    else:
        target(problems)


def _known_messages() -> tuple[type[Exception], ...]:
    """Failures whose message is already a German sentence for the user."""
    from dpo_desk.paths import DataDirError
    from dpo_desk.reports.atomic import DocumentError
    from dpo_desk.services.errors import AccessDenied
    from dpo_desk.services.exchange.archive import ArchiveError
    from dpo_desk.store.backup import BackupError
    from dpo_desk.store.database import DatabaseError

    # AccessDenied: a role without the right (server mode), named with school and role.
    return (DocumentError, BackupError, DatabaseError, DataDirError, ArchiveError, AccessDenied)


def show_failure(
    exc: Exception,
    parent: QWidget,
    *,
    errors: ErrorTarget | None = None,
    on_reload: Callable[[], None] | None = None,
    on_gone: Callable[[], None] | None = None,
) -> QWidget | None:
    """Tell the user what went wrong; returns the dialog shown (None: label or excepthook)."""
    if isinstance(exc, ValidationError):
        if errors is not None:
            _show_in(errors, list(exc.problems))
            return None
        text = "\n".join(p.message for p in exc.problems)
        return _message(parent, "Bitte prüfen", text, QMessageBox.Warning)
    if isinstance(exc, StaleEdit):
        dialog = StaleEditDialog(exc, parent, on_reload)
        dialog.open()
        return dialog
    if isinstance(exc, RecordGone):
        box = _message(parent, "Nicht mehr vorhanden", str(exc), QMessageBox.Warning)
        if on_gone is not None:
            box.finished.connect(lambda _result: on_gone())
        return box
    if isinstance(exc, _known_messages()):
        if errors is not None:
            _show_in(errors, [Problem("", str(exc))])
            return None
        return _message(parent, "Nicht möglich", str(exc), QMessageBox.Warning)
    sys.excepthook(type(exc), exc, exc.__traceback__)
    return None


def _message(parent: QWidget, title: str, text: str, icon: QMessageBox.Icon) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    box.setObjectName(PROBLEM_OBJECT)
    box.setTextFormat(Qt.PlainText)
    box.button(QMessageBox.Ok).setText("OK")
    box.open()
    return box


class StaleEditDialog(QDialog):
    """Someone else saved the record while this editor was open: nothing was overwritten.

    Shows who and when, the fields where the stored record and the input differ, and offers
    "Neu laden" (the editor shows the stored state; the input is lost) or to go back to the
    editor (to copy something out of it first).
    """

    def __init__(
        self, stale: StaleEdit, parent: QWidget, on_reload: Callable[[], None] | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staleEditDialog")
        self.setWindowTitle(self.tr("Inzwischen geändert"))
        self.stale = stale
        text = QLabel(stale.message)
        text.setObjectName("staleEditMessage")
        text.setTextFormat(Qt.PlainText)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        self.table = QTableWidget(len(stale.differences), 3)
        self.table.setObjectName("staleEditDifferences")
        self.table.setAccessibleName(self.tr("Unterschiede"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Feld"), self.tr("Jetzt gespeichert"), self.tr("Ihre Eingabe")]
        )
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        for row, difference in enumerate(stale.differences):
            for column, value in enumerate((difference.field, difference.stored, difference.yours)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if stale.differences:
            layout.addWidget(
                QLabel(self.tr("Unterschiede zwischen dem Gespeicherten und Ihrer Eingabe:"))
            )
            layout.addWidget(self.table, 1)
        else:
            self.table.hide()
        buttons = QDialogButtonBox()
        self.reload_button = None
        if on_reload is not None:
            self.reload_button = buttons.addButton(
                self.tr("Neu laden"), QDialogButtonBox.AcceptRole
            )
            self.reload_button.setObjectName("staleReloadButton")
            self.accepted.connect(on_reload)
        back = buttons.addButton(self.tr("Zurück zur Eingabe"), QDialogButtonBox.RejectRole)
        back.setObjectName("staleBackButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 360 if stale.differences else 160)
