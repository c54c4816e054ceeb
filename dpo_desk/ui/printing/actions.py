"""What the "Drucken" page does with a printout: show it, save it (PDF; the status list
also as XLSX or CSV), send it to a printer, copy the teachers' list as text; after a
document families sign left the app, the print log remembers the text version each
student received. Mixed into ``PrintingPage``, which provides the choice and the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

from dpo_desk.core.wording import pages as pages_text
from dpo_desk.services.printing.request import suggested_file_name
from dpo_desk.ui.common.save_dialog import saved_text
from dpo_desk.ui.printing.extras import copy_text
from dpo_desk.ui.printing.output import print_pdf_pages

if TYPE_CHECKING:
    from dpo_desk.reports.engine import RenderedPdf


class PrintActions:
    """The page's actions (``self`` is the ``PrintingPage``)."""

    # --- the three actions ----------------------------------------------------------------

    def show_preview(self) -> None:
        self._with_pdf(lambda rendered: None)

    def save_with_dialog(self) -> None:
        request = self.current_request()
        if request is None:
            return
        dialog = QFileDialog(self, self.tr("Speichern (PDF oder Word)"))
        dialog.setObjectName("printingSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptSave)
        filters = [self.tr("PDF-Dateien (*.pdf)"), self.tr("Word-Dokumente (*.docx)")]
        if self.chosen_document().tables:
            filters += [self.tr("Excel-Tabellen (*.xlsx)"), self.tr("CSV-Dateien (*.csv)")]
        dialog.setNameFilters(filters)
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix(chosen.rsplit("*.", 1)[-1].rstrip(")"))
        )
        dialog.setDefaultSuffix("pdf")
        info = next((t for t in self.templates if t.key == request.template_key), None)
        dialog.selectFile(suggested_file_name(request, info.title if info else ""))
        if dialog.exec() and dialog.selectedFiles():
            self.save_to(Path(dialog.selectedFiles()[0]))

    def save_to(self, path: Path) -> None:
        from dpo_desk.services.printing.documents import TABLE_SUFFIXES, save_rendered, save_table

        if path.suffix.lower() == ".docx":
            self._save_docx(path)
            return
        if path.suffix.lower() in TABLE_SUFFIXES:
            request, school_id = self.current_request(), self.school_id
            if request is None or school_id is None:
                return
            saved = self.operations.run(
                lambda: save_table(self.ctx, school_id, request, path),
                parent=self,
                errors=lambda problems: self.show_message(
                    " ".join(p.message for p in problems), error=True
                ),
            )
            if saved is not None:
                self.show_message(self.tr("Gespeichert: %1").replace("%1", str(saved.path)))
            return

        def write(rendered: RenderedPdf) -> None:
            result = self.operations.run(
                lambda: save_rendered(rendered, path),
                parent=self,
                errors=lambda problems: self.show_message(
                    " ".join(p.message for p in problems), error=True
                ),
            )
            if result is None:
                return
            self._log_handout(rendered)
            text = self.tr("Gespeichert: %1 (%2)").replace("%1", str(result.path))
            self.show_message(text.replace("%2", pages_text(result.pages)))
            self.signals.status_message.emit(self.message.text())

        self._with_pdf(write)

    def _save_docx(self, path: Path) -> None:
        """The same printout as a Word document (laid out anew, in the background)."""
        from dpo_desk.services.printing.documents import print_document

        request, school_id = self.current_request(), self.school_id
        if request is None or school_id is None:
            return

        def done(result) -> None:
            self.show_message(saved_text(self, result))
            self.signals.status_message.emit(self.message.text())

        self.operations.start(
            lambda progress, cancelled: print_document(
                self.ctx, school_id, request, path, progress=progress, cancelled=cancelled
            ),
            parent=self,
            label=self.tr("Word-Dokument wird erstellt …"),
            on_done=done,
            errors=lambda problems: self.show_message(
                " ".join(p.message for p in problems), error=True
            ),
        )

    def print_with_dialog(self) -> None:
        def ask(rendered: RenderedPdf) -> None:
            printer = QPrinter(QPrinter.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setObjectName("printingPrintDialog")
            if dialog.exec() == QPrintDialog.Accepted:
                self.print_to(printer)

        self._with_pdf(ask)

    def print_to(self, printer: QPrinter) -> bool:
        """Send the shown PDF to ``printer`` page by page (with progress and cancel)."""
        if self.rendered is None:
            return False
        printed = print_pdf_pages(self, self.pdf, printer)
        if printed == self.pdf.pageCount():
            self._log_handout(self.rendered[1])
        text = (
            self.tr("An den Drucker gesendet: %1.").replace("%1", pages_text(printed))
            if printed == self.pdf.pageCount()
            else self.tr("Drucken abgebrochen.")
        )
        self.show_message(text)
        return printed == self.pdf.pageCount()

    def _log_handout(self, rendered: RenderedPdf) -> None:
        """Remember which text version went to which student (documents families sign)."""
        from dpo_desk.services.printing.documents import log_handout

        if self.rendered is None or self.school_id is None:
            return
        request, school_id = self.rendered[0], self.school_id
        # Initiated here: the print log changes no printout, the preview stays.
        self.operations.run(
            lambda: log_handout(self.ctx, school_id, request, rendered),
            parent=self,
            initiator=self,
        )

    def copy_teacher_list(self) -> None:
        """The teachers' list as text (one line per child) for a mail or a chat."""
        from dpo_desk.services.printing.documents import teacher_text

        request, school_id = self.current_request(), self.school_id
        if request is None or school_id is None:
            return
        text = self.operations.run(lambda: teacher_text(self.ctx, school_id, request), parent=self)
        if text is not None:
            copy_text(text)
            self.show_message(self.tr("Die Teilnahmeliste ist in der Zwischenablage."))
