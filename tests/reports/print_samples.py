"""Consent print jobs built from plain values (no database), and reading QR codes back."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest

from dpo_desk.core.consent.scan_code import make_scan_code
from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import (
    ConsentTemplateVersion,
)
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.services.consent.template_edit import starter_catalogue
from tests.conftest import sample_profile
from tests.reports.samples import letterhead

PRINT_DAY = date(2026, 11, 23)
HARD_LAST_NAMES = ["Şahin", "Yılmaz", "Wałęsa", "Nguyễn", "Đorđević"]


def version(key: str = "videokonferenzen", **changes: object) -> ConsentTemplateVersion:
    found = next(v for v in starter_catalogue() if v.template_key == key)
    return dataclasses.replace(found, **changes)


def student(
    number: int,
    last_name: str,
    first_names: str = "Deniz",
    class_name: str = "7b",
    birth_date: date | None = date(2014, 3, 1),
    template: ConsentTemplateVersion | None = None,
    states: dict[str, ConsentState] | None = None,
) -> PrintStudent:
    chosen = template or version()
    return PrintStudent(
        student_id=number,
        last_name=last_name,
        first_names=first_names,
        class_name=class_name,
        birth_date=birth_date,
        scan_code=make_scan_code("123456", number, chosen.template_key, chosen.version),
        states=states or {},
    )


def job(
    students: list[PrintStudent], template: ConsentTemplateVersion | None = None, **changes: object
) -> ConsentPrint:
    values: dict[str, object] = dict(
        school=sample_profile(name="Gesamtschule Am Rosengarten", town="Blumenstadt"),
        letterhead=letterhead(),
        version=template or version(),
        students=tuple(students),
        printed_on=PRINT_DAY,
    )
    values.update(changes)
    return ConsentPrint(**values)  # type: ignore[arg-type]


def decode_qr_codes(pdf: bytes, page: int) -> list[str]:
    """The QR payloads a scanner would read from ``page`` (1-based) of ``pdf``: the page is
    rendered with pdftoppm and decoded with zxing-cpp."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        prefix = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), source, prefix],
            check=True,
        )
        image = Image.open(next(Path(folder).glob("page*.png")))
        return [code.text for code in zxingcpp.read_barcodes(image)]
