"""The consent form of one student: information, declaration, JA/NEIN per option, the
signature lines for the student's age on the print date, and the scan code.

A stack (a class, the whole school) is one PDF with one document part per student, so each
form starts on a new page (and on a front side with duplex padding).
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from dpo_desk.core.consent.values import (
    ConsentTemplateVersion,
    SignerRole,
    StudentFacts,
    roles_for_student,
)
from dpo_desk.core.consent.wording import duration_sentences
from dpo_desk.reports import fonts
from dpo_desk.reports.consent.markup import text_flowables
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.engine import (
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    DocumentInfo,
    DocumentPart,
    PageMark,
)
from dpo_desk.reports.flowables import QRCode, signature_block, yes_no_line
from dpo_desk.reports.register.info_sheet import info_sheet_flowables
from dpo_desk.reports.shared_content import SharedContent
from dpo_desk.reports.styles import HEADER_FILL, MUTED_COLOUR, RULE_COLOUR, TEXT_COLOUR, styles
from dpo_desk.reports.text import format_date, para

SUBJECT = "Einwilligungserklärung"
PLACE_DATE = "Ort, Datum"
SIGNATURE_CAPTIONS: dict[SignerRole, str] = {
    SignerRole.GUARDIANS: "Unterschrift der/des Erziehungsberechtigten",
    SignerRole.STUDENT: "Unterschrift der Schülerin / des Schülers",
}
DEFAULT_VOLUNTARY_NOTE = (
    "Die Einwilligung ist freiwillig. Wer sie nicht erteilt, hat dadurch keinen Nachteil. "
    "Sie kann jederzeit ganz oder für einzelne Punkte ohne Angabe von Gründen widerrufen "
    "werden. Der Widerruf gilt für die Zukunft; was bis dahin geschehen ist, bleibt rechtmäßig."
)
QR_SIZE = 22 * mm
QR_MASK = 2  # fixed: scoring all eight masks per form would dominate a stack of 2,000
CODE_COLUMN = 58 * mm


def document_title(version: ConsentTemplateVersion) -> str:
    return f"Einwilligung: {version.title}"


def unknown_birth_date_hint(version: ConsentTemplateVersion) -> str:
    signers = version.signers
    return (
        "Hinweis: Das Geburtsdatum ist der Schule nicht bekannt. Deshalb stehen hier alle "
        "Unterschriftszeilen. Bis zum Alter von "
        f"{signers.co_signature_age - 1} Jahren unterschreiben die Erziehungsberechtigten, ab "
        f"{signers.co_signature_age} Jahren zusätzlich die Schülerin bzw. der Schüler, ab "
        f"{signers.student_alone_age} Jahren die Schülerin bzw. der Schüler allein."
    )


def duration_text(version: ConsentTemplateVersion) -> str:
    return duration_sentences(version.duration)


def signer_roles(student: PrintStudent, job: ConsentPrint) -> tuple[SignerRole, ...]:
    """The lines this student's form needs: by age on the print date; all when unknown."""
    facts = StudentFacts(birth_date=student.birth_date)
    return roles_for_student(facts, job.printed_on, job.version.signers)


class CodeText(Flowable):
    """The scan code in plain text on one line, right-aligned, shrunk to fit if long (a
    code broken over two lines could not be typed in)."""

    def __init__(self, code: str, width: float, font_size: float = 7) -> None:
        super().__init__()
        fonts.register_fonts()
        self.code = code
        natural = stringWidth(code, fonts.REGULAR, font_size)
        self.font_size = font_size * min(1.0, width / natural) if natural else font_size
        self.width = width
        self.height = font_size + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFont(fonts.REGULAR, self.font_size)
        self.canv.setFillColor(MUTED_COLOUR)
        self.canv.drawRightString(self.width, 2, self.code)
        self.canv.restoreState()


def _cell(text: str, style: ParagraphStyle, width: float) -> object:
    """``text`` as a plain table cell when it fits on one line (laid out at a fraction of
    a Paragraph's cost: a stack has thousands of these), else as a Paragraph that wraps."""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width:
        return text
    return para(text, style)


FACT_WIDTHS = (40 * mm, CONTENT_WIDTH - CODE_COLUMN - 40 * mm)


