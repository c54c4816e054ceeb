"""The filter row of the change log: free text, person, area, school, time span and one
record. Every change is applied at once (``changed``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dpo_desk.core.audit.filtering import NO_SCHOOL, LogFilter, LogRow
from dpo_desk.core.dates import parse_date
from dpo_desk.services.audit.log import area_label
from dpo_desk.ui.common.wheel import guard_wheel

INVALID_STYLE = "QLineEdit { border: 1px solid #c0392b; }"


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    guard_wheel(combo)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


class LogFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: tuple[str, int | None] | None = None
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setAccessibleName(self.tr("Protokoll durchsuchen"))
        self.search.setPlaceholderText(self.tr("Suchen nach Name, Wert, Datensatz … (Strg+F)"))
        self.search.setClearButtonEnabled(True)
        self.actor = _combo("auditActor", self.tr("Person"))
        self.area = _combo("auditArea", self.tr("Bereich"))
        self.school = _combo("auditSchool", self.tr("Schule"))
        self.since = self._day_field("auditSince", self.tr("von Tag"))
        self.until = self._day_field("auditUntil", self.tr("bis Tag"))
        self.record_label = QLabel()
        self.record_label.setTextFormat(Qt.PlainText)
        self.record_label.setObjectName("auditRecordLabel")
        self.clear_record = QPushButton(self.tr("Alle &Datensätze"))
        self.clear_record.setObjectName("auditClearRecord")
        self.clear_record.setAccessibleName(self.tr("Filter auf einen Datensatz aufheben"))
        self.clear_record.clicked.connect(lambda: self.set_record(None, ""))
        self.reset_button = QPushButton(self.tr("Filter &zurücksetzen"))
        self.reset_button.setObjectName("auditReset")
        self.reset_button.setAccessibleName(self.tr("Alle Filter zurücksetzen"))
        self.reset_button.clicked.connect(self.reset)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # Three columns: the bar fits a school laptop's 1024×600 next to the navigation.
        grid.addWidget(self.search, 0, 0, 1, 3)
        grid.addLayout(self._labelled(self.tr("&Person:"), self.actor), 1, 0)
        grid.addLayout(self._labelled(self.tr("&Bereich:"), self.area), 1, 1)
        grid.addLayout(self._labelled(self.tr("&Schule:"), self.school), 1, 2)
        grid.addLayout(self._labelled(self.tr("&von:"), self.since), 2, 0)
        grid.addLayout(self._labelled(self.tr("b&is:"), self.until), 2, 1)
        grid.addWidget(self.reset_button, 2, 2)
        grid.setColumnStretch(0, 1)
        self.record_row = QWidget()
        record = QHBoxLayout(self.record_row)
        record.setContentsMargins(0, 0, 0, 0)
        record.addWidget(self.record_label, 1)
        record.addWidget(self.clear_record)
        grid.addWidget(self.record_row, 3, 0, 1, 3)

        self.search.textChanged.connect(self.changed)
        for combo in (self.actor, self.area, self.school):
            combo.currentIndexChanged.connect(self.changed)
        self.set_record(None, "")

    def _labelled(self, text: str, widget: QWidget) -> QHBoxLayout:
        label = QLabel(text)
        label.setBuddy(widget)
        layout = QHBoxLayout()
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return layout

    def _day_field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setPlaceholderText("TT.MM.JJJJ")
        field.setFixedWidth(92)
        field.textChanged.connect(self._day_changed)
        return field

    def _day_changed(self) -> None:
        for field in (self.since, self.until):
            field.setStyleSheet("" if self._day(field) is not False else INVALID_STYLE)
        self.changed.emit()

    @staticmethod
    def _day(field: QLineEdit):
        text = field.text().strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            return False

    def set_choices(self, rows: list[LogRow], schools: list[tuple[int, str]]) -> None:
        """Offer the people and areas that occur, and the schools; keep what is chosen."""
        self.blockSignals(True)
        actors = sorted({row.actor for row in rows}, key=str.casefold)
        areas = sorted({row.area for row in rows}, key=area_label)
        self._fill(self.actor, self.tr("Alle Personen"), [(a, a) for a in actors])
        self._fill(self.area, self.tr("Alle Bereiche"), [(area_label(a), a) for a in areas])
        choices = [(name, ident) for ident, name in schools]
        choices.append((self.tr("Ohne Schule (Einstellungen, Datenbank)"), NO_SCHOOL))
        self._fill(self.school, self.tr("Alle Schulen"), choices)
        self.blockSignals(False)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def choose_school(self, school_id: int | None) -> None:
        index = self.school.findData(school_id) if school_id is not None else 0
        self.school.setCurrentIndex(max(index, 0))

    def set_record(self, record: tuple[str, int | None] | None, text: str) -> None:
        self.record = record
        self.record_label.setText(
            self.tr("Nur: %1").replace("%1", text) if record else self.tr("Alle Datensätze")
        )
        self.record_row.setVisible(record is not None)
        self.changed.emit()

    def reset(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        for combo in (self.actor, self.area, self.school):
            combo.setCurrentIndex(0)
        self.since.clear()
        self.until.clear()
        self.blockSignals(False)
        self.set_record(None, "")

    def current(self) -> LogFilter:
        since, until = self._day(self.since), self._day(self.until)
        return LogFilter(
            actor=self.actor.currentData(),
            area=self.area.currentData(),
            record=self.record,
            school=self.school.currentData(),
            since=since or None,
            until=until or None,
            text=self.search.text(),
        )
