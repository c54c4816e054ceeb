"""The per-class status list as a table: one row per student with the state of every option,
the text version and arrival of the latest form, and what is missing. Printed as a PDF
(``status_list``) or exported for a spreadsheet (XLSX, CSV). Exported cells are text, never
formulas: XLSX cells are typed as strings, CSV cells starting with ``=``, ``+``, ``-`` or ``@``
get a leading apostrophe (``core.export``).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dpo_desk.core.export import neutralise_cell
from dpo_desk.reports.atomic import write_atomically
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.text import format_date

FIXED_HEADINGS = ("Klasse", "Nachname", "Vorname(n)")
TAIL_HEADINGS = ("Version", "Eingang", "Fehlt / Hinweis")


def headings(job: ConsentPrint) -> list[str]:
    return [*FIXED_HEADINGS, *(o.label for o in job.version.options), *TAIL_HEADINGS]


def student_row(job: ConsentPrint, student: PrintStudent) -> list[str]:
    states = [
        state.label if (state := student.states.get(o.key)) is not None else ""
        for o in job.version.options
    ]
    return [
        student.class_name,
        student.last_name,
        student.first_names,
        *states,
        "" if student.form_version is None else str(student.form_version),
        format_date(student.received_on) if student.received_on else "",
        "; ".join(student.gaps),
    ]


def table_rows(job: ConsentPrint) -> list[list[str]]:
    return [student_row(job, student) for student in job.students]


def xlsx_bytes(job: ConsentPrint) -> bytes:
    """One sheet, a bold heading row, frozen below it; every cell a string."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Stand")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in headings(job):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table_rows(job):
        cells = []
        for text in row:
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # text, even when it starts with "=" (never a formula)
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(job: ConsentPrint) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark (as German spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headings(job))
    writer.writerows([[neutralise_cell(v) for v in row] for row in table_rows(job)])
    return buffer.getvalue().encode("utf-8-sig")


def write_table(job: ConsentPrint, path: str | os.PathLike[str]) -> Path:
    """XLSX or CSV by the file's extension, written atomically."""
    suffix = Path(path).suffix.lower()
    data = xlsx_bytes(job) if suffix == ".xlsx" else csv_bytes(job)
    return write_atomically(path, data)
