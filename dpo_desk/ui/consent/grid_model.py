"""The recording grid's model: the students of a class by the options of a template, with
what is being typed per row (``consent_grid_view`` turns keys into these values). A row
is complete when every option and the signatures are entered; the date is optional.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from dpo_desk.core.consent.values import (
    SIGNER_LABELS,
    SignerRole,
)
from dpo_desk.services.consent.overview import StudentConsent
from dpo_desk.ui.common.text import plain_tooltip
from dpo_desk.ui.consent.grid_versions import RowVersions

Index = QModelIndex | QPersistentModelIndex
BLANK = "blank"
"""A box left empty (or both ticked) on the paper form: stored as no answer."""
YES_COLOUR = QColor("#d9f2d9")
NO_COLOUR = QColor("#f8d7d7")
BLANK_COLOUR = QColor("#fdf0c4")
PENDING_COLOUR = QColor("#fff7d6")
STUDENT_ROLE = Qt.UserRole + 10
# The roles as plain ints, compared in ``data`` (called some thousand times per class
# shown): every ``Qt.DisplayRole`` there was a lookup through Python's enum machinery.
DISPLAY = int(Qt.DisplayRole)
ACCESSIBLE = int(Qt.AccessibleTextRole)
TOOLTIP = int(Qt.ToolTipRole)
BACKGROUND = int(Qt.BackgroundRole)
ALIGNMENT = int(Qt.TextAlignmentRole)
STUDENT = int(STUDENT_ROLE)
CENTRED = int(Qt.AlignCenter)
HANDLED = frozenset({DISPLAY, ACCESSIBLE, TOOLTIP, BACKGROUND, ALIGNMENT, STUDENT})
CELL_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
SHORT_SIGNERS = {SignerRole.GUARDIANS: "Eltern", SignerRole.STUDENT: "Schüler/in"}

Answer = bool | str  # True, False or BLANK
NOTED = {
    "revoked": QColor("#f9d9b0"),
    "incomplete": QColor("#fbefb0"),
    "expired": QColor("#dcd3ea"),
    "renewal_due": QColor("#d3e3f5"),
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
    version: int | None = None
    """The text version chosen for the paper being typed (key F); None: the default."""

    @property
    def editing(self) -> bool:
        return (
            bool(self.pending)
            or self.pending_signers is not None
            or self.pending_signed_on is not None
            or self.version is not None
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
    """Column 0 the student, then one column per option, then date, signatures, state and
    the text version the row is recorded against."""

    def __init__(self) -> None:
        super().__init__()
        self.options: list[tuple[str, str]] = []
        self.rows: list[GridRow] = []
        self.versions = RowVersions()
        self.scanned: tuple[int, int] | None = None
        """(row, text version) of the form whose code was scanned last, until it is saved
        or the person moves to another row: its answers are recorded for that version."""

    # --- shape ---------------------------------------------------------------------------

    def forget(self) -> None:
        """Drop every student (the app is being locked)."""
        self.set_rows(self.options, [])

    def set_rows(
        self,
        options: list[tuple[str, str]],
        students: list[StudentConsent],
        versions: RowVersions | None = None,
    ) -> None:
        self.beginResetModel()
        self.options = list(options)
        self.rows = [GridRow(student) for student in students]
        self.versions = versions or RowVersions()
        self.scanned = None
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

    @property
    def version_column(self) -> int:
        return len(self.options) + 4

    def option_of(self, column: int) -> str | None:
        return self.options[column - 1][0] if 1 <= column <= len(self.options) else None

    def row_of_student(self, student_id: int) -> int | None:
        return next(
            (i for i, row in enumerate(self.rows) if row.student.student_id == student_id), None
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.options) + 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if role == Qt.ToolTipRole:
            shown = self.headerData(section, orientation, Qt.DisplayRole)
            return plain_tooltip(shown) if isinstance(shown, str) else None
        if section == 0:
            return "Schüler/in"
        if section == self.date_column:
            return "Unterschrieben am"
        if section == self.signature_column:
            return "Unterschriften"
        if section == self.state_column:
            return "Stand"
        if section == self.version_column:
            return "Textversion (F)"
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

    def recording_version(self, row_index: int) -> int | None:
        """The version a form typed (or scanned) in this row is recorded against: the
        scanned one, the chosen one, that of the form being corrected, else the default."""
        row = self.rows[row_index]
        if self.scanned is not None and self.scanned[0] == row_index:
            return self.scanned[1]
        if row.version is not None:
            return row.version
        form = row.student.latest_form
        if row.saved_event_id is not None and form is not None:
            return form.template_version
        return self.versions.default(row.student.student_id)

    def recording_text(self, row_index: int) -> str:
        """The version a form typed now is recorded against, and how it was chosen."""
        if self.scanned is not None and self.scanned[0] == row_index:
            return self.versions.label(self.scanned[1]) + " · Code"
        text = self.versions.label(self.recording_version(row_index))
        return text + " · gewählt" if self.rows[row_index].version is not None else text

    def version_text(self, row_index: int) -> str:
        """The grid's column: what is recorded, or while typing what will be."""
        row = self.rows[row_index]
        form = row.student.latest_form
        scanned_here = self.scanned is not None and self.scanned[0] == row_index
        if not row.editing and form is not None and not scanned_here:
            return self.versions.label(form.template_version)
        return self.recording_text(row_index)

    def set_version(self, row_index: int, number: int) -> None:
        self.begin_edit(row_index).version = number
        self._changed(row_index)

    def set_scanned(self, scanned: tuple[int, int] | None) -> None:
        before, self.scanned = self.scanned, scanned
        for value in (before, scanned):
            if value is not None and 0 <= value[0] < len(self.rows):
                self._changed(value[0])

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
        return f"Eingang {form.received_on:%d.%m.%Y}"

    def data(self, index: Index, role: int = DISPLAY) -> object:
        role = int(role)
        if role not in HANDLED or not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        key = self.option_of(column)
        if role == STUDENT:
            return row.student.student_id
        if role in (DISPLAY, ACCESSIBLE):
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
            if column == self.version_column:
                return self.version_text(index.row())
            return self.state_text(row)
        if role == TOOLTIP and column == self.date_column:
            return "Datum auf dem Formular, z. B. 12.9. oder 12.09.2026 (freiwillig)"
        if role == TOOLTIP and column == self.signature_column:
            needed = ", ".join(SIGNER_LABELS[r] for r in row.student.required_signers)
            return f"Nötig: {needed}. U = alle nötigen, E = Eltern, S = Schüler/in, N = fehlt"
        if role == TOOLTIP and column == self.version_column:
            return self.versions.tooltip(row.student.student_id)
        if role == BACKGROUND:
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
        if role == ALIGNMENT and key is not None:
            return CENTRED
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return CELL_FLAGS if index.isValid() else Qt.NoItemFlags

    # --- editing -------------------------------------------------------------------------

    def _changed(self, row_index: int) -> None:
        self.dataChanged.emit(self.index(row_index, 0), self.index(row_index, self.version_column))

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

    def cancel_edit(self, row_index: int) -> bool:
        """Forget what was typed in the row (Esc); the stored state shows again."""
        row = self.rows[row_index]
        if not row.editing and not row.message:
            return False
        self.rows[row_index] = GridRow(row.student, saved_event_id=row.saved_event_id)
        self._changed(row_index)
        return True

    def half_entered(self) -> list[GridRow]:
        """Rows with typing that was not saved (not complete, or refused)."""
        return [row for row in self.rows if row.editing]

    def mark_saved(self, row_index: int, student: StudentConsent, event_id: int | None) -> None:
        """After saving (or undoing): show the stored state and forget the typing."""
        self.rows[row_index] = GridRow(student, saved_event_id=event_id)
        self._changed(row_index)

    def mark_problem(self, row_index: int, message: str) -> None:
        self.rows[row_index].message = message
        self._changed(row_index)
