"""Saving a printout: PDF, or a Word document (DOCX) for people who edit it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from dpo_desk.core.wording import pages

PDF_FILTER = "PDF (*.pdf)"
DOCX_FILTER = "Word-Dokument (*.docx)"


def document_path(parent: QWidget, title: str, default_name: str) -> Path | None:
    """Ask where to save; the chosen type decides the extension when none was typed."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, default_name, f"{PDF_FILTER};;{DOCX_FILTER}"
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in (".pdf", ".docx"):
        target = target.with_name(target.name + (".docx" if chosen == DOCX_FILTER else ".pdf"))
    return target


def saved_text(parent: QWidget, result) -> str:
    """ "Gespeichert: …" with the pages of a PDF, or naming a Word document."""
    if str(result.path).lower().endswith(".docx"):
        return parent.tr("Gespeichert: %1 (Word-Dokument)").replace("%1", str(result.path))
    return (
        parent.tr("Gespeichert: %1 (%2)")
        .replace("%1", str(result.path))
        .replace("%2", pages(result.pages))
    )
