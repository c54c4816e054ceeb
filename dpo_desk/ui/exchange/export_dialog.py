"""Schule exportieren: which parts go into the archive, where it goes; the export itself is
one service call (services/exchange/export.py) and is noted in the change log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.exchange.format import PARTS
from dpo_desk.ui.signals import AppSignals

ZIP_FILTER = "Exportarchiv (*.zip)"


class ExportDialog(QDialog):
    def __init__(self, ctx, signals: AppSignals, school_id: int, school_name: str, parent=None):
        super().__init__(parent)
        self.ctx, self.signals, self.school_id = ctx, signals, school_id
        self.school_name = school_name
        self.result_value = None
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Schule exportieren"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "Welche Teile der Schule „%1“ sollen ins Archiv? Das Archiv (ZIP) lässt sich "
                "in eine andere Schule, auf einem anderen Rechner oder auf dem Server wieder "
                "importieren."
            ).replace("%1", school_name)
        )
        intro.setTextFormat(Qt.PlainText)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for name, part in PARTS.items():
            box = QCheckBox(part.label)
            box.setObjectName(f"exportPart_{name}")
            box.setAccessibleName(part.label)
            box.setChecked(True)
            layout.addWidget(box)
            self.boxes[name] = box
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.export_button = QPushButton(self.tr("&Exportieren …"))
        self.export_button.setObjectName("exportConfirm")
        self.export_button.setAccessibleName(self.tr("Exportieren"))
        self.export_button.setDefault(True)
        buttons.addButton(self.export_button, QDialogButtonBox.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.Cancel)
        self.close_button.setText(self.tr("Abbrechen"))
        self.close_button.setObjectName("exportClose")
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def chosen(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def export(self) -> None:
        parts = self.chosen()
        if not parts:
            self.message.setText(self.tr("Bitte mindestens einen Teil wählen."))
            return
        default = f"{self.school_name}-Export.zip".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), default, ZIP_FILTER)
        if not path:
            return
        target = Path(path) if path.lower().endswith(".zip") else Path(f"{path}.zip")
        school_id = self.school_id
        result = self.signals.operations.run(
            lambda: export_school(self.ctx, school_id, target, parts), parent=self
        )
        if result is None:
            return
        self.result_value = result
        lines = [
            self.tr("Exportiert: %1 Datensätze und %2 Anlagen nach %3.")
            .replace("%1", str(result.records))
            .replace("%2", str(result.attachments))
            .replace("%3", str(result.path))
        ]
        if result.added:
            labels = ", ".join(PARTS[name].label for name in result.added)
            lines.append(self.tr("Mit aufgenommen, weil benötigt: %1").replace("%1", labels))
        self.message.setText("\n".join(lines))
        self.signals.status_message.emit(lines[0])
        self.close_button.setText(self.tr("Schließen"))
