"""Send a PDF (already laid out) to a printer chosen in the system print dialog."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

MAX_DPI = 300
"""Pages are rendered at the printer's resolution, but never finer than this (a 1200 dpi
A4 page would need half a gigabyte of memory)."""


def print_pdf_pages(parent: QWidget, pdf: QPdfDocument, printer: QPrinter) -> int:
    """Render each page of ``pdf`` onto ``printer`` (A4, full page); returns the number of
    pages sent. A progress dialog lets the user stop after any page."""
    count = pdf.pageCount()
    if count <= 0:
        return 0
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.A4))
    printer.setPageOrientation(QPageLayout.Portrait)
    progress = QProgressDialog(
        parent.tr("Seiten werden gedruckt …"), parent.tr("Abbrechen"), 0, count, parent
    )
    progress.setObjectName("printingOutputProgress")
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(500)
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        progress.close()
        return 0
    sent = 0
    try:
        for page in range(count):
            if progress.wasCanceled():
                break
            if page:
                printer.newPage()
            points = pdf.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = pdf.render(page, size)
            target = QRectF(painter.viewport())
            scale = min(target.width() / size.width(), target.height() / size.height())
            painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
            sent += 1
            progress.setValue(sent)
            QApplication.processEvents()
    finally:
        painter.end()
        progress.close()
    return sent
