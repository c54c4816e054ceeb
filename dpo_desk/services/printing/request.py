"""What a consent printout is asked for: kept apart from the layout code, so that the
"Drucken" page can offer its choices without loading ReportLab at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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
