"""The "Export und Import" section of the settings page: the chosen school as an archive,
and an archive (checked completely before anything is shown) into a school."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from dpo_desk.services.exchange.archive import read_archive
from dpo_desk.services.schools import get_profile
from dpo_desk.ui.exchange.export_dialog import ZIP_FILTER, ExportDialog
from dpo_desk.ui.exchange.import_dialog import ImportDialog
from dpo_desk.ui.signals import AppSignals


class ExchangePanel(QGroupBox):
    def __init__(self, ctx, signals: AppSignals, school: Callable[[], int | None]) -> None:
        super().__init__()
        self.setTitle(self.tr("Export und Import"))
        self.setObjectName("exchangePanel")
        self.ctx, self.signals, self.school = ctx, signals, school
        self.dialog: ExportDialog | ImportDialog | None = None
        note = QLabel(
            self.tr(
                "Die Schule (oder Teile davon) als Archiv exportieren, um sie auf einen "
                "anderen Rechner, in eine andere Schule oder auf den Server zu bringen; ein "
                "Archiv mit Vorschau importieren."
            )
        )
        note.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Schule e&xportieren …"))
        self.export_button.setObjectName("exportSchoolButton")
        self.export_button.setAccessibleName(self.tr("Schule exportieren"))
        self.export_button.clicked.connect(self.open_export)
        self.import_button = QPushButton(self.tr("Archiv i&mportieren …"))
        self.import_button.setObjectName("importArchiveButton")
        self.import_button.setAccessibleName(self.tr("Archiv importieren"))
        self.import_button.clicked.connect(self.choose_archive)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)

    def refresh(self) -> None:
        self.export_button.setEnabled(self.school() is not None)

    def open_export(self) -> None:
        school_id = self.school()
        if school_id is None:
            return
        name = get_profile(self.ctx, school_id).name
        self.dialog = ExportDialog(self.ctx, self.signals, school_id, name, self)
        self.dialog.open()

    def choose_archive(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Archiv importieren"), "", ZIP_FILTER)
        if path:
            self.open_import(Path(path))

    def open_import(self, path: Path) -> None:
        """Check the archive (a German message and nothing else when it is refused)."""
        archive = self.signals.operations.run(lambda: read_archive(path), parent=self)
        if archive is None:
            return
        self.dialog = ImportDialog(self.ctx, self.signals, archive, self)
        self.dialog.open()
