"""In die Bibliothek: choose records of the current school (one kind at a time) to keep in
the library for all schools; a record whose item exists renews that item."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.services.library.items import (
    KIND_LABELS,
    LIBRARY_KINDS,
    add_all_to_library,
    school_records,
)
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.common.wheel import guard_wheel
from dpo_desk.ui.signals import AppSignals


class AddToLibraryDialog(QDialog):
    def __init__(self, ctx, signals: AppSignals, school_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.added = 0
        self.setObjectName("libraryAddDialog")
        self.setWindowTitle(self.tr("In die Bibliothek aufnehmen"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "Gewählte Einträge dieser Schule werden für alle Schulen in die Bibliothek "
                "gestellt (ohne unterschriebene Verträge, Anhänge, freigegebene Fassungen und "
                "Notizen der Schule). Gibt es einen Eintrag schon, wird er erneuert; Schulen "
                "mit einer Kopie bekommen die Änderung angeboten."
            )
        )
        intro.setWordWrap(True)
        self.kind = QComboBox()
        guard_wheel(self.kind)
        self.kind.setObjectName("libraryKind")
        self.kind.setAccessibleName(self.tr("Art"))
        for kind in LIBRARY_KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.currentIndexChanged.connect(self.reload)
        form = QFormLayout()
        form.addRow(self.tr("&Art:"), self.kind)
        self.records = QListWidget()
        self.records.setObjectName("libraryRecords")
        self.records.setAccessibleName(self.tr("Einträge der Schule"))
        self.message = QLabel()
        self.message.setObjectName("libraryAddMessage")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.confirm = QPushButton(self.tr("In die &Bibliothek"))
        self.confirm.setObjectName("libraryAddConfirm")
        self.confirm.setAccessibleName(self.tr("In die Bibliothek"))
        self.confirm.setAutoDefault(False)
        buttons.addButton(self.confirm, QDialogButtonBox.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.Cancel)
        cancel.setText(self.tr("Abbrechen"))
        self.confirm.clicked.connect(self.add)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.records, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 520)
        self.reload()

    def reload(self) -> None:
        self.records.clear()
        kind = self.kind.currentData()
        found = self.signals.operations.run(
            lambda: school_records(self.ctx, self.school_id, kind), parent=self
        )
        for record in found or []:
            suffix = self.tr(" (schon in der Bibliothek)") if record.in_library else ""
            item = QListWidgetItem(record.title + suffix)
            item.setData(Qt.UserRole, record.key)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.records.addItem(item)
        self.message.setText("" if found else self.tr("Diese Schule hat keine solchen Einträge."))

    def chosen(self) -> list[str]:
        return [
            self.records.item(i).data(Qt.UserRole)
            for i in range(self.records.count())
            if self.records.item(i).checkState() == Qt.Checked
        ]

    def add(self) -> None:
        keys = self.chosen()
        if not keys:
            self.message.setText(self.tr("Bitte mindestens einen Eintrag ankreuzen."))
            return
        kind = self.kind.currentData()
        done = self.signals.operations.run(
            lambda: add_all_to_library(self.ctx, self.school_id, kind, keys),
            parent=self,
            errors=self.message,
        )
        if done is None:
            return
        self.added = len(done.items)
        self.accept()
