"""Aus anderer Schule übernehmen: choose the school and the shared parts; the preview and
the choices are the import dialog's (services/library/copying.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.services.exchange.format import PARTS
from dpo_desk.services.library.copying import SHARED_PARTS, school_as_archive
from dpo_desk.services.schools import list_schools
from dpo_desk.ui.common.wheel import guard_wheel
from dpo_desk.ui.exchange.import_dialog import ImportDialog
from dpo_desk.ui.signals import AppSignals


class CopyDialog(QDialog):
    def __init__(self, ctx, signals: AppSignals, school_id: int, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.import_dialog: ImportDialog | None = None
        self.setObjectName("copyDialog")
        self.setWindowTitle(self.tr("Aus anderer Schule übernehmen"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "Auftragsverarbeiter, TOM, Vorlagen, VVT-Einträge und DSFAs einer anderen "
                "Schule in diese übernehmen. Die Kopien bleiben mit ihrer Ursprungsschule "
                "verbunden: Ändert sie sich später, wird die Änderung hier angeboten. "
                "Schüler und Einwilligungen werden nie kopiert."
            )
        )
        intro.setWordWrap(True)
        self.source = QComboBox()
        guard_wheel(self.source)
        self.source.setObjectName("copySource")
        self.source.setAccessibleName(self.tr("Aus der Schule"))
        for school in list_schools(ctx):
            if school.id != school_id:
                self.source.addItem(school.name, school.id)
        form = QFormLayout()
        form.addRow(self.tr("&Aus der Schule:"), self.source)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.boxes: dict[str, QCheckBox] = {}
        for name in SHARED_PARTS:
            box = QCheckBox(PARTS[name].label)
            box.setObjectName(f"copyPart_{name}")
            box.setChecked(True)
            layout.addWidget(box)
            self.boxes[name] = box
        self.message = QLabel()
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("copyMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.preview_button = QPushButton(self.tr("&Vorschau …"))
        self.preview_button.setObjectName("copyPreview")
        self.preview_button.setDefault(True)
        self.preview_button.setEnabled(self.source.count() > 0)
        buttons.addButton(self.preview_button, QDialogButtonBox.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.Cancel)
        cancel.setText(self.tr("Abbrechen"))
        self.preview_button.clicked.connect(self.show_preview)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def show_preview(self) -> None:
        parts = [name for name, box in self.boxes.items() if box.isChecked()]
        if not parts:
            self.message.setText(self.tr("Bitte mindestens einen Teil wählen."))
            return
        source = self.source.currentData()
        archive = self.signals.operations.run(
            lambda: school_as_archive(self.ctx, source, parts), parent=self
        )
        if archive is None:
            return
        self.import_dialog = ImportDialog(
            self.ctx, self.signals, archive, self.parentWidget(), target=self.school_id
        )
        self.import_dialog.setWindowTitle(self.windowTitle())
        self.accept()
        self.import_dialog.open()