def _student_box(student: PrintStudent) -> Table:
    s = styles()
    rows = [
        ("Schülerin / Schüler:", student.full_name),
        ("Geburtsdatum:", format_date(student.birth_date) or "nicht bekannt"),
        ("Klasse:", student.class_name or "–"),
    ]
    label_width, value_width = FACT_WIDTHS
    facts = Table(
        [
            [_cell(label, s.table_header, label_width), _cell(value, s.body, value_width - 6)]
            for label, value in rows
        ],
        colWidths=list(FACT_WIDTHS),
        hAlign="LEFT",
    )
    facts.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                # plain-text cells look as the Paragraphs would (styles table_header, body)
                ("FONTNAME", (0, 0), (0, -1), s.table_header.fontName),
                ("FONTSIZE", (0, 0), (0, -1), s.table_header.fontSize),
                ("LEADING", (0, 0), (0, -1), s.table_header.leading),
                ("FONTSIZE", (1, 0), (1, -1), s.body.fontSize),
                ("LEADING", (1, 0), (1, -1), s.body.leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), TEXT_COLOUR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    code: list[Flowable] = []
    if student.scan_code:
        qr = QRCode(student.scan_code, size=QR_SIZE, caption=False, mask=QR_MASK)
        qr.hAlign = "RIGHT"
        code = [qr, CodeText(student.scan_code, CODE_COLUMN - 6 * mm)]
    box = Table(
        [[facts, code]],
        colWidths=[CONTENT_WIDTH - CODE_COLUMN, CODE_COLUMN],
        hAlign="LEFT",
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
                ("VALIGN", (1, 0), (1, 0), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    return box


def _hint_box(text: str) -> Table:
    s = styles()
    table = Table([[para(text, s.table_header)]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                ("BOX", (0, 0), (-1, -1), 1.2, RULE_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return table


def _information(job: ConsentPrint) -> list[Flowable]:
    s = styles()
    version = job.version
    if job.linked_snapshot is not None:
        return info_sheet_flowables(job.school, job.linked_snapshot)
    flow: list[Flowable] = [para("Informationen", s.heading)]
    if version.purpose.strip():
        flow.append(para(f"Zweck: {version.purpose.strip()}", s.body))
    return flow + text_flowables(version.information_text)


def _signatures(roles: tuple[SignerRole, ...]) -> Table:
    captions: list[str] = []
    for role in roles:
        captions += [PLACE_DATE, SIGNATURE_CAPTIONS[role]]
    return signature_block(captions, CONTENT_WIDTH)


def _declaration(job: ConsentPrint, roles: tuple[SignerRole, ...]) -> list[Flowable]:
    s = styles()
    version = job.version
    flow: list[Flowable] = [
        para("Einwilligungserklärung", s.heading),
        *text_flowables(version.declaration_text),
        para("Bitte für jeden Punkt JA oder NEIN ankreuzen:", s.subheading),
    ]
    flow += [yes_no_line(option.label, CONTENT_WIDTH) for option in version.options]
    flow += [
        Spacer(1, 2 * mm),
        para(duration_text(version), s.small),
        *text_flowables(version.voluntary_note.strip() or DEFAULT_VOLUNTARY_NOTE, s.small),
        _signatures(roles),
    ]
    return flow


def _body(job: ConsentPrint, roles: tuple[SignerRole, ...]) -> list[Flowable]:
    """Information and declaration: the same on every form with the same signature lines."""
    return [*_information(job), KeepTogether(_declaration(job, roles))]


class FormBodies:
    """What a stack's forms share, drawn once per PDF (``reports.shared_content``): the
    title, and the body, one per set of signature lines."""

    def __init__(self, job: ConsentPrint) -> None:
        self.job = job
        self._shared: dict[tuple[SignerRole, ...], SharedContent] = {}
        self._title = SharedContent(
            lambda: [para(document_title(job.version), styles().title)], CONTENT_HEIGHT
        )

    def title(self) -> Flowable:
        return self._title.block()

    def block(self, roles: tuple[SignerRole, ...]) -> Flowable:
        if roles not in self._shared:
            self._shared[roles] = SharedContent(lambda: _body(self.job, roles), CONTENT_HEIGHT)
        return self._shared[roles].block()


def consent_form_flowables(
    job: ConsentPrint, student: PrintStudent, bodies: FormBodies | None = None
) -> list[Flowable]:
    """One student's form (fresh flowables: layout consumes them). With ``bodies`` the
    information and declaration are drawn once per stack and referenced on each form."""
    s = styles()
    title = bodies.title() if bodies is not None else para(document_title(job.version), s.title)
    flow: list[Flowable] = [title, _student_box(student), Spacer(1, 3 * mm)]
    if student.birth_date is None:
        flow += [_hint_box(unknown_birth_date_hint(job.version)), Spacer(1, 2 * mm)]
    roles = signer_roles(student, job)
    flow += [bodies.block(roles)] if bodies is not None else _body(job, roles)
    return flow


def page_mark(job: ConsentPrint, student: PrintStudent) -> PageMark | None:
    """Name and code for every further page of this student's form."""
    if not student.scan_code:
        return None
    class_text = f", Klasse {student.class_name}" if student.class_name else ""
    return PageMark(
        student.scan_code,
        f"{student.full_name}{class_text}",
        f"{job.version.title} · Version {job.version.version}",
    )


def consent_forms_document(job: ConsentPrint) -> tuple[DocumentInfo, list[DocumentPart]]:
    """One part per student; each form starts a new page (front side with ``duplex``);
    further pages of a long form repeat the name and the scan code at the top."""
    version = job.version
    info = DocumentInfo(
        title=document_title(version),
        letterhead=job.letterhead,
        subject=SUBJECT,
        version=job.version_label,
        printed_on=job.printed_on,
        duplex=job.duplex,
        continued=job.continued,
    )
    bodies = FormBodies(job)
    parts = [
        DocumentPart(
            consent_form_flowables(job, student, bodies),
            title=f"{version.title} – {student.list_name} ({student.class_name})",
            mark=page_mark(job, student),
        )
        for student in job.students
    ]
    return info, parts
