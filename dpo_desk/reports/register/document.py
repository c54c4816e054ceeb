"""The printed record of processing activities (Art. 30(1) GDPR), dated for the authority.

Cover sheet with controller, head and DPO; contents with page numbers (two passes, see
``reports.toc``); one part per released entry (its frozen snapshot) with the controller and
DPO contact, its approval block and version history; annexes with the processors (contract
details, checklist notes, sub-processors) and the measures (status, evidence). Plain values
in (``core.register.snapshot``/``annex``), engine parts out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from dpo_desk.core.register.annex import processor_rows, sub_processor_text, tom_line
from dpo_desk.core.register.countries import country_name
from dpo_desk.core.register.snapshot import EntryRow, controller_rows, entry_rows
from dpo_desk.core.register.values import PROTECTION_GOALS, ProcessorData, TomData, group_by
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.reports.engine import CONTENT_WIDTH, DocumentInfo, DocumentPart, Letterhead
from dpo_desk.reports.register.layout import (
    VersionLine,
    approval_block,
    draft_mark,
    history_table,
    rows_table,
)
from dpo_desk.reports.styles import styles
from dpo_desk.reports.tables import data_table
from dpo_desk.reports.text import format_date, para
from dpo_desk.reports.toc import ContentsTable, TocEntry

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
class RegisterProcessor:
    data: ProcessorData
    has_contract_file: bool = False


@dataclass(frozen=True)
class RegisterEntry:
    """A released entry: its latest snapshot and every released version."""

    snapshot: dict[str, Any]
    versions: tuple[VersionLine, ...] = ()


@dataclass(frozen=True)
class RegisterContent:
    school: SchoolProfile
    logo: bytes | None
    entries: list[RegisterEntry]
    processors: list[RegisterProcessor] = field(default_factory=list)
    toms: list[RegisterTom] = field(default_factory=list)
    printed_on: date = field(default_factory=date.today)

    @property
    def snapshots(self) -> list[dict[str, Any]]:
        return [e.snapshot for e in self.entries]


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


def _cover(content: RegisterContent) -> list[Flowable]:
    s = styles(True)
    school = content.school
    n = len(content.entries)
    flow: list[Flowable] = [
        para(TITLE, s.title),
        para(f"nach Art. 30 Abs. 1 DSGVO · Stand: {format_date(content.printed_on)}", s.body),
        Spacer(1, 4 * mm),
        rows_table(
            [
                *controller_rows(school),
                EntryRow("Zuständige Aufsichtsbehörde", (school.authority_name,)),
            ]
        ),
        Spacer(1, 6 * mm),
        para("Inhalt", s.heading),
    ]
    toc = [
        TocEntry(
            f"{i}.",
            entry.snapshot["activity"]["name"],
            f"Version {entry.snapshot['version']} vom {released_on(entry.snapshot)}",
            i,
        )
        for i, entry in enumerate(content.entries, start=1)
    ]
    toc.append(TocEntry("A", "Anlage A: Auftragsverarbeiter", "", n + 1))
    toc.append(TocEntry("B", "Anlage B: Technische und organisatorische Maßnahmen", "", n + 2))
    flow.append(ContentsTable(toc, ("Nr.", "Verarbeitungstätigkeit", "Stand")))
    flow.append(Spacer(1, 3 * mm))
    if not content.entries:
        flow.append(para("Es ist noch keine Verarbeitungstätigkeit freigegeben.", s.hint))
    flow.append(
        para(
            "Aufgenommen sind nur freigegebene Einträge, die in Gebrauch sind, jeweils in ihrer "
            "zuletzt freigegebenen Fassung. Entwürfe und archivierte Einträge erscheinen nicht.",
            s.hint,
        )
    )
    return flow


def entry_flowables(
    title: str,
    entry: RegisterEntry,
    school: SchoolProfile,
    draft_reasons: list[str] | None = None,
) -> list[Flowable]:
    """One entry: heading, version stamp, the rows in Art. 30 order (controller and DPO
    first), approval block and version history."""
    s = styles(True)
    snapshot = entry.snapshot
    flow: list[Flowable] = [para(title, s.heading)]
    if draft_reasons:
        flow += [draft_mark(draft_reasons), Spacer(1, 3 * mm)]
    flow += [
        para(f"Version {snapshot['version']}, freigegeben am {released_on(snapshot)}", s.hint),
        rows_table(entry_rows(snapshot, school)),
        Spacer(1, 3 * mm),
        approval_block(
            snapshot.get("approved_by", ""),
            snapshot.get("approved_role", ""),
            released_on(snapshot),
        ),
        *history_table(entry.versions),
    ]
    return flow


def _processor(p: RegisterProcessor) -> list[Flowable]:
    s = styles(True)
    d = p.data
    flow: list[Flowable] = [
        para(d.name, s.subheading),
        rows_table(processor_rows(d, p.has_contract_file)),
    ]
    if d.sub_processors:
        flow.append(Spacer(1, 2 * mm))
        flow.append(
            data_table(
                ["Unterauftragnehmer", "Land", "Leistung", "Genehmigung und Garantie"],
                [
                    [
                        sub.name,
                        country_name(sub.country),
                        sub.service,
                        "\n".join(sub_processor_text(sub, d.objection_days)),
                    ]
                    for sub in d.sub_processors
                ],
                [40 * mm, 27 * mm, 38 * mm, CONTENT_WIDTH - 105 * mm],
                hyphenate=True,
            )
        )
    return flow


def _annex_processors(processors: list[RegisterProcessor]) -> list[Flowable]:
    s = styles(True)
    flow: list[Flowable] = [para("Anlage A: Auftragsverarbeiter", s.heading)]
    if not processors:
        flow.append(para("Es sind keine Auftragsverarbeiter erfasst.", s.body))
    for processor in processors:
        flow.extend(_processor(processor))
    return flow


def _annex_toms(toms: list[RegisterTom]) -> list[Flowable]:
    s = styles(True)
    flow: list[Flowable] = [
        para("Anlage B: Technische und organisatorische Maßnahmen", s.heading),
        para("Geordnet nach den Schutzzielen des Standard-Datenschutzmodells.", s.hint),
    ]
    if not toms:
        flow.append(para("Es sind keine Maßnahmen erfasst.", s.body))
    for label, members in group_by(toms, "protection_goal", PROTECTION_GOALS, "ohne Schutzziel"):
        flow.append(para(label, s.subheading))
        lines = [tom_line(t.data, t.owner) for t in members]
        flow.append(
            data_table(
                ["Maßnahme", "Kontrollart", "Stand", "Nachweis", "Von"],
                [
                    [
                        f"{line.title}\n{line.description}".strip(),
                        line.control,
                        line.status,
                        line.evidence,
                        line.owner,
                    ]
                    for line in lines
                ],
                [CONTENT_WIDTH - 110 * mm, 28 * mm, 22 * mm, 32 * mm, 28 * mm],
                hyphenate=True,
            )
        )
        flow[-1].setStyle(TableStyle([("VALIGN", (0, 1), (-1, -1), "TOP")]))
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
    for number, entry in enumerate(content.entries, start=1):
        name = entry.snapshot["activity"]["name"]
        parts.append(
            DocumentPart(
                entry_flowables(f"{number}. {name}", entry, content.school),
                title=f"VVT {number}: {name}",
                with_letterhead=False,
            )
        )
    parts.append(
        DocumentPart(_annex_processors(content.processors), "Anlage A", with_letterhead=False)
    )
    parts.append(DocumentPart(_annex_toms(content.toms), "Anlage B", with_letterhead=False))
    return info, parts


def entry_document(
    school: SchoolProfile,
    logo: bytes | None,
    entry: RegisterEntry,
    printed_on: date,
    draft_reasons: list[str] | None = None,
) -> tuple[DocumentInfo, list[DocumentPart]]:
    """A single released entry with the school's letterhead; ``draft_reasons`` marks it as
    a draft (open errors) that is not to be handed out."""
    snapshot = entry.snapshot
    title = f"VVT: {snapshot['activity']['name']}"
    info = DocumentInfo(
        title=f"{title} (ENTWURF)" if draft_reasons else title,
        letterhead=letterhead_of(school, logo),
        subject=SUBJECT,
        version=str(snapshot["version"]),
        printed_on=printed_on,
    )
    heading = f"Verarbeitungstätigkeit: {snapshot['activity']['name']}"
    return info, [DocumentPart(entry_flowables(heading, entry, school, draft_reasons))]
