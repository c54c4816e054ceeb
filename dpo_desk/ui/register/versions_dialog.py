"""The released versions of an entry side by side; changed rows stand out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

from dpo_desk.core.register.snapshot import compare_snapshots
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.lifecycle import VersionInfo, list_versions
from dpo_desk.ui.common.screen import fit_to_screen
from dpo_desk.ui.register.table import (
    RecordsFilterProxy,
    RecordsTableModel,
    TableRow,
    make_table,
)

CHANGED_COLOUR = "#a40000"


class ActivityVersionsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, activity_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("activityVersionsDialog")
        self.setAccessibleName(self.tr("Versionen vergleichen"))
        self.setWindowTitle(self.tr("Freigegebene Versionen"))
        fit_to_screen(self, 900, 600)
        self.versions: list[VersionInfo] = list_versions(ctx, activity_id)
        self.left = QComboBox()
        self.left.setObjectName("olderVersion")
        self.left.setAccessibleName(self.tr("Ältere Version"))
        self.right = QComboBox()
        self.right.setObjectName("newerVersion")
        self.right.setAccessibleName(self.tr("Neuere Version"))
        for version in self.versions:
            label = self.tr("Version %1 vom %2").replace("%1", str(version.number))
            label = label.replace("%2", f"{version.released_at.astimezone():%d.%m.%Y %H:%M}")
            self.left.addItem(label)
            self.right.addItem(label)
        self.left.setCurrentIndex(max(0, len(self.versions) - 2))
        self.right.setCurrentIndex(max(0, len(self.versions) - 1))
        self.model = RecordsTableModel(["Angabe", "Ältere Version", "Neuere Version"])
        self.table = make_table(
            "versionComparison", self.tr("Vergleich der Versionen"), RecordsFilterProxy(self.model)
        )
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setObjectName("versionSummary")
        self.left.currentIndexChanged.connect(self.compare)
        self.right.currentIndexChanged.connect(self.compare)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("&Links:")))
        choose.itemAt(0).widget().setBuddy(self.left)
        choose.addWidget(self.left, 1)
        choose.addWidget(QLabel(self.tr("&Rechts:")))
        choose.itemAt(2).widget().setBuddy(self.right)
        choose.addWidget(self.right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.compare()

    def compare(self) -> None:
        if not self.versions:
            self.model.set_rows([])
            self.summary.setText(self.tr("Dieser Eintrag wurde noch nie freigegeben."))
            return
        older = self.versions[self.left.currentIndex()].snapshot
        newer = self.versions[self.right.currentIndex()].snapshot
        rows = compare_snapshots(older, newer)
        self.model.set_rows(
            [
                TableRow(label, (label, old, new), colour=CHANGED_COLOUR if changed else None)
                for label, old, new, changed in rows
            ]
        )
        self.table.resizeRowsToContents()
        changed = [label for label, _, _, diff in rows if diff]
        if len(self.versions) == 1:
            self.summary.setText(self.tr("Es gibt erst eine freigegebene Version."))
            return
        self.summary.setText(
            self.tr("Geändert: %1").replace("%1", ", ".join(changed))
            if changed
            else self.tr("Keine Unterschiede.")
        )
