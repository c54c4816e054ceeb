"""The return slip (Rücklaufzettel): the one page a family ticks and signs, for one student.

It carries everything the school needs to record it without the letter: the scan code (QR
and text), the student's name and class, the template and its text version, the declaration,
JA/NEIN per option, the duration, and the signature lines for the student's age on the print
date. It always fits one page: a full A4 page, or half of one (A5) when two slips share a
sheet with a cut line between them; a long declaration is set smaller rather than broken.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from dpo_desk.reports import fonts
from dpo_desk.reports.consent.form import (
    CodeText,
    duration_text,
    signer_roles,
    unknown_birth_date_hint,
)
from dpo_desk.reports.consent.markup import text_flowables
from dpo_desk.reports.consent.print_data import ConsentPrint, PrintStudent
from dpo_desk.reports.engine import CONTENT_HEIGHT, CONTENT_WIDTH, MARGIN_TOP, PAGE_SIZE
from dpo_desk.reports.flowables import QRCode, signature_block, yes_no_line
from dpo_desk.reports.styles import MUTED_COLOUR, RULE_COLOUR, styles
from dpo_desk.reports.text import format_date, para

SLIP_TITLE = "Rücklaufzettel"
QR_SIZE = 24 * mm
CUT_GAP = 8 * mm
CUT_TEXT = "✂ hier abtrennen"
PLACE_DATE = "Ort, Datum"
CAPTIONS = {
    "guardians": "Unterschrift der/des Erziehungsberechtigten",
    "student": "Unterschrift der Schülerin / des Schülers",
}


def half_heights() -> tuple[float, float]:
    """Heights of the upper and lower slip when two share a sheet: the cut line lies on
    the middle of the paper, so each half is an A5 sheet."""
    middle_from_top = PAGE_SIZE[1] / 2 - MARGIN_TOP
    upper = middle_from_top - CUT_GAP / 2
    return upper, CONTENT_HEIGHT - upper - CUT_GAP


class FixedBox(Flowable):
    """Content shrunk, if need be, into a box of exactly ``height`` (its top aligned)."""

    def __init__(self, content: list[Flowable], height: float) -> None:
        super().__init__()
        self.inner = KeepInFrame(CONTENT_WIDTH, height, content, mode="shrink")
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        _, used = self.inner.wrapOn(self.canv, self.width, self.height)
        self.inner.drawOn(self.canv, 0, self.height - used)


class CutLine(Flowable):
    """A dashed line across the whole sheet with a scissors note, in the middle of its gap."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, CUT_GAP

    def draw(self) -> None:
        canvas: Canvas = self.canv
        y = CUT_GAP / 2
        canvas.saveState()
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setDash(3, 2)
        canvas.setLineWidth(0.6)
        left = -20 * mm  # to the paper's edges: the page margins lie outside the frame
        canvas.line(left, y, self.width + 18 * mm, y)
        canvas.setFillColor(MUTED_COLOUR)
        canvas.setFont(fonts.REGULAR, 7)
        canvas.drawString(0, y + 1.2 * mm, CUT_TEXT)
        canvas.restoreState()


def _header(job: ConsentPrint, student: PrintStudent) -> Table:
    s = styles()
    version = job.version
    facts = [
        para(job.school.name or job.letterhead.school_name, s.small),
        para(f"{SLIP_TITLE}: {version.title}", s.heading),
        para(f"Schülerin / Schüler: {student.full_name}", s.table_header),
        para(
            f"Klasse: {student.class_name or '–'} · Geburtsdatum: "
            f"{format_date(student.birth_date) or 'nicht bekannt'}",
            s.table_cell,
        ),
        para(
            f"Vorlage „{version.title}“, Textversion {version.version}"
            + (f" vom {format_date(version.released_on)}" if version.released_on else ""),
            s.small,
        ),
    ]
    code: list[Flowable] = []
    if student.scan_code:
        qr = QRCode(student.scan_code, size=QR_SIZE, caption=False, mask=2)
        qr.hAlign = "RIGHT"
        code = [qr, CodeText(student.scan_code, 62 * mm)]
    table = Table([[facts, code]], colWidths=[CONTENT_WIDTH - 64 * mm, 64 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE_COLOUR),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return table


def slip_flowables(job: ConsentPrint, student: PrintStudent) -> list[Flowable]:
    """The slip's content (fresh flowables: layout consumes them)."""
    s = styles()
    version = job.version
    roles = signer_roles(student, job)
    captions: list[str] = []
    for role in roles:
        captions += [PLACE_DATE, CAPTIONS[role.value]]
    flow: list[Flowable] = [_header(job, student), Spacer(1, 2 * mm)]
    if student.birth_date is None:
        flow.append(para(unknown_birth_date_hint(version), s.hint))
    flow += text_flowables(version.declaration_text)
    flow.append(para("Bitte für jeden Punkt JA oder NEIN ankreuzen:", s.subheading))
    flow += [yes_no_line(option.label, CONTENT_WIDTH) for option in version.options]
    flow += [
        Spacer(1, 1.5 * mm),
        para(duration_text(version), s.small),
        para(
            "Die Einwilligung ist freiwillig und kann jederzeit ohne Angabe von Gründen für die "
            "Zukunft widerrufen werden; wer nicht einwilligt, hat keinen Nachteil.",
            s.small,
        ),
        signature_block(captions, CONTENT_WIDTH),
        Spacer(1, 1 * mm),
        para(
            "Bitte diesen Zettel ausgefüllt und unterschrieben bei der Klassenleitung oder im "
            "Sekretariat abgeben – auch wenn Sie NEIN ankreuzen.",
            s.hint,
        ),
    ]
    return flow


def full_slip(job: ConsentPrint, student: PrintStudent) -> Flowable:
    return FixedBox(slip_flowables(job, student), CONTENT_HEIGHT)


def half_slips(job: ConsentPrint, students: list[PrintStudent]) -> list[Flowable]:
    """One or two slips on an A4 sheet, split by the cut line."""
    upper, lower = half_heights()
    flow: list[Flowable] = [FixedBox(slip_flowables(job, students[0]), upper)]
    if len(students) > 1:
        flow += [CutLine(), FixedBox(slip_flowables(job, students[1]), lower)]
    return flow
