"""The status list per class, printed: one page per class (longer classes continue with the
heading row repeated) with the counts per option and the table of ``status_table``."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent, per_class_document
from dpo_desk.reports.consent.status_table import student_row
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.styles import grid_table_style, styles
from dpo_desk.reports.text import format_date, para

SUBJECT = "Stand der Einwilligungen je Klasse"
NUMBER_WIDTH = 8 * mm
VERSION_WIDTH = 13 * mm
RECEIVED_WIDTH = 19 * mm


def _counts(job: ConsentPrint, students: list[PrintStudent]) -> str:
    parts = []
    for option in job.version.options:
        counts = Counter(s.states[option.key].label for s in students if option.key in s.states)
        listed = ", ".join(f"{n} {label}" for label, n in counts.most_common())
        parts.append(f"{option.label}: {listed or '–'}")
    return "\n".join(parts)


def status_table(job: ConsentPrint, students: list[PrintStudent]) -> Table:
    s = styles()
    options = job.version.options
    option_width = min(28 * mm, (CONTENT_WIDTH * 0.45) / max(1, len(options)))
    rest = (
        CONTENT_WIDTH - NUMBER_WIDTH - VERSION_WIDTH - RECEIVED_WIDTH - option_width * len(options)
    )
    name_width, gaps_width = rest * 0.5, rest * 0.5
    header = [
        para(text, s.table_header)
        for text in ("Nr.", "Name", *(o.label for o in options), "Vers.", "Eingang", "Fehlt")
    ]
    rows: list[list[object]] = [header]
    for number, student in enumerate(students, start=1):
        cells = student_row(job, student)
        states, version, received, gaps = cells[3:-3], cells[-3], cells[-2], cells[-1]
        rows.append(
            [
                str(number),
                para(student.list_name, s.table_cell),
                *[para(state, s.table_cell) for state in states],
                version,
                received,
                para(gaps, s.table_cell),
            ]
        )
    table = Table(
        rows,
        colWidths=[
            NUMBER_WIDTH,
            name_width,
            *[option_width] * len(options),
            VERSION_WIDTH,
            RECEIVED_WIDTH,
            gaps_width,
        ],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(grid_table_style(header_rows=1, striped=True))
    return table


def status_list_flowables(
    job: ConsentPrint, class_name: str, students: list[PrintStudent]
) -> list[Flowable]:
    s = styles()
    return [
        para(job.school.name or job.letterhead.school_name, s.small),
        para(f"Stand der Einwilligungen: {job.version.title}", s.title),
        para(
            f"Klasse {class_name or '–'} · Stand {format_date(job.printed_on)} · aktuelle "
            f"Textversion {job.version.version} · {len(students)} Schülerinnen und Schüler",
            s.body,
        ),
        para(_counts(job, students), s.small),
        status_table(job, students),
    ]


def status_list_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """One part (page) per class."""
    return per_class_document(
        job,
        SUBJECT,
        f"Stand der Einwilligungen: {job.version.title}",
        f"Stand {job.version.title}",
        status_list_flowables,
    )
