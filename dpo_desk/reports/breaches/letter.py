"""The letter to the persons concerned by a breach with a high risk (Art. 34 GDPR).

In clear and plain language (Art. 34(2)): what happened, whom to ask (the DPO), the likely
consequences, what the school did and will do, and what the family can do itself. It is
addressed to the group, not to named persons: the school prints it and hands it out.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dpo_desk.core.dates import format_date
from dpo_desk.reports.breaches.content import (
    BreachDocumentContent,
    BreachPrint,
    dpo_contact,
    lines,
    signer,
)
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.flowables import signature_block
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import para

TITLE = "Information über eine Verletzung des Schutzes Ihrer Daten"
SELF_HELP = (
    "Seien Sie bei unerwarteten Anrufen, E-Mails oder Nachrichten, die sich auf die Schule "
    "beziehen, vorsichtig und geben Sie keine Zugangsdaten heraus. Wenn Sie ein Passwort für "
    "einen schulischen Dienst nutzen, ändern Sie es bitte. Fragen beantworten wir gern."
)


def letter_flowables(content: BreachDocumentContent, breach: BreachPrint) -> list[Flowable]:
    s = styles()
    school, d = content.school, breach.data
    groups = ", ".join(d.subject_groups) or "Betroffene"
    flow: list[Flowable] = [
        para(f"An die betroffenen Personen ({groups})", s.body),
        Spacer(1, 4 * mm),
        para(f"{school.town}, {format_date(content.printed_on)}".lstrip(", "), s.right),
        para(TITLE, s.title),
        para("Sehr geehrte Damen und Herren, liebe Schülerinnen und Schüler,", s.body),
        para(
            "wir informieren Sie nach Art. 34 der Datenschutz-Grundverordnung (DSGVO) über "
            "einen Vorfall, bei dem personenbezogene Daten betroffen sind. Es tut uns leid, "
            "dass es dazu gekommen ist.",
            s.body,
        ),
        para("Was ist passiert?", s.subheading),
        para(d.description or d.title, s.body),
    ]
    if d.data_categories:
        flow += [
            para("Welche Daten sind betroffen?", s.subheading),
            para(lines(d.data_categories), s.body),
        ]
    flow += [
        para("Was kann das für Sie bedeuten?", s.subheading),
        para(d.consequences or "Die Folgen lassen sich noch nicht abschätzen.", s.body),
        para("Was haben wir unternommen?", s.subheading),
        para(d.measures_taken or "–", s.body),
    ]
    if d.measures_planned:
        flow += [para("Was werden wir noch tun?", s.subheading), para(d.measures_planned, s.body)]
    flow += [
        para("Was können Sie selbst tun?", s.subheading),
        para(SELF_HELP, s.body),
        para("Wen können Sie fragen?", s.subheading),
        para(
            "Unsere Datenschutzbeauftragte bzw. unser Datenschutzbeauftragter:\n"
            + (dpo_contact(school) or "über das Sekretariat der Schule"),
            s.body,
        ),
        para(
            "Sie haben außerdem das Recht, sich bei der Aufsichtsbehörde für den Datenschutz "
            f"zu beschweren: {school.authority_name or 'der Landesbeauftragten Ihres Landes'}.",
            s.body,
        ),
        para("Mit freundlichen Grüßen", s.body),
        KeepTogether(
            [
                Spacer(1, 4 * mm),
                signature_block([signer("Schulleitung", school.head_name)], CONTENT_WIDTH),
            ]
        ),
    ]
    return flow


def letter_document(content: BreachDocumentContent) -> tuple[DocumentInfo, list[DocumentPart]]:
    (breach,) = content.breaches
    info = DocumentInfo(
        title=f"Information zur Datenpanne {breach.reference}",
        letterhead=letterhead_of(content.school, content.logo),
        subject="Benachrichtigung der betroffenen Personen nach Art. 34 DSGVO",
        printed_on=content.printed_on,
    )
    return info, [DocumentPart(letter_flowables(content, breach))]
