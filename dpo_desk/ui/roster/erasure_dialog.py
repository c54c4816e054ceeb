"""Person löschen (and the leavers due for erasure): what would go, the backups still
holding them, then — only after "Endgültig löschen" — the erasure in a worker thread and
its report (no copy left in the database, its WAL or the logs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from dpo_desk.ui.operations import no_progress
from dpo_desk.ui.signals import AppSignals


class ErasureDialog(QDialog):
    """``lines``: the plan in German; ``erase()`` runs the erasure and returns its result."""

    def __init__(
        self,
        signals: AppSignals,
        title: str,
        lines: list[str],
        erase: Callable[[], object],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.operations = signals.operations
        self.erase = erase
        self.result_value: object | None = None
        self.setObjectName("erasureDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.heading = QLabel(
            self.tr(
                "Diese Daten werden endgültig gelöscht. Das lässt sich nicht rückgängig machen "
                "(nur durch Zurückspielen einer Sicherung)."
            )
        )
        self.heading.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setObjectName("erasureText")
        self.text.setAccessibleName(self.tr("Was gelöscht wird"))
        self.text.setReadOnly(True)
        self.buttons = QDialogButtonBox()
        self.confirm = QPushButton(self.tr("Endgültig &löschen"))
        self.confirm.setObjectName("erasureConfirm")
        self.confirm.setAccessibleName(self.tr("Endgültig löschen"))
        self.confirm.setAutoDefault(False)
        self.buttons.addButton(self.confirm, QDialogButtonBox.DestructiveRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.cancel.setText(self.tr("Abbrechen"))
        self.cancel.setObjectName("erasureCancel")
        self.cancel.setDefault(True)
        self.confirm.clicked.connect(self._erase)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 440)
        self.cancel.setFocus()

    def _erase(self) -> None:
        self.confirm.setEnabled(False)
        self.operations.start(
            no_progress(self.erase),
            parent=self,
            label=self.tr("Wird gelöscht …"),
            cancellable=False,
            initiator=None,
            on_done=self._done,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.confirm.setEnabled(True)
        self.operations.fail(exc, self, on_gone=self.reject)

    def _done(self, result) -> None:
        self.result_value = result
        self.heading.setText(self.tr("Gelöscht."))
        self.text.setPlainText("\n".join(result.lines()))
        self.confirm.hide()
        self.cancel.setText(self.tr("Schließen"))
        self.cancel.clicked.disconnect()
        self.cancel.clicked.connect(self.accept)
