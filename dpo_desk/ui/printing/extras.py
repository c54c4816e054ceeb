"""The "Drucken" page's choices beyond document, template and classes, and what happens
after a printout left the app.

- "Zwei Rücklaufzettel je Blatt": return slips as two A5 halves on one A4 sheet;
- "Nur Schüler-Nr.": a reprint for single students (numbers as in the student list);
- after saving or printing a document that families sign, the print log remembers which
  text version each student received (``log_handout``), so that a typed form is recorded
  against it;
- the teachers' list can be copied as text (one line per child, tab-separated).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QWidget

from dpo_desk.services.printing.request import PrintDocument

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
        self.two_per_sheet = QCheckBox(tr("&Zwei Rücklaufzettel je Blatt (A5, Schnittlinie)"))
        self.two_per_sheet.setObjectName("printingTwoPerSheet")
        self.two_per_sheet.setAccessibleName(tr("Zwei Rücklaufzettel je Blatt"))
        self.students = QLineEdit()
        self.students.setObjectName("printingStudents")
        self.students.setAccessibleName(tr("Nur diese Schüler-Nummern (Nachdruck)"))
        self.students.setPlaceholderText(tr("leer = alle; Nachdruck: Nummern, z. B. 12, 15"))

    def update(self, document: PrintDocument) -> None:
        self.two_per_sheet.setEnabled(document in SLIP_DOCUMENTS)
        self.students.setEnabled(document in PER_STUDENT)

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
