"""The files kept with an entry, a processor or a measure: list, attach (a file dialog or a
given path), open and remove. Like every field of the form, attaching and removing wait for
the form's "Speichern" (``apply`` after the owner is saved, one transaction in
``services/register/attachments.save_attachment_changes``); "Abbrechen" leaves the stored
files as they were. Everything is stored inside the database."""

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

from dpo_desk.core.validation import ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import attachments
from dpo_desk.ui.common.error_label import error_label
from dpo_desk.ui.operations import Operations

PENDING_ROLE = Qt.UserRole + 1  # the chosen path of a file not yet stored


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
        self.added: list[Path] = []
        self.removed: list[int] = []
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

    def has_changes(self) -> bool:
        return bool(self.added or self.removed)

    def refresh(self) -> None:
        self.list.clear()
        self.hint.setText(
            self.tr(
                "Dateien werden beim Speichern verschlüsselt in der Datenbank abgelegt; "
                "„Abbrechen“ lässt die Anhänge, wie sie waren."
            )
        )
        if self.owner_id is not None:
            for info in attachments.list_attachments(self.ctx, self.kind, self.owner_id):
                if info.id in self.removed:
                    continue
                item = QListWidgetItem(
                    f"{info.file_name} ({info.size_label}, {info.added_at.astimezone():%d.%m.%Y})"
                )
                item.setData(Qt.UserRole, info.id)
                self.list.addItem(item)
        for path in self.added:
            item = QListWidgetItem(
                self.tr("%1 (wird beim Speichern angehängt)").replace("%1", path.name)
            )
            item.setData(PENDING_ROLE, str(path))
            self.list.addItem(item)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Datei anhängen"))
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        """Take ``path`` to be attached by "Speichern" (checked now: a readable regular
        file within the size limit)."""
        try:
            chosen = attachments.check_attachment_file(path)
        except ValidationError as exc:
            self.error.setText("\n".join(p.message for p in exc.problems))
            return False
        self.added.append(chosen)
        self.error.clear()
        self.refresh()
        return True

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def open_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        pending = item.data(PENDING_ROLE)
        if pending:  # not stored yet: the chosen file itself
            QDesktopServices.openUrl(QUrl.fromLocalFile(pending))
            return
        path = attachments.attachment_copy(self.ctx, item.data(Qt.UserRole))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_current(self) -> None:
        """Take the chosen file off the list; a stored one is removed by "Speichern"."""
        item = self.list.currentItem()
        if item is None:
            return
        pending = item.data(PENDING_ROLE)
        if pending:
            self.added = [path for path in self.added if str(path) != pending]
        else:
            self.removed.append(item.data(Qt.UserRole))
        self.refresh()

    def apply(self, owner_id: int) -> bool:
        """Store the files chosen and remove those taken off (after the owner was saved);
        False (the message shown here) when that failed."""
        self.owner_id = owner_id
        if not self.has_changes():
            return True
        kind, added, removed = self.kind, list(self.added), list(self.removed)
        done = self.operations.run(
            lambda: attachments.save_attachment_changes(self.ctx, kind, owner_id, added, removed),
            parent=self,
            initiator=self.initiator,
            errors=self.error,
        )
        if done is None:
            return False
        self.added, self.removed = [], []
        self.refresh()
        return True
