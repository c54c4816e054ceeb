"""The "Drucken" page's choices beyond document, template and classes, and what happens
after a printout left the app.

- "Zwei Rücklaufzettel je Blatt": return slips as two A5 halves on one A4 sheet;
- "Nur Schüler-Nr.": a reprint for single students, chosen from a list ("Auswählen …",
  ``student_picker``) or typed as numbers (as in the student list);
- after saving or printing a document that families sign, the print log remembers which
  text version each student received (``log_handout``), so that a typed form is recorded
  against it;
- the teachers' list can be copied as text (one line per child, tab-separated).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QHBoxLayout, QLineEdit, QWidget

from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.printing.request import PrintDocument
from dpo_desk.ui.common.buttons import make_button
from dpo_desk.ui.common.text import plain_label
from dpo_desk.ui.printing.student_picker import ANY, Pickable, StudentPickerDialog

SLIP_DOCUMENTS = (PrintDocument.LETTER_AND_SLIPS, PrintDocument.RETURN_SLIPS)
PER_STUDENT = (
    PrintDocument.CONSENT_FORMS,
    PrintDocument.LETTER_AND_SLIPS,
    PrintDocument.RETURN_SLIPS,
    PrintDocument.REMINDERS,
)


class PrintExtras:
    """The extra choice widgets, created for the page and placed by it."""

    def __init__(self, page: QWidget) -> None:
        tr = page.tr
        self.page = page
        self.two_per_sheet = QCheckBox(tr("&Zwei Rücklaufzettel je Blatt (A5, Schnittlinie)"))
        self.two_per_sheet.setObjectName("printingTwoPerSheet")
        self.two_per_sheet.setAccessibleName(tr("Zwei Rücklaufzettel je Blatt"))
        self.students = QLineEdit()
        self.students.setObjectName("printingStudents")
        self.students.setAccessibleName(tr("Nur diese Schüler-Nummern (Nachdruck)"))
        self.students.setPlaceholderText(tr("leer = alle; Nachdruck: Nummern, z. B. 12, 15"))
        self.students.textEdited.connect(lambda _text: self.show_names([]))
        self.pick_button = make_button(
            page, "printingPickStudents", "&Auswählen …", self.pick_students
        )
        self.pick_button.setToolTip(tr("Schülerinnen und Schüler für einen Nachdruck ankreuzen"))
        self.chosen_names = plain_label("", "printingChosenStudents", wrap=True)
        self.chosen_names.setStyleSheet("color: #555;")
        self.chosen_names.hide()  # takes room only when there are names to show
        self.student_row = QHBoxLayout()
        self.student_row.addWidget(self.students, 1)
        self.student_row.addWidget(self.pick_button)

    def update(self, document: PrintDocument) -> None:
        self.two_per_sheet.setEnabled(document in SLIP_DOCUMENTS)
        for widget in (self.students, self.pick_button, self.chosen_names):
            widget.setEnabled(document in PER_STUDENT)

    def picker(self) -> StudentPickerDialog | None:
        """The list of the template's students, the typed numbers ticked, the class chosen
        on the page (when exactly one is) shown first."""
        page = self.page
        key = page.template_box.currentData()
        if page.school_id is None or not key:
            return None
        rows = template_status(page.ctx, page.school_id, key).rows
        typed = self.student_ids(PrintDocument.CONSENT_FORMS) or ()
        classes = page.chosen_classes()
        one_class = classes[0] if len(classes) == 1 and not page.whole_school.isChecked() else ANY
        students = [Pickable.of(row) for row in rows]
        return StudentPickerDialog(students, set(typed), one_class, page)

    def pick_students(self) -> None:
        dialog = self.picker()
        if dialog is None:
            return
        self.page.picker = dialog  # tests reach the open dialog here
        if dialog.exec() == QDialog.Accepted:
            self.take_choice(dialog)
        self.page.picker = None
        self.students.setFocus()

    def reprint(self, template_key: str, student_ids: list[int]) -> None:
        """Reminders of ``template_key`` for these students (the document can be changed)."""
        page = self.page
        if page.template_box.findData(template_key) < 0:
            page.refresh()
        page.choose(PrintDocument.REMINDERS, template_key, [])
        self.students.setText(", ".join(str(i) for i in student_ids))
        if page.school_id is not None:
            rows = template_status(page.ctx, page.school_id, template_key).rows
            chosen = set(student_ids)
            self.show_names([row.name for row in rows if row.student_id in chosen])
        page.show_message(
            page.tr(
                "Erinnerungen für %1 gewählte Schülerinnen und Schüler: „Vorschau“ zeigt sie."
            ).replace("%1", str(len(student_ids)))
        )
        page.document_box.setFocus()

    def take_choice(self, dialog: StudentPickerDialog) -> None:
        ids = dialog.chosen_ids()
        self.students.setText(", ".join(str(i) for i in ids))
        self.show_names(dialog.chosen_names())

    def show_names(self, names: list[str]) -> None:
        shown = "; ".join(names[:4]) + (f" und {len(names) - 4} weitere" if len(names) > 4 else "")
        self.chosen_names.setText(shown)
        self.chosen_names.setVisible(bool(shown))

    def student_ids(self, document: PrintDocument) -> tuple[int, ...] | None:
        """The numbers typed (empty: all); None when something else than numbers was typed."""
        if document not in PER_STUDENT:
            return ()
        parts = [p.strip() for p in self.students.text().replace(";", ",").split(",")]
        parts = [p for p in parts if p]
        if not all(p.isdigit() for p in parts):
            return None
        return tuple(int(p) for p in parts)

    def sheet_option(self, document: PrintDocument) -> bool:
        return document in SLIP_DOCUMENTS and self.two_per_sheet.isChecked()


def copy_text(text: str) -> None:
    QApplication.clipboard().setText(text)
