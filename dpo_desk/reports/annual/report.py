"""The DPO's annual report for one school (Tätigkeitsbericht): what changed in the register,
which impact assessments were completed, the breaches and requests of the year with their
outcomes, and what is still open."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from dpo_desk.core.dates import format_date
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart
from dpo_desk.reports.register.document import letterhead_of
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table, label_table
from dpo_desk.reports.text import para


@dataclass(frozen=True)
class BreachLine:
    reference: str
    aware_on: date
    title: str
    risk: str
    outcome: str
    notified: bool
    in_time: bool | None
    documented: bool


@dataclass(frozen=True)
class RequestLine:
    reference: str
    received_on: date
    kind: str
    status: str
    answered_on: date | None
    in_time: bool | None
    extended: bool


@dataclass(frozen=True)
class AnnualContent:
    school: SchoolProfile
    logo: bytes | None
    year: int
    printed_on: date
    entries_total: int
    entries_released: int
    entries_draft: int
    created: tuple[str, ...]
    released: tuple[tuple[str, int, date], ...]  # name, version, day
    dsfa_done: tuple[tuple[str, int, date, str], ...]  # activity, version, day, residual risk
    dsfa_open: tuple[tuple[str, str], ...]  # activity, status
    breaches: tuple[BreachLine, ...]
    requests: tuple[RequestLine, ...]
    findings: tuple[tuple[str, str, str], ...]  # severity, place, message
    overdue: tuple[tuple[date, str], ...]


def _yes(count: int, of: int) -> str:
    return f"{count} von {of}"


def _register(c: AnnualContent) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [
        para("1. Verzeichnis der Verarbeitungstätigkeiten", s.heading),
        label_table(
            [
                ("Einträge insgesamt (Stand heute)", str(c.entries_total)),
                ("davon freigegeben / Entwürfe", f"{c.entries_released} / {c.entries_draft}"),
                (f"{c.year} neu angelegt", "\n".join(c.created) or "keine"),
                (f"{c.year} freigegebene Fassungen", str(len(c.released))),
            ],
            70 * mm,
            CONTENT_WIDTH,
        ),
    ]
    if c.released:
        flow.append(
            data_table(
                ["Verarbeitungstätigkeit", "Version", "Freigegeben am"],
                [[name, str(v), format_date(day)] for name, v, day in c.released],
                [CONTENT_WIDTH - 60 * mm, 25 * mm, 35 * mm],
            )
        )
    return flow


def _dsfa(c: AnnualContent) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [para("2. Datenschutz-Folgenabschätzungen", s.heading)]
    if c.dsfa_done:
        flow.append(
            data_table(
                ["Verarbeitungstätigkeit", "Version", "Abgeschlossen am", "Restrisiko"],
                [[n, str(v), format_date(d), r] for n, v, d, r in c.dsfa_done],
                [CONTENT_WIDTH - 95 * mm, 20 * mm, 35 * mm, 40 * mm],
            )
        )
    else:
        flow.append(para(f"{c.year} wurde keine Folgenabschätzung abgeschlossen.", s.body))
    if c.dsfa_open:
        flow.append(
            para("In Arbeit: " + "; ".join(f"{n} ({status})" for n, status in c.dsfa_open), s.body)
        )
    return flow


def _breaches(c: AnnualContent) -> list[Flowable]:
    s = styles()
    b = c.breaches
    flow: list[Flowable] = [
        para("3. Datenschutzverletzungen (Art. 33/34 DSGVO)", s.heading),
        label_table(
            [
                ("Dokumentiert", str(len(b))),
                ("an die Aufsichtsbehörde gemeldet", _yes(sum(x.notified for x in b), len(b))),
                ("davon innerhalb von 72 Stunden", str(sum(bool(x.in_time) for x in b))),
                ("ohne Meldung dokumentiert (kein Risiko)", str(sum(x.documented for x in b))),
            ],
            70 * mm,
            CONTENT_WIDTH,
        ),
    ]
    if b:
        flow.append(
            data_table(
                ["Nr.", "Bekannt am", "Vorfall", "Risiko", "Ergebnis"],
                [[x.reference, format_date(x.aware_on), x.title, x.risk, x.outcome] for x in b],
                [17 * mm, 24 * mm, CONTENT_WIDTH - 119 * mm, 28 * mm, 50 * mm],
            )
        )
    return flow


def _requests(c: AnnualContent) -> list[Flowable]:
    s = styles()
    r = c.requests
    kinds = Counter(x.kind for x in r)
    statuses = Counter(x.status for x in r)
    answered = [x for x in r if x.answered_on is not None]
    flow: list[Flowable] = [
        para("4. Anfragen betroffener Personen (Art. 15–22 DSGVO)", s.heading),
        label_table(
            [
                ("Eingegangen", str(len(r))),
                ("nach Art", "\n".join(f"{k}: {n}" for k, n in sorted(kinds.items())) or "–"),
                ("nach Stand", "\n".join(f"{k}: {n}" for k, n in sorted(statuses.items())) or "–"),
                (
                    "fristgerecht beantwortet",
                    _yes(sum(bool(x.in_time) for x in answered), len(answered)),
                ),
                ("Frist verlängert (Art. 12 Abs. 3)", str(sum(x.extended for x in r))),
            ],
            70 * mm,
            CONTENT_WIDTH,
        ),
    ]
    if r:
        flow.append(
            data_table(
                ["Nr.", "Eingang", "Art", "Stand", "Antwort"],
                [
                    [
                        x.reference,
                        format_date(x.received_on),
                        x.kind,
                        x.status,
                        format_date(x.answered_on),
                    ]
                    for x in r
                ],
                [17 * mm, 24 * mm, CONTENT_WIDTH - 115 * mm, 50 * mm, 24 * mm],
            )
        )
    return flow


def _open(c: AnnualContent) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [para("5. Offene Befunde und überfällige Termine", s.heading)]
    if c.findings:
        flow.append(
            data_table(
                ["Stufe", "Wo", "Befund"],
                [list(f) for f in c.findings],
                [22 * mm, 50 * mm, CONTENT_WIDTH - 72 * mm],
            )
        )
    else:
        flow.append(para("Im Verzeichnis sind keine Befunde offen.", s.body))
    if c.overdue:
        flow.append(para("Überfällig am Druckdatum:", s.subheading))
        flow.append(para("\n".join(f"• {format_date(d)}: {t}" for d, t in c.overdue), s.body))
    return flow


def annual_document(c: AnnualContent) -> tuple[DocumentInfo, list[DocumentPart]]:
    s = styles()
    title = f"Tätigkeitsbericht {c.year}"
    intro: list[Flowable] = [
        para(f"{title} der/des Datenschutzbeauftragten", s.title),
        para(
            f"{c.school.name} · Berichtszeitraum 01.01.{c.year} bis 31.12.{c.year} · "
            f"erstellt am {format_date(c.printed_on)}",
            s.body,
        ),
        para(
            "Datenschutzbeauftragte/r: "
            + (", ".join(p for p in (c.school.dpo_name, c.school.dpo_organisation) if p) or "–"),
            s.body,
        ),
    ]
    flow = intro + _register(c) + _dsfa(c) + _breaches(c) + _requests(c) + _open(c)
    info = DocumentInfo(
        title=title,
        letterhead=letterhead_of(c.school, c.logo),
        subject="Tätigkeitsbericht der/des Datenschutzbeauftragten",
        printed_on=c.printed_on,
        numbering="document",
    )
    return info, [DocumentPart(flow)]
