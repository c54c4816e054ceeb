"""The files kept with an entry, a processor or a measure: list, attach (a file dialog or a
given path), open (a private copy for the system's viewer) and remove. Everything is stored
inside the database (``services/register/attachments.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import attachments
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.operations import Operations


class AttachmentsBox(QWidget):
    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        kind: str,
        owner_id: int | None,
        initiator: object = None,
    ) -> None:
        super().__init__()
        self.ctx, self.operations, self.kind = ctx, operations, kind
        self.owner_id = owner_id
        self.initiator = initiator
        self.list = QListWidget()
        self.list.setObjectName(f"{kind}Attachments")
        self.list.setAccessibleName(self.tr("Anhänge"))
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = error_label(f"{kind}AttachmentsError")
        buttons = QHBoxLayout()
        self.buttons = []
        for name, text, slot in (
            (f"{kind}AttachButton", "Datei anhän&gen …", self.choose_file),
            (f"{kind}OpenAttachmentButton", "&Öffnen", self.open_current),
            (f"{kind}RemoveAttachmentButton", "E&ntfernen", self.remove_current),
        ):
            button = QPushButton(self.tr(text))
            button.setObjectName(name)
            button.setAccessibleName(self.tr(text).replace("&", "").rstrip(" …"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.refresh()

    def set_owner(self, owner_id: int | None) -> None:
        self.owner_id = owner_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        saved = self.owner_id is not None
        for button in self.buttons:
            button.setEnabled(saved)
        self.hint.setText(
            self.tr("Dateien werden verschlüsselt in der Datenbank gespeichert.")
            if saved
            else self.tr("Anhänge sind nach dem ersten Speichern möglich.")
        )
        if not saved:
            return
        for info in attachments.list_attachments(self.ctx, self.kind, self.owner_id):
            item = QListWidgetItem(
                f"{info.file_name} ({info.size_label}, {info.added_at.astimezone():%d.%m.%Y})"
            )
            item.setData(Qt.UserRole, info.id)
            self.list.addItem(item)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Datei anhängen"))
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        if self.owner_id is None:
            return False
        kind, owner_id = self.kind, self.owner_id
        done = self.operations.run(
            lambda: attachments.attach_file(self.ctx, kind, owner_id, path),
            parent=self,
            initiator=self.initiator,
            errors=self.error,
        )
        if done is None:
            return False
        self.error.clear()
        self.refresh()
        return True

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def open_current(self) -> None:
        attachment_id = self.current_id()
        if attachment_id is not None:
            path = attachments.attachment_copy(self.ctx, attachment_id)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_current(self) -> None:
        attachment_id = self.current_id()
        if attachment_id is None:
            return
        if (
            self.operations.run(
                lambda: attachments.remove_attachment(self.ctx, attachment_id),
                parent=self,
                initiator=self.initiator,
                errors=self.error,
            )
            is not None
        ):
            self.refresh()
