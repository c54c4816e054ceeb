"""A primary school's video-conference consent as schools really send it: a letter with
sections and the head's signature, Audio JA/NEIN, Video JA/NEIN, the guardians' signature
(the student's from 16) and the revocation text. Used by the test that prints it and by
the README's page images."""

from __future__ import annotations

from dpo_desk.services.consent.templates import TemplateDraft

KEY = "videokonferenz-gs"
LETTER = """# Videokonferenzen an der Grundschule am See

Liebe Eltern,

in diesem Schuljahr nutzen wir für einzelne Unterrichtsstunden, für Förderangebote und für
Elterngespräche ein **Videokonferenzsystem**. Damit Ihr Kind teilnehmen kann, bitten wir um
Ihre Einwilligung.

## Was dabei verarbeitet wird

- der angezeigte Name Ihres Kindes,
- Bild und Ton während der Sitzung (nur wenn Kamera bzw. Mikrofon eingeschaltet sind),
- technische Verbindungsdaten (Zeitpunkt der Anmeldung, IP-Adresse).

Sitzungen werden **nicht aufgezeichnet**. Der Anbieter verarbeitet die Daten nur in unserem
Auftrag und nach unserer Weisung.

## Was Sie wählen können

Sie können der Teilnahme **per Ton** und **per Bild** getrennt zustimmen. Wer nicht
zustimmt, erhält ein gleichwertiges Angebot, z. B. Aufgaben auf Papier."""
DECLARATION = (
    "Ich bin / wir sind damit einverstanden, dass unser Kind in der angekreuzten Form an "
    "Videokonferenzen der Schule teilnimmt."
)
REVOCATION = (
    "Die Einwilligung ist **freiwillig**. Sie kann jederzeit ganz oder für einzelne Punkte "
    "ohne Angabe von Gründen widerrufen werden – formlos per Brief, E-Mail oder im "
    "Sekretariat. Der Widerruf gilt für die Zukunft."
)


def primary_school_draft() -> TemplateDraft:
    return TemplateDraft(
        key=KEY,
        title="Teilnahme an Videokonferenzen",
        purpose="Unterricht, Förderangebote und Elterngespräche per Videokonferenz",
        information_text=LETTER,
        declaration_text=DECLARATION,
        voluntary_note=REVOCATION,
        options=[
            ("audio", "Teilnahme per Audio (Mikrofon)"),
            ("video", "Teilnahme per Video (Kamera)"),
        ],
        co_signature_age=16,
        student_alone_age=18,
        duration_kind="until_leaving",
        head_signature=True,
    )
