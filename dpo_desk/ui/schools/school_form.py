"""The school profile as a form: used by the new-school dialog and the settings page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.authorities import authority_for
from dpo_desk.core.schools import FIELD_LABELS, SCHOOL_KINDS, STATES, SchoolProfile
from dpo_desk.core.validation import Problem
from dpo_desk.ui.common.error_label import error_label

GROUPS: list[tuple[str, list[str]]] = [
    ("Schule", ["name", "school_number", "street", "postcode", "town", "state", "kind"]),
    ("Kontakt und Schulleitung", ["phone", "email", "website", "head_name"]),
    ("Datenschutzbeauftragte/r", ["dpo_name", "dpo_organisation", "dpo_email", "dpo_phone"]),
    (
        "Aufsichtsbehörde",
        ["authority_name", "authority_address", "authority_email", "authority_website"],
    ),
]
REQUIRED = {"name", "street", "postcode", "town", "state"}


def _object_name(field: str) -> str:
    head, *rest = field.split("_")
    return "field" + head.capitalize() + "".join(p.capitalize() for p in rest)


class SchoolForm(QWidget):
    """Edits a SchoolProfile; the authority is pre-filled from the chosen state."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schoolForm")
        self._edits: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self._errors = error_label("schoolFormErrors")
        self._errors.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self._errors)
        labels: list[QLabel] = []
        for title, fields in GROUPS:
            box = QGroupBox(self.tr(title))
            form = QFormLayout(box)
            for field in fields:
                widget = self._make_editor(field)
                label = QLabel(self.tr(FIELD_LABELS[field] + (" *" if field in REQUIRED else "")))
                label.setBuddy(widget)
                labels.append(label)
                form.addRow(label, widget)
            layout.addWidget(box)
        # One label column across all groups, so the fields line up.
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
        hint = QLabel(
            self.tr("* Pflichtfeld. Die Aufsichtsbehörde wird aus dem Bundesland vorbelegt.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._last_state = ""

    def _make_editor(self, field: str) -> QWidget:
        widget: QLineEdit | QPlainTextEdit | QComboBox
        if field == "state":
            widget = QComboBox()
            widget.addItem(self.tr("– bitte wählen –"), "")
            for code, name in sorted(STATES.items(), key=lambda item: item[1]):
                widget.addItem(name, code)
            widget.currentIndexChanged.connect(self._state_changed)
        elif field == "kind":
            widget = QComboBox()
            widget.addItem(self.tr("– bitte wählen –"), "")
            for code, name in SCHOOL_KINDS.items():
                widget.addItem(name, code)
            widget.currentIndexChanged.connect(self.changed)
        elif field == "authority_address":
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(60)
            widget.textChanged.connect(self.changed)
        else:
            widget = QLineEdit()
            widget.textChanged.connect(self.changed)
            if field == "postcode":
                widget.setMaxLength(5)
        widget.setObjectName(_object_name(field))
        widget.setAccessibleName(FIELD_LABELS[field])
        self._edits[field] = widget
        return widget

    def editor(self, field: str) -> QWidget:
        return self._edits[field]

    def _state_changed(self) -> None:
        state = self._edits["state"].currentData()
        previous = authority_for(self._last_state) if self._last_state else None
        current = authority_for(state) if state else None
        self._last_state = state or ""
        if current is not None:
            for part in ("name", "address", "email", "website"):
                value = self._text(f"authority_{part}")
                # Replace only what the user has not changed by hand.
                if not value or (previous and value == getattr(previous, part)):
                    self._set_text(f"authority_{part}", getattr(current, part))
        self.changed.emit()

    def _text(self, field: str) -> str:
        widget = self._edits[field]
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def _set_text(self, field: str, value: str) -> None:
        widget = self._edits[field]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def profile(self) -> SchoolProfile:
        return SchoolProfile(**{field: self._text(field) for field in SchoolProfile.field_names()})

    def set_profile(self, profile: SchoolProfile) -> None:
        self._last_state = ""
        for field, value in profile.as_dict().items():
            if field != "state":
                self._set_text(field, value)
        self._edits["state"].blockSignals(True)
        self._set_text("state", profile.state)
        self._edits["state"].blockSignals(False)
        self._last_state = profile.state
        self.show_problems([])

    def show_problems(self, problems: list[Problem]) -> None:
        for field, widget in self._edits.items():
            bad = any(p.field == field for p in problems)
            widget.setStyleSheet("border: 1px solid #a40000;" if bad else "")
        if problems:
            text = self.tr("Bitte korrigieren:") + "\n" + "\n".join(f"• {p}" for p in problems)
            self._errors.setText(text)
            self._errors.show()
            first = next((p.field for p in problems if p.field in self._edits), None)
            if first:
                self._edits[first].setFocus()
        else:
            self._errors.hide()
