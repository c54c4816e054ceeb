"""Small documents the report tests print."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from reportlab.platypus import Flowable

from dpo_desk.reports.engine import DocumentInfo, DocumentPart, Letterhead
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import para

HARD_NAMES = ["Şahin", "Yılmaz", "Wałęsa", "Nguyễn", "Đorđević"]


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 90), (20, 80, 150)).save(buffer, "PNG")
    return buffer.getvalue()


def letterhead(logo: bytes | None = None, name: str = "Gesamtschule Am Rosengarten") -> Letterhead:
    return Letterhead(
        school_name=name,
        address_lines=("Rosenweg 12", "12345 Blumenstadt"),
        contact="Tel. 030 123456 · info@rosengarten.example",
        logo=logo,
    )


def info(**overrides: object) -> DocumentInfo:
    values: dict[str, object] = dict(
        title="Einwilligung Videokonferenzen",
        letterhead=letterhead(),
        subject="Einwilligungserklärung",
        version="3",
        printed_on=date(2026, 11, 23),
    )
    values.update(overrides)
    return DocumentInfo(**values)  # type: ignore[arg-type]


def paragraphs(*texts: str) -> list[Flowable]:
    return [para(text, styles().body) for text in texts]


def long_part(title: str, paragraphs_count: int = 18) -> DocumentPart:
    """A part of about two pages."""
    text = "Dieser Absatz füllt die Seite mit Text, damit ein Umbruch entsteht. " * 4
    return DocumentPart(
        [para(f"{title} Absatz {n}: {text}", styles().body) for n in range(paragraphs_count)],
        title=title,
    )
