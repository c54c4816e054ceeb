"""The reminder letter to the family of each student whose answer the school still needs:
no form came back, a signature or an answer is missing, or the text was newly worded.

A proper school letter: letterhead, place and date, addressee, subject, what exactly is
missing ("Unterschrift der Schülerin/des Schülers fehlt"), and the reminder that not
answering counts as NEIN and brings no disadvantage; a fresh return slip follows each letter.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import (
    SignerRole,
)
from dpo_desk.reports.consent.form import signer_roles
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.consent.slip import SLIP_TITLE, full_slip
from dpo_desk.reports.engine import DocumentInfo, DocumentPart
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import format_date, para

SUBJECT = "Erinnerung an eine Einwilligung"


def open_options(job: ConsentPrint, student: PrintStudent) -> list[str]:
    """What is missing, in words: the gaps found, else the options without an answer."""
    if student.gaps:
        return list(student.gaps)
    labels = [
        option.label
        for option in job.version.options
        if student.states.get(option.key, ConsentState.NOT_RETURNED) is ConsentState.NOT_RETURNED
    ]
    return labels or [option.label for option in job.version.options]


def _adult(job: ConsentPrint, student: PrintStudent) -> bool:
    return signer_roles(student, job) == (SignerRole.STUDENT,)


def reminder_flowables(job: ConsentPrint, student: PrintStudent) -> list[Flowable]:
    s = styles()
    school = job.school
    title = job.version.title
    adult = _adult(job, student)
    place = f"{school.town}, " if school.town else ""
    class_text = f", Klasse {student.class_name}" if student.class_name else ""
    if adult:
        addressee = f"{student.full_name}{class_text}"
        greeting = f"Guten Tag {student.full_name},"
        alternative = "Ihnen entsteht daraus kein Nachteil"
    else:
        addressee = f"An die Erziehungsberechtigten von\n{student.full_name}{class_text}"
        greeting = "Sehr geehrte Erziehungsberechtigte,"
        alternative = "Ihrem Kind entsteht daraus kein Nachteil"
    missing = "\n".join(f"• {label}" for label in open_options(job, student))
    flow: list[Flowable] = [
        para(f"{place}{format_date(job.printed_on)}", s.right),
        para(addressee, s.body),
        Spacer(1, 6 * mm),
        para(f"Erinnerung: Einwilligung „{title}“", s.heading),
        Spacer(1, 2 * mm),
        para(greeting, s.body),
        para(
            "vor einiger Zeit haben wir Sie um Ihre Entscheidung zur Einwilligung "
            f"„{title}“ gebeten. Bis heute fehlt uns noch Folgendes:",
            s.body,
        ),
        para(missing, s.body),
        para(
            "Bitte geben Sie den beiliegenden Rücklaufzettel ausgefüllt und unterschrieben bei "
            "der Klassenleitung oder im Sekretariat ab – auch dann, wenn Sie nicht einwilligen "
            "möchten: Ein NEIN hilft uns bei der Planung.",
            s.body,
        ),
        para(
            "Die Einwilligung ist freiwillig. Solange keine Antwort vorliegt, gilt sie als "
            f"nicht erteilt; {alternative}, die Schule sorgt für eine gleichwertige "
            "Alternative. Eine erteilte Einwilligung kann jederzeit für die Zukunft widerrufen "
            "werden.",
            s.body,
        ),
    ]
    closing: list[Flowable] = [Spacer(1, 4 * mm), para("Mit freundlichen Grüßen", s.body)]
    closing.append(Spacer(1, 12 * mm))
    if school.head_name:
        closing.append(para(school.head_name, s.body))
    closing.append(para("Schulleitung", s.small))
    flow.append(KeepTogether(closing))
    return flow


def reminders_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """One letter (part) per student in ``job.students``."""
    info = DocumentInfo(
        title=f"Erinnerung {job.version.title}",
        letterhead=job.letterhead,
        subject=SUBJECT,
        version=job.version_label,
        printed_on=job.printed_on,
        duplex=job.duplex,
    )
    parts = []
    for student in job.students:
        parts.append(
            DocumentPart(
                reminder_flowables(job, student),
                title=f"Erinnerung {job.version.title} – {student.list_name}",
            )
        )
        if job.with_slips:
            parts.append(
                DocumentPart(
                    [full_slip(job, student)],
                    title=f"{SLIP_TITLE} {job.version.title} – {student.list_name}",
                    with_letterhead=False,
                )
            )
    return info, parts
