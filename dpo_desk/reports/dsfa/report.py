"""The printed impact assessment (DSFA, Art. 35 GDPR) for the DPO and the head to sign.

Overview, the Art. 36 note when a high risk remains, description, purposes, necessity, the
risk matrix before and after the measures (vector graphics), the scenario table, the
measures, the DPO's opinion, the head's decision and the signature lines. A signed-off
version prints with the matrix stored with it. Plain values in, engine parts out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from dpo_desk.core.dsfa.risk import RiskMatrix, class_label
from dpo_desk.core.dsfa.rules import (
    CONSULTATION_NOTE,
    DECISION_LABELS,
    AssessmentData,
    ScenarioData,
    consultation_needed,
    highest_inherent,
    highest_residual,
)
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.dsfa.matrix import MatrixPair, numbers_by_cell
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.flowables import signature_block
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.register.layout import bullet_style
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table
from dpo_desk.reports.text import escape, format_date, para


def para_bullet(text: str, style) -> Flowable:
    return Paragraph(escape(text), style, bulletText="•")


TITLE = "Datenschutz-Folgenabschätzung"
SUBJECT = "Datenschutz-Folgenabschätzung nach Art. 35 DSGVO"
WARNING_COLOUR = colors.HexColor("#a40000")


@dataclass(frozen=True)
class ReportScenario:
    number: int
    data: ScenarioData
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportAction:
    """A line of the action plan: measure, scenarios, owner, deadline and state as text."""

    title: str
    scenarios: str
    owner: str
    due: str
    status: str


@dataclass(frozen=True)
class ReportView:
    group: str
    asked_on: str
    summary: str
    response: str


@dataclass(frozen=True)
class DsfaReportContent:
    school: SchoolProfile
    logo: bytes | None
    activity_name: str
    version: int
    signed_off: bool
    data: AssessmentData
    scenarios: list[ReportScenario]
    matrix: RiskMatrix
    signed_off_at: datetime | None = None
    signed_off_by: str = ""
    threshold: str = ""
    printed_on: date = field(default_factory=date.today)
    criteria_met: tuple[str, ...] = ()
    list_items: tuple[str, ...] = ()
    list_note: str = ""
    actions: tuple[ReportAction, ...] = ()
    views: tuple[ReportView, ...] = ()

    @property
    def scenario_data(self) -> list[ScenarioData]:
        return [s.data for s in self.scenarios]


def _pairs(rows: list[tuple[str, str]]) -> Flowable:
    return data_table(
        ["Angabe", "Inhalt"],
        [[label, text or "–"] for label, text in rows],
        [55 * mm, CONTENT_WIDTH - 55 * mm],
        striped=False,
    )


def _text_section(title: str, text: str) -> list[Flowable]:
    s = styles()
    body = [para(chunk, s.body) for chunk in text.split("\n\n") if chunk.strip()]
    return [para(title, s.heading), *(body or [para("Keine Angabe.", s.hint)])]


def consultation_box(text: str = CONSULTATION_NOTE) -> Table:
    s = styles()
    table = Table(
        [
            [para("Vorherige Konsultation erforderlich (Art. 36 DSGVO)", s.subheading)],
            [para(text, s.body)],
        ],
        colWidths=[CONTENT_WIDTH],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, WARNING_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _rating(matrix: RiskMatrix, likelihood: int | None, severity: int | None) -> str:
    if likelihood is None or severity is None:
        return "nicht bewertet"
    return f"W {likelihood} · S {severity}\n{class_label(matrix.risk_class(likelihood, severity))}"


def _scenario_cell(d: ScenarioData) -> list[Flowable]:
    s = styles()
    details = "\n".join(
        part
        for part in (
            d.source and f"Risikoquelle: {d.source}",
            d.event and f"Was passieren kann: {d.event}",
            d.damage and f"Schaden für Betroffene: {d.damage}",
        )
        if part
    )
    return [para(d.title, s.table_header), para(details, s.table_cell)]


def _scenario_rows(content: DsfaReportContent) -> list[list[str | Flowable | list[Flowable]]]:
    rows: list[list[str | Flowable | list[Flowable]]] = []
    for sc in content.scenarios:
        d = sc.data
        after = _rating(content.matrix, d.residual_likelihood, d.residual_severity)
        if d.residual_reason:
            after += f"\nBegründung: {d.residual_reason}"
        rows.append(
            [
                str(sc.number),
                _scenario_cell(d),
                _rating(content.matrix, d.inherent_likelihood, d.inherent_severity),
                "\n".join(f"• {m}" for m in sc.measures) or "keine",
                after,
            ]
        )
    return rows


def _risk_section(content: DsfaReportContent) -> list[Flowable]:
    s = styles()
    before = numbers_by_cell(
        [
            (sc.number, sc.data.inherent_likelihood, sc.data.inherent_severity)
            for sc in content.scenarios
        ]
    )
    after = numbers_by_cell(
        [
            (sc.number, sc.data.residual_likelihood, sc.data.residual_severity)
            for sc in content.scenarios
        ]
    )
    matrix_note = (
        "Risikomatrix dieser abgeschlossenen Version (gespeichert beim Abschluss)."
        if content.signed_off
        else "Risikomatrix, die derzeit für die Schule gilt."
    )
    flow: list[Flowable] = [
        para("4. Bewertung der Risiken für die Rechte und Freiheiten der Betroffenen", s.heading),
        para(
            "Jedes Szenario ist zweimal bewertet: vor und nach den Maßnahmen, jeweils nach "
            "Eintrittswahrscheinlichkeit (W) und Schwere des möglichen Schadens (S) in den "
            "Stufen 1 geringfügig, 2 überschaubar, 3 substanziell, 4 groß. Die Zahlen in der "
            "Matrix sind die Nummern der Szenarien. " + matrix_note,
            s.body,
        ),
        KeepTogether([MatrixPair(content.matrix, before, after, CONTENT_WIDTH), Spacer(1, 3 * mm)]),
    ]
    if content.scenarios:
        table = data_table(
            ["Nr.", "Risikoszenario", "Vorher", "Maßnahmen", "Nachher"],
            _scenario_rows(content),
            [9 * mm, CONTENT_WIDTH - 107 * mm, 26 * mm, 46 * mm, 26 * mm],
            hyphenate=True,
        )
        table.setStyle(TableStyle([("VALIGN", (0, 1), (-1, -1), "TOP")]))
        flow.append(table)
    else:
        flow.append(para("Es sind noch keine Risikoszenarien erfasst.", s.hint))
    return flow


def _measures_section(content: DsfaReportContent) -> list[Flowable]:
    """The measures as an action plan: who implements what by when, and how far it is."""
    s = styles(True)
    flow: list[Flowable] = [para("5. Abhilfemaßnahmen und Maßnahmenplan", s.heading)]
    if not content.actions:
        return [*flow, para("Es sind keine Maßnahmen zugeordnet.", s.hint)]
    open_count = sum(1 for a in content.actions if a.status != "umgesetzt")
    flow.append(
        para(
            f"{len(content.actions)} Maßnahmen, davon {open_count} noch nicht umgesetzt.",
            s.body,
        )
    )
    flow.append(
        data_table(
            ["Maßnahme (TOM-Katalog)", "Szenario", "Verantwortlich", "Frist", "Stand"],
            [
                [a.title, a.scenarios, a.owner or "–", a.due or "–", a.status]
                for a in content.actions
            ],
            [CONTENT_WIDTH - 118 * mm, 20 * mm, 45 * mm, 25 * mm, 28 * mm],
            hyphenate=True,
        )
    )
    return flow


def _threshold_section(content: DsfaReportContent) -> list[Flowable]:
    """Which WP 248 criteria and which list items the threshold analysis found."""
    s = styles(True)
    bullet = bullet_style(s.body)
    flow: list[Flowable] = [
        para("Schwellwertanalyse", s.heading),
        para(content.threshold or "Es ist keine Schwellwertanalyse erfasst.", s.body),
    ]
    if content.criteria_met:
        flow.append(para("Erfüllte Kriterien der WP 248:", s.subheading))
        flow += [para_bullet(c, bullet) for c in content.criteria_met]
    if content.list_items:
        flow.append(
            para("Auf der Liste der Aufsichtsbehörde (Art. 35 Abs. 4 DSGVO):", s.subheading)
        )
        flow += [para_bullet(c, bullet) for c in content.list_items]
    if content.list_note:
        flow.append(para(content.list_note, s.hint))
    return flow


def _views_section(content: DsfaReportContent) -> list[Flowable]:
    s = styles(True)
    flow: list[Flowable] = [para("Standpunkt der Betroffenen (Art. 35 Abs. 9 DSGVO)", s.heading)]
    if not content.views:
        return [*flow, para("Es wurde kein Standpunkt der Betroffenen eingeholt.", s.hint)]
    flow.append(
        data_table(
            ["Angehört", "Am", "Standpunkt", "Berücksichtigt"],
            [[v.group, v.asked_on or "–", v.summary, v.response or "–"] for v in content.views],
            [38 * mm, 22 * mm, (CONTENT_WIDTH - 60 * mm) / 2, (CONTENT_WIDTH - 60 * mm) / 2],
            hyphenate=True,
        )
    )
    return flow


def _overview(content: DsfaReportContent) -> list[Flowable]:
    s = styles()
    school = content.school
    matrix = content.matrix
    state = (
        f"Version {content.version}, abgeschlossen am {format_date(content.signed_off_at.date())}"
        if content.signed_off and content.signed_off_at
        else f"Version {content.version}, Entwurf – noch nicht abgeschlossen"
    )
    flow: list[Flowable] = [
        para(f"{TITLE}: {content.activity_name}", s.title),
        para(f"nach Art. 35 DSGVO · {state}", s.body),
        Spacer(1, 3 * mm),
        _pairs(
            [
                ("Verantwortlicher", school.name),
                ("Vertreten durch (Schulleitung)", school.head_name),
                (
                    "Datenschutzbeauftragte/r",
                    ", ".join(p for p in (school.dpo_name, school.dpo_organisation) if p),
                ),
                ("Verarbeitungstätigkeit", content.activity_name),
                ("Schwellwertanalyse", content.threshold),
                (
                    "Höchstes Risiko vor Maßnahmen",
                    class_label(highest_inherent(matrix, content.scenario_data)),
                ),
                (
                    "Höchstes Restrisiko",
                    class_label(highest_residual(matrix, content.scenario_data)),
                ),
                ("Nächste Überprüfung", format_date(content.data.next_review)),
            ]
        ),
        Spacer(1, 3 * mm),
    ]
    if consultation_needed(matrix, content.scenario_data):
        flow.append(consultation_box())
    return flow


def _closing(content: DsfaReportContent) -> list[Flowable]:
    s = styles()
    data = content.data
    decision = DECISION_LABELS.get(data.head_decision, "Noch nicht entschieden.")
    opinion_date = format_date(data.dpo_opinion_date)
    flow: list[Flowable] = [
        para("6. Stellungnahme der/des Datenschutzbeauftragten (Art. 35 Abs. 2 DSGVO)", s.heading),
        *(
            [para(data.dpo_opinion, s.body)]
            if data.dpo_opinion
            else [para("Noch keine Stellungnahme.", s.hint)]
        ),
    ]
    if opinion_date:
        flow.append(para(f"Stellungnahme vom {opinion_date}", s.hint))
    flow += [
        para("7. Entscheidung der Schulleitung", s.heading),
        para(decision, s.body),
    ]
    if data.head_decision_text:
        flow.append(para(data.head_decision_text, s.body))
    if data.decided_on:
        flow.append(para(f"Entschieden am {format_date(data.decided_on)}", s.hint))
    if consultation_needed(content.matrix, content.scenario_data):
        flow.append(para(CONSULTATION_NOTE, s.body))
    flow.append(
        KeepTogether(
            [
                Spacer(1, 4 * mm),
                signature_block(
                    [
                        "Ort, Datum",
                        _signer("Datenschutzbeauftragte/r", content.school.dpo_name),
                        "Ort, Datum",
                        _signer("Schulleitung", content.school.head_name),
                    ],
                    CONTENT_WIDTH,
                ),
            ]
        )
    )
    return flow


def _signer(role: str, name: str) -> str:
    return f"{role}: {name}" if name else role


def dsfa_document(content: DsfaReportContent) -> tuple[DocumentInfo, list[DocumentPart]]:
    """The whole assessment as one engine part (numbered per part)."""
    data = content.data
    flow = [
        *_overview(content),
        *_threshold_section(content),
        *_text_section("1. Systematische Beschreibung der Verarbeitung", data.description),
        *_text_section("2. Zwecke der Verarbeitung", data.purposes),
        *_text_section("3. Notwendigkeit und Verhältnismäßigkeit", data.necessity),
        *_risk_section(content),
        *_measures_section(content),
        *_views_section(content),
        *_closing(content),
    ]
    info = DocumentInfo(
        title=f"DSFA: {content.activity_name}",
        letterhead=letterhead_of(content.school, content.logo),
        subject=SUBJECT,
        version=str(content.version),
        printed_on=content.printed_on,
    )
    return info, [DocumentPart(flow)]
