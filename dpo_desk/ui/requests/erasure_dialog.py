"""An erasure request (Art. 17): everything stored about the student, what may be deleted
now and what must be kept until when; then delete with one confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.requests.erasure import carry_out_erasure, erasure_preview
from dpo_desk.ui.common.confirm import ask_yes_no
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.signals import AppSignals

KEPT_COLOUR = "#555555"


class ErasureDialog(QDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        request_id: int,
        row_version: int,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.signals, self.request_id = ctx, signals, request_id
        self.row_version = row_version
        self.operations = signals.operations
        self.question = None
        self.setObjectName("erasureDialog")
        self.setAccessibleName(self.tr("Löschung"))
        preview = erasure_preview(ctx, request_id)
        self.plan = preview.plan
        self.setWindowTitle(self.tr("Löschung zu Anfrage %1").replace("%1", preview.reference))
        intro = QLabel(
            self.tr(
                "Gespeichert über %1 – was jetzt gelöscht werden darf und was bleiben muss:"
            ).replace("%1", self.plan.holdings.name)
        )
        intro.setTextFormat(Qt.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.plan.items), 4)
        self.table.setObjectName("erasurePlan")
        self.table.setAccessibleName(self.tr("Gespeicherte Daten"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Daten"), self.tr("Anzahl"), self.tr("Löschen"), self.tr("Grund")]
        )
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.resizeSection(0, 260)
        for row, item in enumerate(self.plan.items):
            for column, text in enumerate(
                (item.label, str(item.count), item.keep_text, item.reason)
            ):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if not item.deletable:
                    cell.setForeground(Qt.darkGray)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.error = error_label("erasureError")
        self.result = QLabel()
        self.result.setObjectName("erasureResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Schließen"))
        buttons.rejected.connect(self.reject)
        self.erase_button = QPushButton(self.tr("Jetzt Löschbares &löschen …"))
        self.erase_button.setObjectName("eraseNowButton")
        self.erase_button.setAccessibleName(self.tr("Jetzt Löschbares löschen"))
        self.erase_button.clicked.connect(self.ask)
        buttons.addButton(self.erase_button, QDialogButtonBox.ActionRole)
        if not self.plan.deletable:
            self.erase_button.setEnabled(False)
            self.error.setText(self.plan.refusal())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.resize(880, 560)

    def ask(self) -> None:
        parts = "\n".join(f"• {i.label} ({i.count})" for i in self.plan.deletable)
        self.question = ask_yes_no(
            self,
            self.tr("Endgültig löschen"),
            self.tr("Diese Daten werden endgültig gelöscht:\n%1\n\nFortfahren?").replace(
                "%1", parts
            ),
            "confirmErasure",
            self.erase,
            yes_text=self.tr("Löschen"),
            no_text=self.tr("Abbrechen"),
        )

    def erase(self) -> None:
        request_id, version = self.request_id, self.row_version
        done = self.operations.run(
            lambda: carry_out_erasure(self.ctx, request_id, version),
            parent=self,
            initiator=None,
            errors=self.error,
        )
        if done is None:
            return
        self.erase_button.setEnabled(False)
        self.error.clear()
        self.result.setText(done.summary)
        self.result.setStyleSheet(f"color: {KEPT_COLOUR};")
        self.signals.status_message.emit(self.tr("Löschung ausgeführt."))
