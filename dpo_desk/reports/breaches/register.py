"""The breach register (Art. 33(5) GDPR): every breach with the facts, its effects and the
remedial action, notified or not, so the authority can check compliance."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from dpo_desk.core.dates import format_date
from dpo_desk.reports.breaches.content import (
    BreachDocumentContent,
    BreachPrint,
    count,
    lines,
    occurred,
    outcome,
    persons_outcome,
    rating,
    when,
)
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table, label_table
from dpo_desk.reports.text import para

TITLE = "Verzeichnis der Datenschutzverletzungen"


def _overview(content: BreachDocumentContent) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [
        para(TITLE, s.title),
        para(
            f"nach Art. 33 Abs. 5 DSGVO · {content.school.name} · Stand: "
            f"{format_date(content.printed_on)}",
            s.body,
        ),
    ]
    if not content.breaches:
        flow.append(para("Es ist keine Datenschutzverletzung dokumentiert.", s.body))
        return flow
    flow.append(
        data_table(
            ["Nr.", "Bekannt am", "Vorfall", "Risiko", "Meldung", "Betroffene"],
            [
                [
                    b.reference,
                    when(b.data.aware_at),
                    b.data.title,
                    rating(b).split(" (")[0],
                    outcome(b),
                    persons_outcome(b),
                ]
                for b in content.breaches
            ],
            [17 * mm, 24 * mm, CONTENT_WIDTH - 131 * mm, 22 * mm, 38 * mm, 30 * mm],
        )
    )
    return flow


def _breach(b: BreachPrint) -> list[Flowable]:
    d = b.data
    rows = [
        ("Geschehen", occurred(d)),
        ("Bekannt geworden am", when(d.aware_at)),
        ("Gemeldet von (intern)", d.reported_by),
        ("Was ist passiert", d.description),
        ("Betroffene Personen", f"{lines(d.subject_groups)}\n{count(d.persons_count, 'Personen')}"),
        ("Datenkategorien", f"{lines(d.data_categories)}\n{count(d.records_count, 'Datensätze')}"),
        ("Besondere Kategorien", "ja" if d.special_categories else "nein"),
        ("Verarbeitungstätigkeiten", lines(b.activities)),
        ("Auftragsverarbeiter", lines(b.processors)),
        ("Wahrscheinliche Folgen", d.consequences),
        ("Risikobewertung", rating(b)),
        ("Begründung", d.risk_reasoning),
        ("Meldung an die Aufsichtsbehörde", outcome(b)),
        ("Gründe für eine Verzögerung", d.delay_reason),
        ("Benachrichtigung der Betroffenen", persons_outcome(b)),
        ("Ergriffene Maßnahmen", d.measures_taken),
        ("Geplante Maßnahmen", d.measures_planned),
        ("Abgeschlossen am", format_date(d.closed_on)),
        ("Notizen", d.notes),
    ]
    return [
        para(f"{b.reference}: {d.title}", styles().heading),
        label_table([(k, v.strip()) for k, v in rows], 50 * mm, CONTENT_WIDTH),
    ]


def register_document(content: BreachDocumentContent) -> tuple[DocumentInfo, list[DocumentPart]]:
    info = DocumentInfo(
        title=TITLE,
        letterhead=letterhead_of(content.school, content.logo),
        subject="Dokumentation nach Art. 33 Abs. 5 DSGVO",
        printed_on=content.printed_on,
        numbering="document",
    )
    parts = [DocumentPart(_overview(content), title=TITLE)]
    parts += [
        DocumentPart(_breach(b), title=f"Datenpanne {b.reference}", with_letterhead=False)
        for b in content.breaches
    ]
    return info, parts
