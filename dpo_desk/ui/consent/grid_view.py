"""The keyboard side of the recording grid: the secretary's keys become cell values.

J or Y sets JA, N sets NEIN, "-" marks a box left empty, Space toggles, digits type the
signing date written on the form (optional), U marks the signatures the student's age
requires (in the signature column E and S tick guardians and student one by one), F
asks for another text version (the paper is an older printout), Entf clears. Arrows and
Enter move. A completed row is handed on at once (``row_completed``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from dpo_desk.core.consent.values import (
    SignerRole,
)
from dpo_desk.ui.consent.grid_model import BLANK, ConsentGridModel

EDIT_KEYS = frozenset("jyn-uesf0123456789.")
"""Keys that change a row's answers, date or signatures."""


class ConsentGridView(QTableView):
    """Turns the secretary's keys into cell values; emits ``row_completed(row)``."""

    row_completed = Signal(int)
    leave_requested = Signal()
    version_requested = Signal(int)
    """F (or Space in the version column): the row's paper is of another text version."""

    def __init__(self, model: ConsentGridModel, parent=None) -> None:
        super().__init__(parent)
        self.grid = model
        self.confirm_correction: Callable[[int], bool] | None = None
        """Asked before a key changes a row saved in this sitting (a correction)."""
        self.setModel(model)
        self.setObjectName("consentGrid")
        self.setAccessibleName("Erfassung: Schüler und Optionen")
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignCenter | Qt.TextWordWrap)
        # Three lines: an option such as "Presse (örtliche Zeitung)" wraps instead of being cut.
        header.setMinimumHeight(3 * header.fontMetrics().lineSpacing() + 8)

    def layout_columns(self) -> None:
        """Options share what the name, date, signature and state columns leave."""
        self.setColumnWidth(0, 200)
        self.setColumnWidth(self.grid.date_column, 115)
        self.setColumnWidth(self.grid.signature_column, 140)
        self.setColumnWidth(self.grid.state_column, 150)
        # "Fassung 12 vom 12.09.2026 · gewählt": never squeezed by the stretched last column.
        self.setColumnWidth(self.grid.version_column, 240)
        count = max(1, len(self.grid.options))
        spare = self.viewport().width() - 200 - 115 - 140 - 150 - 190
        # Never narrower than the longest word of an option's label ("Schulhomepage").
        metrics = self.horizontalHeader().fontMetrics()
        words = [word for _, label in self.grid.options for word in label.split()]
        longest = max((metrics.horizontalAdvance(word) for word in words), default=0) + 16
        width = max(90, longest, min(160, spare // count))
        for column in range(1, self.grid.date_column):
            self.setColumnWidth(column, width)

    def go_to(self, row: int, column: int = 1) -> None:
        if 0 <= row < self.grid.rowCount():
            self.setCurrentIndex(self.grid.index(row, column))
            self.scrollTo(self.grid.index(row, column))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if not index.isValid() or event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            super().keyPressEvent(event)
            return
        row, column = index.row(), index.column()
        key = event.key()
        text = event.text().lower()
        if key in (Qt.Key_Return, Qt.Key_Enter):
            self.go_to(row + 1, 1)
            return
        if key == Qt.Key_Escape:
            if self.grid.cancel_edit(row):
                self.go_to(row, 1)
                return
            super().keyPressEvent(event)
            return
        if self._saved_row_kept(row, key, text):
            return
        if text == "f" or (column == self.grid.version_column and key == Qt.Key_Space):
            self.version_requested.emit(row)
            return
        option = self.grid.option_of(column)
        if column == 0 and text in ("j", "y", "n", "-", " ", "u"):
            column = 1
            option = self.grid.option_of(column)
        if option is not None and self._option_key(row, column, option, key, text):
            return
        if column == self.grid.date_column:
            if self._date_key(row, key, text):
                return
            if text in ("j", "y", "n", "e", "s") or key == Qt.Key_Space:
                column = self.grid.signature_column  # the date is optional: sign right away
        if column == self.grid.signature_column and self._signature_key(row, key, text):
            return
        if text == "u":
            self._all_signed(row)
            return
        super().keyPressEvent(event)

    def _saved_row_kept(self, row: int, key: int, text: str) -> bool:
        """True when a key would change a row saved in this sitting and the person did not
        want a correction (``confirm_correction`` asks; nothing asks without it)."""
        grid_row = self.grid.rows[row]
        if grid_row.saved_event_id is None or grid_row.editing:
            return False
        edits = (text and text in EDIT_KEYS) or key in (
            Qt.Key_Space,
            Qt.Key_Delete,
            Qt.Key_Backspace,
        )
        if not edits or self.confirm_correction is None:
            return False
        return not self.confirm_correction(row)

    def _option_key(self, row: int, column: int, option: str, key: int, text: str) -> bool:
        values = {"j": True, "y": True, "n": False, "-": BLANK}
        if text in values:
            self.grid.set_answer(row, option, values[text])
            self._after_entry(row, column)
            return True
        if key == Qt.Key_Space:
            current = self.grid.shown_answer(self.grid.rows[row], option)
            self.grid.set_answer(row, option, current is not True)
            self._check_complete(row)
            return True
        if key in (Qt.Key_Delete, Qt.Key_Backspace):
            self.grid.set_answer(row, option, None)
            return True
        return False

    def keyboardSearch(self, search: str) -> None:
        """Stray letters do not jump to another student (it would go unnoticed)."""

    def _date_key(self, row: int, key: int, text: str) -> bool:
        typed = self.grid.rows[row].pending_signed_on or ""
        if text and (text.isdigit() or text in ".,"):
            self.grid.set_signed_on(row, typed + text.replace(",", "."))
        elif key == Qt.Key_Backspace:
            self.grid.set_signed_on(row, typed[:-1])
        elif key == Qt.Key_Delete:
            self.grid.set_signed_on(row, None)
        else:
            return False
        return True

    def _signature_key(self, row: int, key: int, text: str) -> bool:
        grid_row = self.grid.rows[row]
        current = self.grid.shown_signers(grid_row) or frozenset()
        if text in ("j", "y", "u"):
            self._all_signed(row)
        elif text == "n":
            self.grid.set_signers(row, frozenset())
            self._check_complete(row)
        elif text in ("e", "s"):
            role = SignerRole.GUARDIANS if text == "e" else SignerRole.STUDENT
            self.grid.set_signers(row, current ^ {role})
        elif key == Qt.Key_Space:
            required = frozenset(grid_row.student.required_signers)
            self.grid.set_signers(row, frozenset() if required <= current else required)
        elif key in (Qt.Key_Delete, Qt.Key_Backspace):
            self.grid.set_signers(row, None)
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self._check_complete(row)
        else:
            return False
        return True

    def _all_signed(self, row: int) -> None:
        self.grid.set_signers(row, frozenset(self.grid.rows[row].student.required_signers))
        if not self._check_complete(row):
            self.go_to(row, self._first_open_column(row))

    def _first_open_column(self, row: int) -> int:
        pending = self.grid.rows[row].pending
        for column in range(1, self.grid.date_column):
            if self.grid.option_of(column) not in pending:
                return column
        return self.grid.signature_column

    def _after_entry(self, row: int, column: int) -> None:
        if not self._check_complete(row):
            self.go_to(row, min(column + 1, self.grid.signature_column))

    def _check_complete(self, row: int) -> bool:
        if self.grid.is_complete(row):
            self.row_completed.emit(row)
            return True
        return False
