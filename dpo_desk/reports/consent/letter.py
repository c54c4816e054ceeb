"""Print mode "Elternbrief + Rücklaufzettel": per student the information letter (the
template's formatted text, the Art. 13 information of the linked register entry, duration and
voluntariness, the head of school's signature block if the template asks for it) followed by
a one-page return slip; or the slips alone (a reprint for chosen students).

The letter is the same for every family but for its address line, so its body is laid out
and drawn once per PDF (``SharedContent``). With ``two_per_sheet`` the slips come after the
letters, two A5 halves per A4 sheet.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dpo_desk.core.consent.values import SignerRole
from dpo_desk.reports.consent.form import DEFAULT_VOLUNTARY_NOTE, duration_text, signer_roles
from dpo_desk.reports.consent.markup import text_flowables
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.consent.slip import SLIP_TITLE, full_slip, half_slips
from dpo_desk.reports.engine import CONTENT_HEIGHT, DocumentInfo, DocumentPart
from dpo_desk.reports.flowables import SignatureLine
from dpo_desk.reports.register.info_sheet import info_sheet_flowables
from dpo_desk.reports.shared_content import SharedContent
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import format_date, para

LETTER_SUBJECT = "Elternbrief mit Rücklaufzettel"
RETURN_REQUEST = (
    "Bitte kreuzen Sie auf dem beiliegenden Rücklaufzettel für jeden Punkt JA oder NEIN an, "
    "unterschreiben Sie ihn und geben Sie ihn bei der Klassenleitung oder im Sekretariat ab – "
    "auch wenn Sie nicht einwilligen möchten."
)


def closing(job: ConsentPrint) -> list[Flowable]:
    """The greeting, with the head of school's signature line when the template asks."""
    s = styles()
    flow: list[Flowable] = [Spacer(1, 3 * mm), para("Mit freundlichen Grüßen", s.body)]
    head = job.school.head_name.strip()
    if job.version.head_signature:
        flow.append(SignatureLine(head or "Schulleitung", width=70 * mm, space_above=12 * mm))
        if head:
            flow.append(para("Schulleitung", s.small))
    else:
        flow += [Spacer(1, 2 * mm), para(head or "Die Schulleitung", s.body)]
        if head:
            flow.append(para("Schulleitung", s.small))
    return [KeepTogether(flow)]


def letter_body(job: ConsentPrint) -> list[Flowable]:
    """What every family's letter says (after its address line)."""
    s = styles()
    version = job.version
    flow: list[Flowable] = [para(version.title, s.title)]
    if version.purpose.strip():
        flow.append(para(f"Worum es geht: {version.purpose.strip()}", s.body))
    flow += text_flowables(version.information_text)
    if job.linked_snapshot is not None:
        flow += info_sheet_flowables(job.school, job.linked_snapshot)
    flow += [
        para(duration_text(version), s.body),
        *text_flowables(version.voluntary_note.strip() or DEFAULT_VOLUNTARY_NOTE),
        para(RETURN_REQUEST, s.body),
        *closing(job),
    ]
    return flow


def letter_opening(job: ConsentPrint, student: PrintStudent) -> list[Flowable]:
    s = styles()
    place = f"{job.school.town}, " if job.school.town else ""
    class_text = f", Klasse {student.class_name}" if student.class_name else ""
    if signer_roles(student, job) == (SignerRole.STUDENT,):
        addressee = f"{student.full_name}{class_text}"
    else:
        addressee = f"An die Erziehungsberechtigten von\n{student.full_name}{class_text}"
    return [
        para(f"{place}{format_date(job.printed_on)}", s.right),
        para(addressee, s.body),
        Spacer(1, 4 * mm),
    ]


def _info(job: ConsentPrint, title: str, subject: str) -> DocumentInfo:
    return DocumentInfo(
        title=title,
        letterhead=job.letterhead,
        subject=subject,
        version=job.version_label,
        printed_on=job.printed_on,
        duplex=job.duplex,
        continued=job.continued,
    )


def slip_parts(job: ConsentPrint) -> list[DocumentPart]:
    """One part per slip, or per sheet of two slips."""
    title = job.version.title
    if not job.two_per_sheet:
        return [
            DocumentPart(
                [full_slip(job, student)],
                title=f"{SLIP_TITLE} {title} – {student.list_name} ({student.class_name})",
                with_letterhead=False,
            )
            for student in job.students
        ]
    students = list(job.students)
    pairs = [students[i : i + 2] for i in range(0, len(students), 2)]
    return [
        DocumentPart(
            half_slips(job, pair),
            title=f"{SLIP_TITLE} {title} – " + " / ".join(s.list_name for s in pair),
            with_letterhead=False,
        )
        for pair in pairs
    ]


def letters_and_slips_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """Per student the letter, then the slip (each starts a page; with ``two_per_sheet``
    all letters first, then the slips two to a sheet)."""
    title = job.version.title
    body = SharedContent(lambda: letter_body(job), CONTENT_HEIGHT)
    letters = [
        DocumentPart(
            [*letter_opening(job, student), body.block()],
            title=f"Elternbrief {title} – {student.list_name} ({student.class_name})",
        )
        for student in job.students
    ]
    slips = slip_parts(job)
    if job.two_per_sheet:
        parts = letters + slips
    else:
        parts = [part for pair in zip(letters, slips, strict=True) for part in pair]
    return _info(job, f"Elternbrief und {SLIP_TITLE}: {title}", LETTER_SUBJECT), parts


def slips_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """The return slips alone (a reprint for chosen students)."""
    title = job.version.title
    return _info(job, f"{SLIP_TITLE}: {title}", SLIP_TITLE), slip_parts(job)
