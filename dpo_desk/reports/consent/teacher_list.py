"""The participants list for teachers: per class one page, per child one phrase saying what
the child may take part in across all options of the template on the print date ("Audio
und Video", "nur Audio", "keine Teilnahme"). Names and that phrase only: nothing else a
teacher does not need (no reasons, no dates)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from dpo_desk.core.consent.participation import NONE, participation
from dpo_desk.core.export import clipboard_cell
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent, per_class_document
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.styles import grid_table_style, styles
from dpo_desk.reports.text import format_date, para

SUBJECT = "Teilnahmeliste für Lehrkräfte"
TITLE = "Teilnahme"
HINT = (
    "„keine Teilnahme“: Es liegt keine gültige Einwilligung vor (nicht abgegeben, NEIN, "
    "widerrufen, unvollständig oder abgelaufen). Diese Kinder werden durch die Schule "
    "gleichwertig betreut. Die Liste gilt am angegebenen Tag; bitte nicht weitergeben."
)


def teacher_rows(job: ConsentPrint, students: list[PrintStudent]) -> list[tuple[str, str]]:
    """(name as in a class list, phrase) per student."""
    options = job.version.options
    return [(s.list_name, participation(s.states, options)) for s in students]


def teacher_list_text(job: ConsentPrint) -> str:
    """The lists as text for the clipboard: one tab-separated line per child, every cell
    safe to paste into a spreadsheet (never a formula)."""
    lines = [f"{TITLE}: {job.version.title} – Stand {format_date(job.printed_on)}"]
    for class_name, students in job.by_class():
        lines += ["", f"Klasse {class_name or '–'}"]
        lines += [
            f"{clipboard_cell(name)}\t{clipboard_cell(phrase)}"
            for name, phrase in teacher_rows(job, students)
        ]
    return "\n".join(lines) + "\n"


def teacher_list_flowables(
    job: ConsentPrint, class_name: str, students: list[PrintStudent]
) -> list[Flowable]:
    s = styles()
    rows = teacher_rows(job, students)
    allowed = sum(1 for _, phrase in rows if phrase != NONE)
    header = [para(text, s.table_header) for text in ("Nr.", "Name", TITLE)]
    table = Table(
        [
            header,
            *[
                [str(number), para(name, s.table_cell), para(phrase, s.table_cell)]
                for number, (name, phrase) in enumerate(rows, start=1)
            ],
        ],
        colWidths=[12 * mm, CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.5 - 12 * mm],
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(grid_table_style(header_rows=1, striped=True))
    return [
        para(job.school.name or job.letterhead.school_name, s.small),
        para(f"{TITLE}: {job.version.title}", s.title),
        para(
            f"Klasse {class_name or '–'} · Stand {format_date(job.printed_on)} · "
            f"{allowed} von {len(students)} dürfen teilnehmen",
            s.body,
        ),
        table,
        Spacer(1, 3 * mm),
        para(HINT, s.hint),
    ]


def teacher_list_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """One part (page) per class."""
    return per_class_document(
        job,
        SUBJECT,
        f"{TITLE}: {job.version.title}",
        f"{TITLE} {job.version.title}",
        teacher_list_flowables,
    )
