"""What a consent printout is asked for: kept apart from the layout code, so that the
"Drucken" page can offer its choices without loading ReportLab at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dpo_desk.core.wording import file_name


class PrintDocument(StrEnum):
    CONSENT_FORMS = "consent-forms"
    LETTER_AND_SLIPS = "return-slips"
    RETURN_SLIPS = "slips"
    SIGNATURE_SHEET = "signature-sheet"
    REMINDERS = "reminders"
    PARTICIPANTS = "participants"
    TEACHER_LIST = "teacher-list"
    STATUS_LIST = "status-list"

    @property
    def label(self) -> str:
        return DOCUMENT_LABELS[self]

    @property
    def handed_out(self) -> bool:
        """A document families tick and sign: printing it is logged (which text version
        went to which student), so returned forms are recorded against that version."""
        return self in HANDED_OUT

    @property
    def with_codes(self) -> bool:
        """Each student's part carries the scan code (a class signature sheet names each
        student on their row and its text version in the heading instead)."""
        return self in HANDED_OUT and self is not PrintDocument.SIGNATURE_SHEET

    @property
    def tables(self) -> bool:
        """Also saved as a spreadsheet (XLSX, CSV)."""
        return self is PrintDocument.STATUS_LIST


DOCUMENT_LABELS: dict[PrintDocument, str] = {
    PrintDocument.CONSENT_FORMS: "Einwilligungsformulare (je Schüler)",
    PrintDocument.LETTER_AND_SLIPS: "Elternbrief + Rücklaufzettel (je Schüler)",
    PrintDocument.RETURN_SLIPS: "Nur Rücklaufzettel (Nachdruck)",
    PrintDocument.SIGNATURE_SHEET: "Unterschriftenliste (je Klasse)",
    PrintDocument.REMINDERS: "Erinnerungen (fehlt, unvollständig, neu einzuholen)",
    PrintDocument.PARTICIPANTS: "Wer darf teilnehmen? (je Option)",
    PrintDocument.TEACHER_LIST: "Teilnahmeliste für Lehrkräfte (je Klasse)",
    PrintDocument.STATUS_LIST: "Stand je Klasse (Statusliste)",
}
HANDED_OUT = frozenset(
    {
        PrintDocument.CONSENT_FORMS,
        PrintDocument.LETTER_AND_SLIPS,
        PrintDocument.RETURN_SLIPS,
        PrintDocument.SIGNATURE_SHEET,
        PrintDocument.REMINDERS,
    }
)


@dataclass(frozen=True)
class PrintRequest:
    """What to print. ``class_names`` and ``student_ids`` empty: every student the template
    applies to; ``student_ids`` picks single students (a reprint). ``option_key`` narrows a
    participants list to one option. ``printed_on`` (default today) decides ages (signature
    lines) and the status of each consent. ``two_per_sheet``: return slips as two A5 halves
    per A4 sheet."""

    document: PrintDocument
    template_key: str
    class_names: tuple[str, ...] = ()
    option_key: str | None = None
    duplex: bool = False
    printed_on: date | None = None
    student_ids: tuple[int, ...] = ()
    two_per_sheet: bool = False


FILE_STEMS: dict[PrintDocument, str] = {
    PrintDocument.CONSENT_FORMS: "Einwilligungen",
    PrintDocument.SIGNATURE_SHEET: "Unterschriftenliste",
    PrintDocument.REMINDERS: "Erinnerungen",
    PrintDocument.PARTICIPANTS: "Teilnahme",
    PrintDocument.LETTER_AND_SLIPS: "Elternbriefe",
    PrintDocument.RETURN_SLIPS: "Ruecklaufzettel",
    PrintDocument.TEACHER_LIST: "Lehrerliste",
    PrintDocument.STATUS_LIST: "Stand",
}
MAX_CLASSES_IN_NAME = 3


def suggested_file_name(request: PrintRequest, template_title: str) -> str:
    """The German file name a save dialog proposes: document, classes, template
    ("Einwilligungen_5a_Videokonferenzen.pdf"; "ganze_Schule", or "7_Klassen" for many)."""
    classes = request.class_names
    if not classes:
        chosen = "ganze Schule"
    elif len(classes) <= MAX_CLASSES_IN_NAME:
        chosen = "-".join(classes)
    else:
        chosen = f"{len(classes)} Klassen"
    return file_name(FILE_STEMS[request.document], chosen, template_title, suffix=".pdf")
