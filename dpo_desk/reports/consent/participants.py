""" "Wer darf teilnehmen?": per class and option the names of the students with a valid JA
on the print date, for the teacher. Names only: nothing else a teacher does not need."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.reports import fonts
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent, per_class_document
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import format_date, para

SUBJECT = "Teilnahmeliste nach Einwilligungen"
TITLE = "Wer darf teilnehmen?"
NAME_COLUMNS = 3
NOBODY = "Niemand: Für diese Option liegt keine gültige Einwilligung vor."
EVERYONE_ELSE = (
    "Auf der Liste stehen nur Schülerinnen und Schüler mit gültiger Einwilligung (JA). Alle "
    "anderen nehmen nicht teil – eine fehlende Antwort gilt als NEIN – und werden durch die "
    "Schule gleichwertig betreut."
)


def allowed(students: list[PrintStudent], option_key: str) -> list[PrintStudent]:
    return [s for s in students if s.states.get(option_key) is ConsentState.GRANTED]


def _names_grid(names: list[str]) -> Table:
    s = styles()
    per_column = -(-len(names) // NAME_COLUMNS)
    columns = [names[i * per_column : (i + 1) * per_column] for i in range(NAME_COLUMNS)]
    rows = [
        [
            para(f"{i + 1 + c * per_column}. {column[i]}", s.table_cell) if i < len(column) else ""
            for c, column in enumerate(columns)
        ]
        for i in range(per_column)
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH / NAME_COLUMNS] * NAME_COLUMNS, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def participants_flowables(
    job: ConsentPrint, class_name: str, students: list[PrintStudent]
) -> list[Flowable]:
    s = styles()
    version = job.version
    wanted = job.option_keys or version.option_keys
    flow: list[Flowable] = [
        para(job.school.name or job.letterhead.school_name, s.small),
        para(f"{TITLE} {version.title}", s.title),
        para(
            f"Klasse {class_name or '–'} · Stand {format_date(job.printed_on)} · "
            f"{len(students)} Schülerinnen und Schüler",
            s.body,
        ),
    ]
    for key in wanted:
        option = version.option(key)
        if option is None:
            continue
        names = [student.full_name for student in allowed(students, key)]
        block: list[Flowable] = [
            para(f"{option.label}: {len(names)} von {len(students)}", s.heading)
        ]
        block.append(_names_grid(names) if names else para(NOBODY, s.body))
        flow.append(KeepTogether(block))
    flow += [Spacer(1, 4 * mm), para(EVERYONE_ELSE, s.hint)]
    return flow


def participants_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """One part (page) per class."""
    return per_class_document(
        job,
        SUBJECT,
        f"{TITLE} {job.version.title}",
        f"{TITLE} {job.version.title}",
        participants_flowables,
    )
