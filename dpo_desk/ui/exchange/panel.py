"""The "Export und Import" section of the settings page: the chosen school as an archive,
and an archive (checked completely before anything is shown) into a school."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from dpo_desk.services.exchange.archive import read_archive
from dpo_desk.services.library.copying import offered_updates
from dpo_desk.services.library.items import library_updates
from dpo_desk.services.schools import get_profile
from dpo_desk.ui.exchange.copy_dialog import CopyDialog
from dpo_desk.ui.exchange.export_dialog import ZIP_FILTER, ExportDialog
from dpo_desk.ui.exchange.import_dialog import ImportDialog
from dpo_desk.ui.library.dialog import LibraryDialog
from dpo_desk.ui.signals import AppSignals


class ExchangePanel(QGroupBox):
    def __init__(self, ctx, signals: AppSignals, school: Callable[[], int | None]) -> None:
        super().__init__()
        self.setTitle(self.tr("Export und Import"))
        self.setObjectName("exchangePanel")
        self.ctx, self.signals, self.school = ctx, signals, school
        self.dialog: ExportDialog | ImportDialog | CopyDialog | LibraryDialog | None = None
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
        self.copy_button = QPushButton(self.tr("Aus anderer S&chule übernehmen …"))
        self.copy_button.setObjectName("copyFromSchoolButton")
        self.copy_button.setAccessibleName(self.tr("Aus anderer Schule übernehmen"))
        self.copy_button.clicked.connect(self.open_copy)
        self.library_button = QPushButton(self.tr("Bibliothe&k …"))
        self.library_button.setObjectName("libraryButton")
        self.library_button.setAccessibleName(self.tr("Bibliothek für alle Schulen"))
        self.library_button.clicked.connect(self.open_library)
        self.updates = QLabel()
        self.updates.setObjectName("offeredUpdates")
        self.updates.setTextFormat(Qt.PlainText)
        self.updates.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addWidget(self.copy_button)
        row.addWidget(self.library_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.updates)

    def refresh(self) -> None:
        school_id = self.school()
        self.export_button.setEnabled(school_id is not None)
        self.copy_button.setEnabled(school_id is not None)
        self.library_button.setEnabled(school_id is not None)
        offered = offered_updates(self.ctx, school_id) if school_id is not None else []
        from_library = library_updates(self.ctx, school_id) if school_id is not None else []
        lines = []
        if offered:
            sources = sorted({o.source_name for o in offered})
            lines.append(
                self.tr(
                    "%1 übernommene Einträge wurden in ihrer Ursprungsschule (%2) geändert. "
                    "Mit „Aus anderer Schule übernehmen“ lassen sich die Änderungen ansehen "
                    "und übernehmen."
                )
                .replace("%1", str(len(offered)))
                .replace("%2", ", ".join(sources))
            )
        if from_library:
            lines.append(
                self.tr(
                    "%1 Einträge der Bibliothek wurden seit der Übernahme geändert "
                    "(„Bibliothek …“ zeigt sie)."
                ).replace("%1", str(len(from_library)))
            )
        self.updates.setVisible(bool(lines))
        self.updates.setText("\n".join(lines))

    def open_copy(self) -> None:
        school_id = self.school()
        if school_id is None:
            return
        self.dialog = CopyDialog(self.ctx, self.signals, school_id, self)
        self.dialog.open()

    def open_library(self) -> None:
        school_id = self.school()
        if school_id is None:
            return
        name = get_profile(self.ctx, school_id).name
        self.dialog = LibraryDialog(self.ctx, self.signals, school_id, name, self)
        self.dialog.finished.connect(lambda _=0: self.refresh())
        self.dialog.open()

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
