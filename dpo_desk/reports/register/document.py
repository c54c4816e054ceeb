"""The printed record of processing activities (Art. 30(1) GDPR), dated for the authority.

Cover sheet with controller, head and DPO; contents; one part per released entry (its frozen
snapshot); annexes with the processors and the measures (TOM). Plain values in, engine parts
out: the service gathers the data, this module only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dpo_desk.core.register.countries import country_name, is_third_country
from dpo_desk.core.register.snapshot import snapshot_rows
from dpo_desk.core.register.values import (
    ART28_POINTS,
    CONTRACT_STATUSES,
    CONTROL_TYPES,
    PROTECTION_GOALS,
    SAFEGUARDS,
    ProcessorData,
    TomData,
    group_by,
)
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart, Letterhead
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table, label_table
from dpo_desk.reports.text import format_date, para

TITLE = "Verzeichnis von Verarbeitungstätigkeiten"
SUBJECT = "Verzeichnis nach Art. 30 Abs. 1 DSGVO"


@dataclass(frozen=True)
class RegisterTom:
    owner: str  # "Schule" or the processor's name
    data: TomData

    @property
    def protection_goal(self) -> str:
        return self.data.protection_goal

    @property
    def control_type(self) -> str:
        return self.data.control_type


@dataclass(frozen=True)
class RegisterContent:
    school: SchoolProfile
    logo: bytes | None
    snapshots: list[dict[str, Any]]
    processors: list[ProcessorData] = field(default_factory=list)
    toms: list[RegisterTom] = field(default_factory=list)
    printed_on: date = field(default_factory=date.today)


def letterhead_of(school: SchoolProfile, logo: bytes | None) -> Letterhead:
    address = tuple(
        line for line in (school.street, f"{school.postcode} {school.town}".strip()) if line
    )
    contact = " · ".join(
        part for part in (school.phone and f"Tel. {school.phone}", school.email) if part
    )
    return Letterhead(school.name, address, contact, logo)


def released_on(snapshot: dict[str, Any]) -> str:
    return format_date(datetime.fromisoformat(snapshot["released_at"]).date())


def _pairs(rows: list[tuple[str, str]]) -> Flowable:
    return label_table(rows, 55 * mm, CONTENT_WIDTH)


def _cover(content: RegisterContent) -> list[Flowable]:
    s = styles()
    school = content.school
    dpo_contact = ", ".join(p for p in (school.dpo_email, school.dpo_phone) if p)
    controller = "\n".join(
        p for p in (school.name, school.street, f"{school.postcode} {school.town}".strip()) if p
    )
    flow: list[Flowable] = [
        para(TITLE, s.title),
        para(f"nach Art. 30 Abs. 1 DSGVO · Stand: {format_date(content.printed_on)}", s.body),
        Spacer(1, 4 * mm),
        _pairs(
            [
                ("Verantwortlicher", controller),
                ("Vertreten durch (Schulleitung)", school.head_name),
                ("Kontakt", " · ".join(p for p in (school.phone, school.email) if p)),
                (
                    "Datenschutzbeauftragte/r",
                    "\n".join(p for p in (school.dpo_name, school.dpo_organisation) if p),
                ),
                ("Kontakt der/des DSB", dpo_contact),
                ("Zuständige Aufsichtsbehörde", school.authority_name),
            ]
        ),
        Spacer(1, 6 * mm),
        para("Inhalt", s.heading),
    ]
    toc = [
        [f"{i}.", snap["activity"]["name"], f"Version {snap['version']}", released_on(snap)]
        for i, snap in enumerate(content.snapshots, start=1)
    ]
    toc.append(["A", "Anlage A: Auftragsverarbeiter", "", ""])
    toc.append(["B", "Anlage B: Technische und organisatorische Maßnahmen", "", ""])
    flow.append(
        data_table(
            ["Nr.", "Verarbeitungstätigkeit", "Stand", "Freigegeben am"],
            toc,
            [12 * mm, CONTENT_WIDTH - 72 * mm, 25 * mm, 35 * mm],
        )
    )
    if not content.snapshots:
        flow.append(para("Es ist noch keine Verarbeitungstätigkeit freigegeben.", s.hint))
    flow.append(
        para(
            "Aufgenommen sind nur freigegebene Einträge, jeweils in ihrer zuletzt "
            "freigegebenen Fassung. Entwürfe erscheinen nicht.",
            s.hint,
        )
    )
    return flow


def _activity(number: int, snapshot: dict[str, Any]) -> list[Flowable]:
    s = styles()
    stamp = f"Version {snapshot['version']}, freigegeben am {released_on(snapshot)}"
    if snapshot.get("released_by"):
        stamp += f" von {snapshot['released_by']}"
    return [
        para(f"{number}. {snapshot['activity']['name']}", s.heading),
        para(stamp, s.hint),
        _pairs(snapshot_rows(snapshot)),
    ]


def _processor(p: ProcessorData) -> list[Flowable]:
    s = styles()
    address = ", ".join(x for x in (p.street, f"{p.postcode} {p.town}".strip()) if x)
    contract = CONTRACT_STATUSES.get(p.contract_status, p.contract_status)
    if p.contract_date:
        contract += f" am {format_date(p.contract_date)}"
    fulfilled = [pt for pt, c in p.checklist.items() if c.fulfilled]
    rows = [
        (
            "Anschrift",
            f"{address} ({country_name(p.country)})" if address else country_name(p.country),
        ),
        ("Ansprechpartner", ", ".join(x for x in (p.contact_name, p.contact_email) if x)),
        ("Datenschutzbeauftragte/r", ", ".join(x for x in (p.dpo_name, p.dpo_email) if x)),
        ("AV-Vertrag", contract),
        ("Nächste Überprüfung", format_date(p.contract_review)),
        ("Prüfliste Art. 28 Abs. 3", f"{len(fulfilled)} von {len(ART28_POINTS)} Punkten erfüllt"),
        ("Datenkategorien", ", ".join(p.data_categories)),
        ("Betroffene", ", ".join(p.data_subjects)),
    ]
    if is_third_country(p.country):
        rows.append(("Garantie (Sitz)", SAFEGUARDS.get(p.safeguard, "keine dokumentiert")))
    flow: list[Flowable] = [para(p.name, s.subheading), _pairs(rows)]
    if p.sub_processors:
        flow.append(Spacer(1, 2 * mm))
        flow.append(
            data_table(
                ["Unterauftragnehmer", "Land", "Leistung", "Garantie"],
                [
                    [
                        sub.name,
                        country_name(sub.country),
                        sub.service,
                        SAFEGUARDS.get(sub.safeguard, "")
                        if is_third_country(sub.country)
                        else "nicht nötig (EU/EWR)",
                    ]
                    for sub in p.sub_processors
                ],
                [45 * mm, 30 * mm, 45 * mm, CONTENT_WIDTH - 120 * mm],
            )
        )
    return flow


def _annex_processors(processors: list[ProcessorData]) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [para("Anlage A: Auftragsverarbeiter", s.heading)]
    if not processors:
        flow.append(para("Es sind keine Auftragsverarbeiter erfasst.", s.body))
    for processor in processors:
        flow.extend(_processor(processor))
    return flow


def _annex_toms(toms: list[RegisterTom]) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [
        para("Anlage B: Technische und organisatorische Maßnahmen", s.heading),
        para("Geordnet nach den Schutzzielen des Standard-Datenschutzmodells.", s.hint),
    ]
    if not toms:
        flow.append(para("Es sind keine Maßnahmen erfasst.", s.body))
    for label, members in group_by(toms, "protection_goal", PROTECTION_GOALS, "ohne Schutzziel"):
        flow.append(para(label, s.subheading))
        flow.append(
            data_table(
                ["Maßnahme", "Kontrollart", "Von"],
                [
                    [
                        f"{t.data.title}\n{t.data.description}".strip(),
                        CONTROL_TYPES.get(t.control_type, ""),
                        t.owner,
                    ]
                    for t in members
                ],
                [CONTENT_WIDTH - 85 * mm, 40 * mm, 45 * mm],
            )
        )
    return flow


def register_document(content: RegisterContent) -> tuple[DocumentInfo, list[DocumentPart]]:
    """The whole register as engine parts: cover, one part per entry, two annexes."""
    info = DocumentInfo(
        title=TITLE,
        letterhead=letterhead_of(content.school, content.logo),
        subject=SUBJECT,
        printed_on=content.printed_on,
        numbering="document",
    )
    parts = [DocumentPart(_cover(content), title=TITLE)]
    for number, snapshot in enumerate(content.snapshots, start=1):
        parts.append(
            DocumentPart(
                _activity(number, snapshot),
                title=f"VVT {number}: {snapshot['activity']['name']}",
                with_letterhead=False,
            )
        )
    parts.append(
        DocumentPart(_annex_processors(content.processors), "Anlage A", with_letterhead=False)
    )
    parts.append(DocumentPart(_annex_toms(content.toms), "Anlage B", with_letterhead=False))
    return info, parts


def entry_document(
    school: SchoolProfile, logo: bytes | None, snapshot: dict[str, Any], printed_on: date
) -> tuple[DocumentInfo, list[DocumentPart]]:
    """A single released entry with the school's letterhead."""
    info = DocumentInfo(
        title=f"VVT: {snapshot['activity']['name']}",
        letterhead=letterhead_of(school, logo),
        subject=SUBJECT,
        version=str(snapshot["version"]),
        printed_on=printed_on,
    )
    return info, [DocumentPart(_activity_body(snapshot))]


def _activity_body(snapshot: dict[str, Any]) -> list[Flowable]:
    s = styles()
    flow = _activity(1, snapshot)
    flow[0] = para(f"Verarbeitungstätigkeit: {snapshot['activity']['name']}", s.heading)
    return flow
