"""Saving a PDF: complete file or nothing, clear German messages, progress and cancelling."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Table

from dpo_desk.reports.engine import (
    DocumentCancelled,
    DocumentError,
    DocumentPart,
    write_pdf,
)
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import para
from tests.reports import pdf_reading
from tests.reports.samples import info, paragraphs


def forms(count: int) -> list[DocumentPart]:
    return [DocumentPart(paragraphs(f"Formular {n}")) for n in range(count)]


def test_saved_file_is_a_complete_pdf_and_nothing_else_is_left(tmp_path: Path) -> None:
    result = write_pdf(tmp_path / "Einwilligungen 7b.pdf", info(), forms(3))
    assert result.path == tmp_path / "Einwilligungen 7b.pdf"
    assert result.pages == 3
    assert [p.name for p in tmp_path.iterdir()] == ["Einwilligungen 7b.pdf"]
    assert "Formular 2" in pdf_reading.all_text(result.path.read_bytes())


def test_missing_folder_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "gibt es nicht" / "a.pdf"
    with pytest.raises(DocumentError, match="existiert nicht") as caught:
        write_pdf(target, info(), forms(1))
    assert "gibt es nicht" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_folder_given_instead_of_file_name(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="ist ein Ordner"):
        write_pdf(tmp_path, info(), forms(1))
    assert list(tmp_path.iterdir()) == []


def test_file_used_as_folder_is_rejected(tmp_path: Path) -> None:
    blocker = tmp_path / "notizen.txt"
    blocker.write_text("x")
    with pytest.raises(DocumentError, match="kein Ordner"):
        write_pdf(blocker / "a.pdf", info(), forms(1))
    assert [p.name for p in tmp_path.iterdir()] == ["notizen.txt"]


def test_cancelling_keeps_the_previous_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "liste.pdf"
    target.write_bytes(b"alte Fassung")
    seen: list[tuple[int, int]] = []

    def cancelled() -> bool:
        return len(seen) >= 2

    with pytest.raises(DocumentCancelled, match="abgebrochen"):
        write_pdf(target, info(), forms(5), progress=lambda *a: seen.append(a), cancelled=cancelled)
    assert seen == [(0, 5), (1, 5)]
    assert target.read_bytes() == b"alte Fassung"
    assert [p.name for p in tmp_path.iterdir()] == ["liste.pdf"]


def test_cancel_after_the_layout_still_stops_writing_the_pages(tmp_path: Path) -> None:
    target = tmp_path / "stapel.pdf"
    laid_out: list[tuple[int, int]] = []

    def cancelled() -> bool:  # only once every part is laid out: the page-writing phase
        return len(laid_out) >= 5

    with pytest.raises(DocumentCancelled):
        write_pdf(
            target, info(), forms(5), progress=lambda *a: laid_out.append(a), cancelled=cancelled
        )
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_pdf(tmp_path / "a.pdf", info(), forms(4), progress=lambda *a: seen.append(a))
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_content_too_big_for_a_page_is_a_clear_error(tmp_path: Path) -> None:
    huge_cell = para("Sehr langer Text ohne Absatz. " * 900, styles().table_cell)
    part = DocumentPart([Table([[huge_cell]], colWidths=[80])])
    with pytest.raises(DocumentError, match="zu groß für eine A4-Seite"):
        write_pdf(tmp_path / "a.pdf", info(), [part])
    assert list(tmp_path.iterdir()) == []
