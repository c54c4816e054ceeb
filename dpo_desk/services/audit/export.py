"""The change log as a list for a spreadsheet: one line per changed field, CSV or XLSX.

What the viewer shows filtered is what is written; cells never start a formula
(``core.export.neutralise_cell``), and the file is written atomically."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dpo_desk.core.audit.filtering import LogRow
from dpo_desk.core.audit.reading import EMPTY, action_label, erased_note, field_changes
from dpo_desk.core.export import neutralise_cell
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.reports.atomic import write_atomically
from dpo_desk.services.audit.log import area_label

HEADINGS = (
    "Nr.",
    "Zeit",
    "Wer",
    "Schule",
    "Bereich",
    "Datensatz",
    "Aktion",
    "Feld",
    "Vorher",
    "Nachher",
)


def local_time(row: LogRow) -> str:
    return f"{row.occurred_at.astimezone():%d.%m.%Y %H:%M:%S}"


def export_lines(rows: Sequence[LogRow]) -> Iterator[list[Any]]:
    """The lines below the headings: each entry once per field (at least once)."""
    for row in rows:
        head = [
            row.id,
            local_time(row),
            row.actor,
            row.school_name,
            area_label(row.area),
            row.record,
            action_label(row.action),
        ]
        note = erased_note(row.erased_at, row.erased_by)
        changes = field_changes(row.action, row.changes, note, row.entity_type)
        if not changes:
            yield [*head, "", EMPTY, EMPTY]
        for change in changes:
            yield [*head, change.label, change.before, change.after]


def _csv(rows: Sequence[LogRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADINGS)
    for line in export_lines(rows):
        writer.writerow([neutralise_cell(cell) for cell in line])
    # With a byte order mark Excel reads the umlauts right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: Sequence[LogRow]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Änderungsprotokoll")
    sheet.append(list(HEADINGS))
    for line in export_lines(rows):
        sheet.append([cell if isinstance(cell, int) else neutralise_cell(cell) for cell in line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_log(rows: Sequence[LogRow], path: str | os.PathLike[str]) -> Path:
    """Write ``rows`` to ``path`` as CSV or XLSX (by its extension)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError(
            [Problem("path", "Bitte als .csv oder .xlsx speichern (z. B. „Protokoll.xlsx“).")]
        )
    data = _xlsx(rows) if suffix == ".xlsx" else _csv(rows)
    return write_atomically(target, data)
