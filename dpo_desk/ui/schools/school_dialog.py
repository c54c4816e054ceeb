"""Dialog to create a school."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from dpo_desk.services import schools
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.schools import SchoolSummary
from dpo_desk.ui.common.screen import fit_to_screen, scrolled
from dpo_desk.ui.operations import Operations
from dpo_desk.ui.schools.school_form import SchoolForm


class NewSchoolDialog(QDialog):
    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operations = operations
        self.created: SchoolSummary | None = None
        self.setObjectName("newSchoolDialog")
        self.setWindowTitle(self.tr("Neue Schule anlegen"))
        self.form = SchoolForm()
        scroll = scrolled(self.form, name="newSchoolScroll")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.setObjectName("newSchoolButtons")
        buttons.button(QDialogButtonBox.Save).setText(self.tr("Schule anlegen"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 720)
        self.form.editor("name").setFocus()

    def accept(self) -> None:
        self.created = self.operations.run(
            lambda: schools.create_school(self.ctx, self.form.profile()),
            parent=self,
            errors=self.form.show_problems,
        )
        if self.created is not None:
            super().accept()
