"""The "Wer darf teilnehmen?" tab: per option and class the names of the students with a
valid JA on the day, ready to copy for a teacher. Everyone else counts as NEIN."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.export import clipboard_cell
from dpo_desk.services.consent.overview import TemplateStatus
from dpo_desk.ui.common.date_field import DateField

ALL = ""


class ConsentParticipants(QWidget):
    """Shows a ``TemplateStatus``; ``day_changed`` asks the page for the status of another
    day (a teacher asks about tomorrow's lesson)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: TemplateStatus | None = None
        self.day_listener = None
        self.option = QComboBox()
        self.option.setObjectName("consentParticipantsOption")
        self.option.setAccessibleName(self.tr("Option"))
        self.option.currentIndexChanged.connect(self.update_list)
        self.class_box = QComboBox()
        self.class_box.setObjectName("consentParticipantsClass")
        self.class_box.setAccessibleName(self.tr("Klasse"))
        self.class_box.currentIndexChanged.connect(self.update_list)
        self.day = DateField("consentParticipantsDay", self.tr("Stand am"), past=False)
        self.day.set_date(date.today())
        self.day.date_changed.connect(self._day_changed)
        self.names = QPlainTextEdit()
        self.names.setObjectName("consentParticipantsList")
        self.names.setAccessibleName(self.tr("Wer darf teilnehmen"))
        self.names.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("In die &Zwischenablage kopieren"))
        self.copy_button.setObjectName("consentCopyParticipants")
        self.copy_button.setAccessibleName(self.tr("Liste in die Zwischenablage kopieren"))
        self.copy_button.clicked.connect(self.copy)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setObjectName("consentParticipantsSummary")
        self.summary.setWordWrap(True)

        tools = QHBoxLayout()
        for label_text, widget in (
            (self.tr("&Option:"), self.option),
            (self.tr("&Klasse:"), self.class_box),
            (self.tr("&Stand am:"), self.day),
        ):
            label = QLabel(label_text)
            label.setBuddy(widget)
            tools.addWidget(label)
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.summary)
        layout.addWidget(self.names, 1)
        hint = QLabel(
            self.tr(
                "Nur Schüler mit gültigem JA stehen auf der Liste. Alle anderen nehmen nicht "
                "teil und werden gleichwertig betreut."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)

    def chosen_day(self) -> date:
        """The day asked about (today while the field holds no date)."""
        return self.day.date() or date.today()

    def _day_changed(self) -> None:
        if self.day_listener is not None:
            self.day_listener(self.chosen_day())

    def show_status(self, status: TemplateStatus | None) -> None:
        self.status = status
        option, class_name = self.option.currentData(), self.class_box.currentData()
        for box in (self.option, self.class_box):
            box.blockSignals(True)
            box.clear()
        if status is not None:
            for key, label in status.options:
                self.option.addItem(label, key)
            self.class_box.addItem(self.tr("alle Klassen"), ALL)
            for name in status.class_names:
                self.class_box.addItem(name, name)
        for box, wanted in ((self.option, option), (self.class_box, class_name)):
            index = box.findData(wanted) if wanted is not None else -1
            box.setCurrentIndex(index if index >= 0 else 0)
            box.blockSignals(False)
        self.update_list()

    def choose(self, option_key: str | None = None, class_name: str | None = None) -> None:
        if option_key is not None:
            self.option.setCurrentIndex(max(0, self.option.findData(option_key)))
        if class_name is not None:
            self.class_box.setCurrentIndex(max(0, self.class_box.findData(class_name)))

    def text(self) -> str:
        return self.names.toPlainText()

    def update_list(self) -> None:
        status = self.status
        key = self.option.currentData()
        if status is None or key is None:
            self.names.setPlainText("")
            self.summary.setText(self.tr("Keine Vorlage gewählt."))
            self.copy_button.setEnabled(False)
            return
        class_name = self.class_box.currentData() or None
        label = self.option.currentText()
        lines: list[str] = []
        classes = [class_name] if class_name else status.class_names
        total = granted = 0
        for name in classes:
            in_class = [r for r in status.rows if r.class_name == name]
            names = status.participants(key, name)
            total += len(in_class)
            granted += len(names)
            lines.append(f"Klasse {name} – {label} ({len(names)} von {len(in_class)}):")
            # Copied into spreadsheets: one cell per name, never a formula.
            lines += [f"  {clipboard_cell(n)}" for n in names] or ["  (niemand)"]
            lines.append("")
        heading = (
            f"Wer darf teilnehmen? {status.template.title} – {label}, Stand {status.day:%d.%m.%Y}"
        )
        self.names.setPlainText("\n".join([heading, "", *lines]).rstrip() + "\n")
        self.summary.setText(
            self.tr("%1 von %2 Schülern dürfen teilnehmen.")
            .replace("%1", str(granted))
            .replace("%2", str(total))
        )
        self.copy_button.setEnabled(True)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
