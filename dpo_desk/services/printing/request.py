"""What a consent printout is asked for: kept apart from the layout code, so that the
"Drucken" page can offer its choices without loading ReportLab at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dpo_desk.core.wording import file_name


class PrintDocument(StrEnum):
    CONSENT_FORMS = "consent-forms"
    SIGNATURE_SHEET = "signature-sheet"
    REMINDERS = "reminders"
    PARTICIPANTS = "participants"

    @property
    def label(self) -> str:
        return DOCUMENT_LABELS[self]


DOCUMENT_LABELS: dict[PrintDocument, str] = {
    PrintDocument.CONSENT_FORMS: "Einwilligungsformulare (je Schüler)",
    PrintDocument.SIGNATURE_SHEET: "Unterschriftenliste (je Klasse)",
    PrintDocument.REMINDERS: "Erinnerungsschreiben (Formular fehlt)",
    PrintDocument.PARTICIPANTS: "Wer darf teilnehmen? (je Klasse)",
}


@dataclass(frozen=True)
class PrintRequest:
    """What to print. ``class_names`` empty: every class the template applies to.
    ``option_key`` narrows a participants list to one option. ``printed_on`` (default
    today) decides ages (signature lines) and the status of each consent."""

    document: PrintDocument
    template_key: str
    class_names: tuple[str, ...] = ()
    option_key: str | None = None
    duplex: bool = False
    printed_on: date | None = None


FILE_STEMS: dict[PrintDocument, str] = {
    PrintDocument.CONSENT_FORMS: "Einwilligungen",
    PrintDocument.SIGNATURE_SHEET: "Unterschriftenliste",
    PrintDocument.REMINDERS: "Erinnerungen",
    PrintDocument.PARTICIPANTS: "Teilnahme",
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
