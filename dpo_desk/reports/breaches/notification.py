"""The notification of a breach to the supervisory authority of the school's state (Art. 33).

It carries every content Art. 33(3) asks for: the nature of the breach with the categories
and approximate numbers of persons and records; the DPO's name and contact; the likely
consequences; the measures taken or proposed. Late: the reasons for the delay (Art. 33(1)).
What is not known yet may follow in phases (Art. 33(4)); the form says so.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dpo_desk.core.breaches.values import DUTY_LABELS
from dpo_desk.core.dates import format_date
from dpo_desk.reports.breaches.content import (
    BreachDocumentContent,
    BreachPrint,
    count,
    dpo_contact,
    lines,
    occurred,
    outcome,
    persons_outcome,
    rating,
    signer,
    when,
)
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.flowables import signature_block
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import label_table
from dpo_desk.reports.text import para

TITLE = "Meldung einer Verletzung des Schutzes personenbezogener Daten"
LABEL_WIDTH = 62 * mm


def _section(heading: str, rows: list[tuple[str, str]]) -> list[Flowable]:
    return [para(heading, styles().subheading), label_table(rows, LABEL_WIDTH, CONTENT_WIDTH)]


def notification_flowables(content: BreachDocumentContent, breach: BreachPrint) -> list[Flowable]:
    s = styles()
    school, d = content.school, breach.data
    authority = "\n".join(p for p in (school.authority_name, school.authority_address) if p)
    controller = "\n".join(
        p for p in (school.name, school.street, f"{school.postcode} {school.town}".strip()) if p
    )
    flow: list[Flowable] = [
        para(authority or "An die zuständige Aufsichtsbehörde für den Datenschutz", s.body),
        Spacer(1, 6 * mm),
        para(f"{school.town}, {format_date(content.printed_on)}".lstrip(", "), s.right),
        para(f"{TITLE} nach Art. 33 DSGVO", s.title),
        para(f"Unser Zeichen: Datenpanne {breach.reference}", s.body),
        para(
            "Art der Meldung:  ☐ vollständige Meldung   ☐ erste Meldung, weitere Angaben "
            "folgen (Art. 33 Abs. 4 DSGVO)   ☐ Nachmeldung",
            s.small,
        ),
    ]
    flow += _section(
        "1. Verantwortlicher und Datenschutzbeauftragte/r (Art. 33 Abs. 3 lit. b)",
        [
            ("Verantwortlicher", controller),
            ("Vertreten durch (Schulleitung)", school.head_name),
            ("Kontakt", " · ".join(p for p in (school.phone, school.email) if p)),
            ("Datenschutzbeauftragte/r", dpo_contact(school)),
        ],
    )
    flow += _section(
        "2. Art der Verletzung (Art. 33 Abs. 3 lit. a)",
        [
            ("Kurzbezeichnung", d.title),
            ("Was ist passiert", d.description),
            ("Zeitpunkt / Zeitraum der Verletzung", occurred(d)),
            ("Bekannt geworden am", when(d.aware_at)),
            ("Gemeldet an die Schulleitung von", d.reported_by),
            ("Betroffene Personengruppen", lines(d.subject_groups)),
            ("Zahl der betroffenen Personen", count(d.persons_count, "Personen")),
            ("Betroffene Datenkategorien", lines(d.data_categories)),
            (
                "Besondere Kategorien (Art. 9 DSGVO)",
                "ja" if d.special_categories else "nein",
            ),
            ("Zahl der betroffenen Datensätze", count(d.records_count, "Datensätze")),
            ("Betroffene Verarbeitungstätigkeiten", lines(breach.activities)),
            ("Beteiligte Auftragsverarbeiter", lines(breach.processors)),
        ],
    )
    flow += _section(
        "3. Wahrscheinliche Folgen (Art. 33 Abs. 3 lit. c)",
        [
            ("Folgen für die Betroffenen", d.consequences),
            ("Risikobewertung", rating(breach)),
            ("Begründung der Bewertung", d.risk_reasoning),
        ],
    )
    flow += _section(
        "4. Ergriffene und vorgeschlagene Maßnahmen (Art. 33 Abs. 3 lit. d)",
        [
            ("Ergriffene Maßnahmen", d.measures_taken),
            ("Geplante Maßnahmen", d.measures_planned),
            ("Benachrichtigung der Betroffenen (Art. 34)", persons_outcome(breach)),
        ],
    )
    rows = [("Meldung", outcome(breach))]
    if breach.late:
        rows.append(("Gründe für die Verzögerung (Art. 33 Abs. 1 Satz 2)", d.delay_reason))
    flow += _section("5. Zeitpunkt der Meldung", rows)
    flow += [
        para(DUTY_LABELS[breach.duty], s.hint),
        KeepTogether(
            [
                Spacer(1, 6 * mm),
                signature_block(
                    ["Ort, Datum", signer("Schulleitung", school.head_name)], CONTENT_WIDTH
                ),
            ]
        ),
    ]
    return flow


def notification_document(
    content: BreachDocumentContent,
) -> tuple[DocumentInfo, list[DocumentPart]]:
    (breach,) = content.breaches
    info = DocumentInfo(
        title=f"Meldung Datenpanne {breach.reference}",
        letterhead=letterhead_of(content.school, content.logo),
        subject="Meldung an die Aufsichtsbehörde nach Art. 33 DSGVO",
        printed_on=content.printed_on,
    )
    return info, [DocumentPart(notification_flowables(content, breach))]
