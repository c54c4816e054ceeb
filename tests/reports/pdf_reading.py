"""Read generated PDFs back as a user's PDF viewer would: text per page, fonts, metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass(frozen=True)
class PdfFont:
    base_name: str
    subtype: str
    embedded_truetype: bool


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def all_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


def _fonts_in(resources: DictionaryObject | None, found: dict[str, PdfFont]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        name = str(font.get("/BaseFont", ""))
        found[name] = PdfFont(
            base_name=name.split("+", 1)[-1].lstrip("/"),
            subtype=str(font.get("/Subtype")),
            embedded_truetype="/FontFile2" in descriptor,
        )
    for xobject in (resources.get("/XObject") or {}).values():
        _fonts_in(xobject.get_object().get("/Resources"), found)


def fonts(data: bytes) -> list[PdfFont]:
    """Every font any page (or form drawn on it) uses."""
    found: dict[str, PdfFont] = {}
    for page in reader(data).pages:
        _fonts_in(page.get("/Resources"), found)
    return list(found.values())
