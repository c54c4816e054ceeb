"""One way to save a document: PDF, or Word when the file name ends in ``.docx``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from dpo_desk.reports.engine import (
    CancelCheck,
    DocumentInfo,
    DocumentPart,
    DocumentResult,
    ProgressCallback,
    write_pdf,
)

DOCX_SUFFIX = ".docx"


def is_docx(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() == DOCX_SUFFIX


def write_document(
    path: str | os.PathLike[str],
    info: DocumentInfo,
    parts: Sequence[DocumentPart],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> DocumentResult:
    """Save ``parts`` to ``path`` as DOCX (``.docx``) or PDF (anything else)."""
    if is_docx(path):
        from dpo_desk.reports.docx.writer import write_docx

        return write_docx(path, info, parts, progress=progress, cancelled=cancelled)
    return write_pdf(path, info, parts, progress=progress, cancelled=cancelled)
