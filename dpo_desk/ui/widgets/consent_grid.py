"""The recording grid: the students of a class by the options of a template.

Keyboard-first: J or Y sets JA, N sets NEIN, "-" marks a box left empty, Space toggles,
digits type the signing date written on the form (optional), U marks the signatures the
student's age requires (in the signature column E and S tick guardians and student one by
one), Entf clears. Arrows and Enter move. A row whose options
and signatures are all entered is handed to ``row_completed`` to be saved at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from dpo_desk.core.consent import SIGNER_LABELS, SignerRole
from dpo_desk.services.consent_overview import StudentConsent

Index = QModelIndex | QPersistentModelIndex
BLANK = "blank"
"""A box left empty (or both ticked) on the paper form: stored as no answer."""
YES_COLOUR = QColor("#d9f2d9")
NO_COLOUR = QColor("#f8d7d7")
BLANK_COLOUR = QColor("#fdf0c4")
PENDING_COLOUR = QColor("#fff7d6")
STUDENT_ROLE = Qt.UserRole + 10
SHORT_SIGNERS = {SignerRole.GUARDIANS: "Eltern", SignerRole.STUDENT: "Schüler/in"}

Answer = bool | str  # True, False or BLANK
NOTED = {
    "revoked": QColor("#f9d9b0"),
    "incomplete": QColor("#fbefb0"),
    "expired": QColor("#dcd3ea"),
}
"""States shown next to the answer on the form, which alone would mislead."""


@dataclass
class GridRow:
    student: StudentConsent
    pending: dict[str, Answer] = field(default_factory=dict)
    pending_signers: frozenset[SignerRole] | None = None
    pending_signed_on: str | None = None
    """The signing date as typed ("12.9." or "12.09.2026"); optional."""
    saved_event_id: int | None = None
    """The entry saved from this grid in this sitting (typing again corrects it)."""
    message: str = ""

    @property
    def editing(self) -> bool:
        return (
            bool(self.pending)
            or self.pending_signers is not None
            or self.pending_signed_on is not None
        )


def answer_text(value: Answer | None) -> str:
    if value is True:
        return "JA"
    if value is False:
        return "NEIN"
    if value == BLANK:
        return "leer"
    return ""


def signers_text(signers: frozenset[SignerRole] | None, required: tuple[SignerRole, ...]) -> str:
    if signers is None:
        return ""
    if set(required) <= signers and signers:
        return "✓ " + ", ".join(SHORT_SIGNERS[r] for r in required)
    missing = [SHORT_SIGNERS[r] for r in required if r not in signers]
    return "fehlt: " + ", ".join(missing)


class ConsentGridModel(QAbstractTableModel):
    """Column 0 the student, then one column per option, then signatures and state."""

    def __init__(self) -> None:
        super().__init__()
        self.options: list[tuple[str, str]] = []
        self.rows: list[GridRow] = []

    # --- shape ---------------------------------------------------------------------------

    def set_rows(self, options: list[tuple[str, str]], students: list[StudentConsent]) -> None:
        self.beginResetModel()
        self.options = list(options)
        self.rows = [GridRow(student) for student in students]
        self.endResetModel()

    @property
    def date_column(self) -> int:
        return len(self.options) + 1

    @property
    def signature_column(self) -> int:
        return len(self.options) + 2

    @property
    def state_column(self) -> int:
        return len(self.options) + 3

    def option_of(self, column: int) -> str | None:
        return self.options[column - 1][0] if 1 <= column <= len(self.options) else None

    def row_of_student(self, student_id: int) -> int | None:
        return next(
            (i for i, row in enumerate(self.rows) if row.student.student_id == student_id), None
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.options) + 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if section == 0:
            return "Schüler/in"
        if section == self.date_column:
            return "Unterschrieben am"
        if section == self.signature_column:
            return "Unterschriften"
        if section == self.state_column:
            return "Stand"
        return self.options[section - 1][1]

    # --- values --------------------------------------------------------------------------

    def shown_answer(self, row: GridRow, key: str) -> Answer | None:
        if row.editing:
            return row.pending.get(key)
        form = row.student.latest_form
        if form is None:
            return None
        value = form.answers.get(key, "missing")
        if value == "missing":
            return None
        return BLANK if value is None else value

    def shown_signed_on(self, row: GridRow) -> str:
        if row.editing:
            return row.pending_signed_on or ""
        form = row.student.latest_form
        return "" if form is None or form.signed_on is None else f"{form.signed_on:%d.%m.%Y}"

    def shown_signers(self, row: GridRow) -> frozenset[SignerRole] | None:
        if row.editing:
            return row.pending_signers
        form = row.student.latest_form
        return None if form is None else frozenset(form.signed_by)

    def state_text(self, row: GridRow) -> str:
        if row.message:
            return row.message
        if row.editing:
            left = sum(1 for key, _ in self.options if key not in row.pending)
            left += row.pending_signers is None
            return f"Eingabe läuft – noch {left} offen"
        if row.saved_event_id is not None:
            return "✓ gespeichert"
        form = row.student.latest_form
        if form is None:
            return "nicht abgegeben"
        return f"erfasst, Eingang {form.received_on:%d.%m.%Y}"

    def data(self, index: Index, role: int = Qt.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        key = self.option_of(column)
        if role == STUDENT_ROLE:
            return row.student.student_id
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            if column == 0:
                return row.student.name
            if key is not None:
                text = answer_text(self.shown_answer(row, key))
                state = row.student.states.get(key)
                if not row.editing and state is not None and state.state.value in NOTED:
                    text += f" – {state.state.label}"
                return text
            if column == self.date_column:
                return self.shown_signed_on(row)
            if column == self.signature_column:
                return signers_text(self.shown_signers(row), row.student.required_signers)
            return self.state_text(row)
        if role == Qt.ToolTipRole and column == self.date_column:
            return "Datum auf dem Formular, z. B. 12.9. oder 12.09.2026 (freiwillig)"
        if role == Qt.ToolTipRole and column == self.signature_column:
            needed = ", ".join(SIGNER_LABELS[r] for r in row.student.required_signers)
            return f"Nötig: {needed}. U = alle nötigen, E = Eltern, S = Schüler/in, N = fehlt"
        if role == Qt.BackgroundRole:
            if key is not None:
                value = self.shown_answer(row, key)
                if row.editing and value is None:
                    return QBrush(PENDING_COLOUR)
                state = row.student.states.get(key)
                if not row.editing and state is not None and state.state.value in NOTED:
                    return QBrush(NOTED[state.state.value])
                colour = {True: YES_COLOUR, False: NO_COLOUR, BLANK: BLANK_COLOUR}.get(value)
                return QBrush(colour) if colour is not None else None
            if row.editing and column == self.signature_column:
                return QBrush(PENDING_COLOUR)
        if role == Qt.TextAlignmentRole and key is not None:
            return int(Qt.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags

    # --- editing -------------------------------------------------------------------------

    def _changed(self, row_index: int) -> None:
        self.dataChanged.emit(self.index(row_index, 0), self.index(row_index, self.state_column))

    def begin_edit(self, row_index: int) -> GridRow:
        """Start (or continue) typing a row; a row saved in this sitting starts from what
        was saved, so that only the changed box must be typed again."""
        row = self.rows[row_index]
        row.message = ""
        if not row.editing and row.saved_event_id is not None:
            saved = {key: self.shown_answer(row, key) for key, _ in self.options}
            signers = self.shown_signers(row)
            signed_on = self.shown_signed_on(row)
            row.pending = {key: value for key, value in saved.items() if value is not None}
            row.pending_signers = signers
            row.pending_signed_on = signed_on or None
        return row

    def set_answer(self, row_index: int, key: str, value: Answer | None) -> None:
        row = self.begin_edit(row_index)
        if value is None:
            row.pending.pop(key, None)
        else:
            row.pending[key] = value
        self._changed(row_index)

    def set_signed_on(self, row_index: int, text: str | None) -> None:
        row = self.begin_edit(row_index)
        row.pending_signed_on = text or None
        self._changed(row_index)

    def set_signers(self, row_index: int, signers: frozenset[SignerRole] | None) -> None:
        row = self.begin_edit(row_index)
        row.pending_signers = signers
        self._changed(row_index)

    def is_complete(self, row_index: int) -> bool:
        row = self.rows[row_index]
        return (
            row.editing
            and all(key in row.pending for key, _ in self.options)
            and row.pending_signers is not None
        )

    def mark_saved(self, row_index: int, student: StudentConsent, event_id: int | None) -> None:
        """After saving (or undoing): show the stored state and forget the typing."""
        self.rows[row_index] = GridRow(student, saved_event_id=event_id)
        self._changed(row_index)

    def mark_problem(self, row_index: int, message: str) -> None:
        self.rows[row_index].message = message
        self._changed(row_index)


class ConsentGridView(QTableView):
    """Turns the secretary's keys into cell values; emits ``row_completed(row)``."""

    row_completed = Signal(int)
    leave_requested = Signal()

    def __init__(self, model: ConsentGridModel, parent=None) -> None:
        super().__init__(parent)
        self.grid = model
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
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignCenter | Qt.TextWordWrap)
        header.setMinimumHeight(40)

    def layout_columns(self) -> None:
        self.setColumnWidth(0, 200)
        for column in range(1, self.grid.date_column):
            self.setColumnWidth(column, 150 if len(self.grid.options) < 4 else 115)
        self.setColumnWidth(self.grid.date_column, 125)
        self.setColumnWidth(self.grid.signature_column, 150)

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
