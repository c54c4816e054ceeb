"""A minimal XLSX package written by hand, so that each part can be made hostile."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
XML = '<?xml version="1.0" encoding="UTF-8"?>'

CONTENT_TYPES = (
    f'{XML}<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
ROOT_RELS = (
    f'{XML}<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'{XML}<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
    '<sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'{XML}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
)
# Style 1 is a date format (numFmtId 14), so a number in such a cell becomes a date.
STYLES = (
    f'{XML}<styleSheet xmlns="{NS}"><fonts count="1"><font/></fonts><fills count="1"><fill>'
    '<patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)
HEADINGS = ("Nachname", "Vorname", "Geburtsdatum", "Klasse")
COLUMNS = "ABCD"


def text_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def row_xml(number: int, values: Iterable[str], raw: dict[int, str] | None = None) -> str:
    """A row of inline strings; ``raw`` replaces column i's cell by the given XML."""
    cells = []
    for i, value in enumerate(values):
        ref = f"{COLUMNS[i] if i < 4 else 'E'}{number}"
        cells.append((raw or {}).get(i) or text_cell(ref, value))
    return f'<row r="{number}">{"".join(cells)}</row>'


def header_row() -> str:
    return row_xml(1, HEADINGS)


def student_row(number: int, raw: dict[int, str] | None = None) -> str:
    return row_xml(number, ("Muster", "Max", "01.02.2015", "5a"), raw)


def sheet(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'{XML}<worksheet xmlns="{NS}">{dim}<sheetData>{rows}</sheetData></worksheet>'


def package(
    sheet_xml: str | bytes,
    shared: str | bytes | None = None,
    styles: str | bytes = STYLES,
    extra: dict[str, bytes] | None = None,
    leave_out: tuple[str, ...] = (),
) -> bytes:
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/styles.xml": styles,
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/sharedStrings.xml": shared
        if shared is not None
        else f'{XML}<sst xmlns="{NS}" count="0" uniqueCount="0"/>',
    }
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if name not in leave_out:
                archive.writestr(name, content)
    return buffer.getvalue()


def normal() -> bytes:
    return package(sheet(header_row() + student_row(2)))


def patch_member(
    data: bytes,
    member: str,
    *,
    size: int | None = None,
    flags: int | None = None,
    method: int | None = None,
) -> bytes:
    """Rewrite fields of ``member``'s local header and central directory entry."""
    blob = bytearray(data)
    name = member.encode()
    for signature, offsets in ((b"PK\x03\x04", (6, 8, 22)), (b"PK\x01\x02", (8, 10, 24))):
        start = 0
        while (start := blob.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if blob[name_at : name_at + len(name)] == name:
                flag_at, method_at, size_at = (start + o for o in offsets)
                if flags is not None:
                    blob[flag_at : flag_at + 2] = struct.pack("<H", flags)
                if method is not None:
                    blob[method_at : method_at + 2] = struct.pack("<H", method)
                if size is not None:
                    blob[size_at : size_at + 4] = struct.pack("<I", size)
            start += 4
    return bytes(blob)
