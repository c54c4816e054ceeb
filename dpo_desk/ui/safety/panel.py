"""Einstellungen → "Datensicherung & Verschlüsselung": folder, rotation, backup list with
restore, auto-lock minutes, and the passphrase.

Restoring takes two clicks: "Zurückspielen …" shows what the backup holds, the
confirmation replaces the data. Every failure is shown here and in the status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.core.validation import Problem
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.safety import backup, encryption
from dpo_desk.store.backup import BackupError, BackupInfo
from dpo_desk.ui.safety.backup_table import BackupTableModel
from dpo_desk.ui.safety.lock_screen import auto_lock_minutes, set_auto_lock_minutes
from dpo_desk.ui.safety.passphrase_dialog import NewPassphraseDialog
from dpo_desk.ui.safety.restore_flow import restore_with_confirmation
from dpo_desk.ui.signals import AppSignals

ERROR_STYLE = "color: #b00020;"


def _button(text: str, name: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


class DataSafetyPanel(QGroupBox):
    def __init__(self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.operations = signals.operations
        self.setTitle(self.tr("Datensicherung && Verschlüsselung"))
        self.setObjectName("dataSafetyPanel")
        self.setAccessibleName(self.tr("Datensicherung und Verschlüsselung"))
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setTextFormat(Qt.PlainText)
        self.status.setObjectName("backupStatusLabel")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addLayout(self._build_settings())
        layout.addWidget(self._build_list())
        layout.addWidget(self._build_encryption())
        # Filled when first shown (showEvent): listing backups opens each file.

    # --- building ------------------------------------------------------------------------

    def _build_settings(self) -> QFormLayout:
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("backupFolderEdit")
        self.folder_edit.setAccessibleName(self.tr("Sicherungsordner"))
        self.folder_edit.returnPressed.connect(self._apply_folder)
        choose = _button(self.tr("Ordner &wählen …"), "chooseBackupFolderButton", "Ordner wählen")
        choose.clicked.connect(self._choose_folder)
        default = _button(self.tr("Standard"), "defaultBackupFolderButton", "Standardordner")
        default.clicked.connect(lambda: self._set_folder(""))
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        row.addWidget(default)
        form.addRow(self.tr("Sicherungsordner:"), row)

        keep = QHBoxLayout()
        self.daily = QSpinBox()
        self.daily.setRange(1, 365)
        self.daily.setObjectName("keepDailySpin")
        self.daily.setAccessibleName(self.tr("Tägliche Sicherungen behalten"))
        self.monthly = QSpinBox()
        self.monthly.setRange(0, 120)
        self.monthly.setObjectName("keepMonthlySpin")
        self.monthly.setAccessibleName(self.tr("Monatliche Sicherungen behalten"))
        apply = _button(self.tr("Üb&ernehmen"), "applyRotationButton", "Aufbewahrung übernehmen")
        apply.clicked.connect(self._apply_rotation)
        keep.addWidget(QLabel(self.tr("Tage:")))
        keep.addWidget(self.daily)
        keep.addWidget(QLabel(self.tr("Monate:")))
        keep.addWidget(self.monthly)
        keep.addWidget(apply)
        keep.addStretch(1)
        form.addRow(self.tr("Aufbewahren:"), keep)
        return form

    def _build_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = BackupTableModel()
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.table.setAccessibleName(self.tr("Sicherungen"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(180)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.backup_button = _button(self.tr("&Jetzt sichern"), "backupNowButton", "Jetzt sichern")
        self.backup_button.clicked.connect(self.backup_now)
        self.verify_button = _button(self.tr("P&rüfen"), "verifyBackupButton", "Sicherung prüfen")
        self.verify_button.clicked.connect(self._verify_selected)
        self.restore_button = _button(
            self.tr("&Zurückspielen …"), "restoreBackupButton", "Sicherung zurückspielen"
        )
        self.restore_button.clicked.connect(self._restore_selected)
        self.restore_file_button = _button(
            self.tr("Aus &Datei …"), "restoreFromFileButton", "Sicherung aus Datei zurückspielen"
        )
        self.restore_file_button.clicked.connect(self._restore_other_file)
        for button in (
            self.backup_button,
            self.verify_button,
            self.restore_button,
            self.restore_file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _build_encryption(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self.encryption_label = QLabel()
        self.encryption_label.setTextFormat(Qt.PlainText)
        self.encryption_label.setObjectName("encryptionStatusLabel")
        self.encryption_label.setWordWrap(True)
        form.addRow(self.tr("Verschlüsselung:"), self.encryption_label)
        row = QHBoxLayout()
        self.set_button = _button("", "setPassphraseButton", "Passphrase festlegen oder ändern")
        self.set_button.clicked.connect(lambda: self._change_passphrase(remove=False))
        self.remove_button = _button(
            self.tr("Passphrase entfernen …"), "removePassphraseButton", "Passphrase entfernen"
        )
        self.remove_button.clicked.connect(lambda: self._change_passphrase(remove=True))
        self.leftovers_button = _button(
            self.tr("&Klartext-Reste verschlüsseln"),
            "encryptLeftoversButton",
            "Unverschlüsselte Reste verschlüsseln oder löschen",
        )
        self.leftovers_button.clicked.connect(self._encrypt_leftovers)
        row.addWidget(self.set_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.leftovers_button)
        row.addStretch(1)
        form.addRow(row)
        lock_row = QHBoxLayout()
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setObjectName("autoLockSpin")
        self.lock_minutes.setAccessibleName(self.tr("Sperren nach Minuten ohne Eingabe"))
        self.lock_minutes.setSpecialValueText(self.tr("nie"))
        self.lock_minutes.editingFinished.connect(self._apply_lock_minutes)
        lock_row.addWidget(self.lock_minutes)
        lock_row.addStretch(1)
        form.addRow(self.tr("Sperren nach:"), lock_row)
        return box

    # --- showing -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # the list may have grown (daily backup, imports)
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        status = backup.backup_status(self.ctx)
        self.folder_edit.setText(str(status.folder))
        policy = backup.rotation_policy(self.ctx)
        self.daily.setValue(policy.daily)
        self.monthly.setValue(policy.monthly)
        self.model.set_entries(backup.list_backups(self.ctx))
        self.table.resizeColumnsToContents()
        if status.failure:
            self.status.setText(self.tr("Letzte Sicherung fehlgeschlagen: ") + status.failure)
            self.status.setStyleSheet(ERROR_STYLE)
        elif status.last_backup:
            self.status.setText(
                self.tr("Letzte Sicherung: ") + status.last_backup.strftime("%d.%m.%Y %H:%M")
            )
            self.status.setStyleSheet("")
        else:
            self.status.setText(self.tr("Noch keine Sicherung vorhanden."))
            self.status.setStyleSheet("")
        enc = encryption.encryption_status(self.ctx)
        self.encryption_label.setText(enc.message)
        self.set_button.setText(
            self.tr("P&assphrase ändern …") if enc.encrypted else self.tr("P&assphrase festlegen …")
        )
        self.set_button.setEnabled(enc.available)
        self.remove_button.setEnabled(enc.available and enc.encrypted)
        self.leftovers_button.setVisible(enc.encrypted and not enc.complete)
        self.lock_minutes.setValue(auto_lock_minutes(self.ctx))
        self.lock_minutes.setEnabled(enc.encrypted)

    def _report(self, text: str, error: bool = False) -> None:
        self.signals.status_message.emit(text)
        if error:
            self.status.setText(text)
            self.status.setStyleSheet(ERROR_STYLE)

    def _selected(self) -> backup.BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    # --- actions -------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Sicherungsordner wählen"), self.folder_edit.text()
        )
        if folder:
            self._set_folder(folder)

    def _apply_folder(self) -> None:
        self._set_folder(self.folder_edit.text())

    def _failed(self, problems: list[Problem], prefix: str = "") -> None:
        self.refresh()
        self._report(prefix + " ".join(p.message for p in problems), error=True)

    def _set_folder(self, folder: str) -> None:
        chosen = self.operations.run(
            lambda: backup.set_backup_folder(self.ctx, folder), parent=self, errors=self._failed
        )
        if chosen is not None:
            self.refresh()
            self._report(self.tr("Sicherungsordner: ") + str(chosen))

    def _apply_rotation(self) -> None:
        daily, monthly = self.daily.value(), self.monthly.value()
        if (
            self.operations.run(
                lambda: backup.set_rotation_policy(self.ctx, daily, monthly),
                parent=self,
                errors=self._failed,
            )
            is not None
        ):
            self._report(self.tr("Aufbewahrung gespeichert."))

    def _apply_lock_minutes(self) -> None:
        minutes = self.lock_minutes.value()
        saved = self.operations.run(
            lambda: set_auto_lock_minutes(self.ctx, minutes), parent=self, errors=self._failed
        )
        lock = getattr(self.window(), "idle_lock", None)
        if saved is not None and lock is not None:
            lock.set_minutes(minutes)

    def backup_now(self) -> BackupInfo | None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            info = self.operations.run(
                lambda: backup.create_backup(self.ctx),
                parent=self,
                errors=lambda p: self._failed(p, self.tr("Sicherung fehlgeschlagen: ")),
            )
        finally:
            QApplication.restoreOverrideCursor()
        if info is None:
            return None
        self.refresh()
        self._report(self.tr("Sicherung angelegt und geprüft: ") + info.path.name)
        return info

    def _verify_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            self._report(self.tr("Bitte zuerst eine Sicherung in der Liste wählen."))
            return
        try:
            info = backup.verify_backup_file(self.ctx, entry.path)
        except BackupError as exc:
            self._report(str(exc), error=True)
            return
        self._report(self.tr("Sicherung in Ordnung: ") + info.path.name)

    def _restore_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            self._report(self.tr("Bitte zuerst eine Sicherung in der Liste wählen."))
            return
        self.restore_from(entry.path)

    def _restore_other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Sicherungsdatei wählen"),
            self.folder_edit.text(),
            self.tr("dpo_desk-Sicherungen (*.sqlite);;Alle Dateien (*)"),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> None:
        result = self.operations.run(
            lambda: restore_with_confirmation(self, self.ctx, path),
            parent=self,
            errors=lambda p: self._failed(p, self.tr("Zurückspielen nicht möglich: ")),
        )
        if result is None:
            return
        self.refresh()
        self._report(
            self.tr("Sicherung zurückgespielt. Vorheriger Stand gesichert als ")
            + result.safety_backup.path.name
        )

    def _encrypt_leftovers(self) -> None:
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            result = self.operations.run(
                lambda: encryption.encrypt_leftovers(self.ctx), parent=self, errors=self._failed
            )
        finally:
            QApplication.restoreOverrideCursor()
        if result is None:
            return
        self.refresh()
        self._report(
            self.tr("%1 Sicherung(en) verschlüsselt, %2 beschädigte gelöscht.")
            .replace("%1", str(result.backups_converted))
            .replace("%2", str(result.backups_deleted))
        )

    def _change_passphrase(self, remove: bool) -> None:
        dialog = NewPassphraseDialog(self.ctx.db.encrypted, remove, self)
        if not dialog.exec():
            dialog.clear()
            return
        new, current = dialog.values()
        dialog.clear()
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            result = self.operations.run(
                lambda: encryption.change_passphrase(self.ctx, new, current),
                parent=self,
                errors=self._failed,
            )
        finally:
            QApplication.restoreOverrideCursor()
        if result is None:
            return
        self.refresh()
        lock = getattr(self.window(), "idle_lock", None)
        if lock is not None:
            lock.restart()
        text = (
            self.tr("Verschlüsselung eingerichtet.")
            if result.encrypted
            else self.tr("Verschlüsselung entfernt.")
        )
        if result.backups_left:
            text += self.tr(
                " %n Sicherung(en) mit anderer Passphrase blieben unverändert."
            ).replace("%n", str(result.backups_left))
        self._report(text)
