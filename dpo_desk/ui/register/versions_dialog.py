"""The released versions of an entry side by side, in the order of Art. 30(1): every field
line by line, a removed line marked red with "−" on the left, an added line green with "+"
on the right, unchanged lines plain. Lists (data categories, recipients, measures) are
compared item by item, so one changed deletion period does not paint the whole field."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from dpo_desk.core.register.snapshot import ADDED, REMOVED, ComparedLine, compare_lines
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.lifecycle import VersionInfo, list_versions
from dpo_desk.ui.common.screen import fit_to_screen

REMOVED_COLOUR, ADDED_COLOUR = "#fbe3e3", "#e2f3e2"
MARKS = {REMOVED: "− ", ADDED: "+ "}


def _cell(text: str, kind: str) -> QTableWidgetItem:
    item = QTableWidgetItem(MARKS.get(kind, "") + text if text else "")
    colour = {REMOVED: REMOVED_COLOUR, ADDED: ADDED_COLOUR}.get(kind)
    if colour and text:
        item.setBackground(QBrush(QColor(colour)))
    return item


class ActivityVersionsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, activity_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("activityVersionsDialog")
        self.setAccessibleName(self.tr("Versionen vergleichen"))
        self.setWindowTitle(self.tr("Freigegebene Versionen"))
        fit_to_screen(self, 1000, 580)
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
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("versionComparison")
        self.table.setAccessibleName(self.tr("Vergleich der Versionen"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Angabe"), self.tr("Ältere Version"), self.tr("Neuere Version")]
        )
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.resizeSection(0, 230)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.lines: list[ComparedLine] = []
        self.summary = QLabel()
        self.summary.setObjectName("versionSummary")
        self.summary.setWordWrap(True)
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
        buttons.button(QDialogButtonBox.Close).setText(self.tr("&Schließen"))
        buttons.rejected.connect(self.reject)
        legend = QLabel(self.tr("− rot: entfallen · + grün: neu"))
        legend.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(legend)
        layout.addWidget(buttons)
        self.compare()

    def changed_fields(self) -> list[str]:
        """The labels of the fields with a removed or added line, in Art. 30 order."""
        changed, label = [], ""
        for line in self.lines:
            label = line.label or label
            if (REMOVED in (line.kind_older,) or ADDED in (line.kind_newer,)) and (
                label not in changed
            ):
                changed.append(label)
        return changed

    def compare(self) -> None:
        if not self.versions:
            self.lines = []
            self.table.setRowCount(0)
            self.summary.setText(self.tr("Dieser Eintrag wurde noch nie freigegeben."))
            return
        older = self.versions[self.left.currentIndex()].snapshot
        newer = self.versions[self.right.currentIndex()].snapshot
        self.lines = compare_lines(older, newer)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            label = QTableWidgetItem(line.label)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self.table.setItem(row, 0, label)
            self.table.setItem(row, 1, _cell(line.older, line.kind_older))
            self.table.setItem(row, 2, _cell(line.newer, line.kind_newer))
        self.table.resizeRowsToContents()
        if len(self.versions) == 1:
            self.summary.setText(self.tr("Es gibt erst eine freigegebene Version."))
            return
        changed = self.changed_fields()
        self.summary.setText(
            self.tr("Geändert: %1").replace("%1", ", ".join(changed))
            if changed
            else self.tr("Keine Unterschiede.")
        )
