"""„Über dpo_desk“: version, licence, data folder, and the licences of what is bundled."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dpo_desk import __version__
from dpo_desk.licences import Component, app_licence, components, third_party_text
from dpo_desk.ui.about.identity import app_icon
from dpo_desk.ui.common.screen import fit_to_screen


def _plain_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
    return label


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("Über dpo_desk"))
        self.setAccessibleName(self.tr("Über dpo_desk"))
        self.parts: list[Component] = components()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("aboutTabs")
        self.tabs.addTab(self._program_tab(data_dir), self.tr("Programm"))
        self.tabs.addTab(self._libraries_tab(), self.tr("Bibliotheken und Schriften"))
        self.licence_texts = QPlainTextEdit()
        self.licence_texts.setObjectName("licenceTexts")
        self.licence_texts.setAccessibleName(self.tr("Lizenztexte"))
        self.licence_texts.setReadOnly(True)
        self.licence_texts.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.tabs.addTab(self.licence_texts, self.tr("Lizenztexte"))
        self.tabs.currentChanged.connect(self._fill_texts)

        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Schließen"), QDialogButtonBox.RejectRole)
        close.setObjectName("aboutCloseButton")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 520)

    def _program_tab(self, data_dir: Path | None) -> QWidget:
        page = QWidget()
        icon = QLabel()
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignTop)
        title = _plain_label(f"dpo_desk {__version__}", "aboutTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        lines = [
            self.tr(
                "Datenschutz an Schulen: Verarbeitungsverzeichnis, Auftragsverarbeiter "
                "und TOM, Datenschutz-Folgenabschätzung und Einwilligungen – offline, "
                "in einer Datei auf diesem Rechner."
            ),
            "",
            self.tr("Version: {0}").format(__version__),
            self.tr("Lizenz: {0}").format(app_licence()),
            self.tr("Datenordner: {0}").format(data_dir if data_dir else "–"),
            "",
            self.tr("Gebaut mit Python {0}, Qt {1} und PySide6 {2}.").format(
                platform.python_version(), qVersion(), pyside_version
            ),
            self.tr(
                "Die Lizenzen der mitgelieferten Bibliotheken und Schriften stehen auf "
                "den beiden anderen Reitern."
            ),
        ]
        text = _plain_label("\n".join(lines), "aboutText")
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(text)
        column.addStretch(1)
        row = QHBoxLayout(page)
        row.addWidget(icon)
        row.addLayout(column, 1)
        return page

    def _libraries_tab(self) -> QWidget:
        tree = QTreeWidget()
        tree.setObjectName("libraryList")
        tree.setAccessibleName(self.tr("Mitgelieferte Bibliotheken und Schriften"))
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([self.tr("Bestandteil"), self.tr("Version"), self.tr("Lizenz")])
        for part in self.parts:
            QTreeWidgetItem(tree, [part.name, part.version, part.licence])
        for column in range(2):
            tree.resizeColumnToContents(column)
        return tree

    def _fill_texts(self, index: int) -> None:
        """The full texts (about 150 KB) only when asked for."""
        if self.tabs.widget(index) is self.licence_texts and not self.licence_texts.toPlainText():
            self.licence_texts.setPlainText(third_party_text(self.parts))
