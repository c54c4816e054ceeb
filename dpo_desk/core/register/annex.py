"""The annexes of the printed register as plain rows: each processor with its contract
details, the Art. 28(3) checklist with its notes and the sub-processors; each measure with
status and evidence. Any writer (PDF, Word) lays these out."""

from __future__ import annotations

from dataclasses import dataclass

from dpo_desk.core.dates import format_date
from dpo_desk.core.register.countries import country_in, country_name, is_third_country
from dpo_desk.core.register.snapshot import EntryRow
from dpo_desk.core.register.values import (
    ART28_POINTS,
    CONTRACT_STATUSES,
    CONTROL_TYPES,
    EVIDENCE_KINDS,
    SAFEGUARDS,
    TOM_STATUSES,
    ChecklistPoint,
    ProcessorData,
    SubProcessorData,
    TomData,
)


def _row(label: str, *lines: str) -> EntryRow:
    return EntryRow(label, tuple(line for line in lines if line))


def _list(label: str, items: list[str]) -> EntryRow:
    return EntryRow(label, tuple(i for i in items if i), as_list=True)


def checklist_lines(checklist: dict[str, ChecklistPoint]) -> list[str]:
    """Every point a–h with its state and the note (where in the contract, what is open)."""
    lines = []
    for point, text in ART28_POINTS.items():
        entry = checklist.get(point, ChecklistPoint())
        state = "erfüllt" if entry.fulfilled else "nicht erfüllt"
        line = f"{point}) {text}: {state}"
        if entry.note.strip():
            line += f" – {entry.note.strip()}"
        lines.append(line)
    return lines


def contract_text(p: ProcessorData) -> list[str]:
    status = CONTRACT_STATUSES.get(p.contract_status, p.contract_status)
    if p.contract_date:
        status += f" am {format_date(p.contract_date)}"
    return [
        status,
        p.contract_version and f"Fassung: {p.contract_version}",
        p.contract_term and f"Laufzeit: {p.contract_term}",
        p.contract_end and f"Vertragsende: {format_date(p.contract_end)}",
    ]


def sub_processor_text(sub: SubProcessorData, objection_days: int | None) -> list[str]:
    """How a sub-processor was approved and, outside the EU/EEA, under which safeguard."""
    lines = []
    if sub.approved_on:
        approval = f"genehmigt am {format_date(sub.approved_on)}"
        if objection_days is not None:
            approval += f" (Einspruchsfrist laut Vertrag: {objection_days} Tage)"
        lines.append(approval)
    else:
        lines.append("Genehmigung nicht dokumentiert")
    if is_third_country(sub.country):
        lines.append(SAFEGUARDS.get(sub.safeguard, "keine Garantie dokumentiert"))
        if sub.supplementary_measures:
            lines.append(f"Zusätzliche Maßnahmen: {sub.supplementary_measures}")
        if sub.tia_on:
            lines.append(f"Transfer-Folgenabschätzung vom {format_date(sub.tia_on)}")
    else:
        lines.append("in der EU/im EWR: keine Garantie nötig")
    return lines


def processor_rows(p: ProcessorData, has_contract_file: bool = False) -> list[EntryRow]:
    address = ", ".join(x for x in (p.street, f"{p.postcode} {p.town}".strip()) if x)
    rows = [
        _row(
            "Anschrift",
            f"{address} ({country_name(p.country)})" if address else country_name(p.country),
        ),
        _row("Ansprechpartner", ", ".join(x for x in (p.contact_name, p.contact_email) if x)),
        _row("Datenschutzbeauftragte/r", ", ".join(x for x in (p.dpo_name, p.dpo_email) if x)),
        _row("AV-Vertrag", *contract_text(p)),
        _row("Vertragsdatei", "liegt vor (in der Datenbank)" if has_contract_file else ""),
        _row("Nächste Überprüfung", format_date(p.contract_review)),
        _row("Ort der Verarbeitung (Hosting)", p.hosting_location),
        _row(
            "Verarbeitungsort laut Vertrag",
            "nur in der EU/im EWR" if p.eu_only else "",
        ),
        _row(
            "Besondere Kategorien (Art. 9)",
            "ja, laut Vertrag" if p.special_categories else "nein",
        ),
        _row(
            "Einspruchsfrist bei neuen Unterauftragnehmern",
            f"{p.objection_days} Tage" if p.objection_days is not None else "",
        ),
        _list("Prüfliste Art. 28 Abs. 3", checklist_lines(p.checklist)),
        _list("Datenkategorien", p.data_categories),
        _list("Betroffene", p.data_subjects),
    ]
    if is_third_country(p.country):
        rows.append(
            _row(
                f"Sitz {country_in(p.country)}",
                SAFEGUARDS.get(p.safeguard, "keine Garantie dokumentiert"),
                p.supplementary_measures and f"Zusätzliche Maßnahmen: {p.supplementary_measures}",
                p.tia_on and f"Transfer-Folgenabschätzung vom {format_date(p.tia_on)}",
            )
        )
    return rows


@dataclass(frozen=True)
class TomLine:
    """One measure of annex B as text cells."""

    title: str
    description: str
    control: str
    status: str
    evidence: str
    owner: str


def tom_line(data: TomData, owner: str) -> TomLine:
    status = TOM_STATUSES.get(data.status, data.status)
    if data.due_on and data.status == "planned":
        status += f" bis {format_date(data.due_on)}"
    evidence = EVIDENCE_KINDS.get(data.evidence_kind, "")
    if data.evidence_reference:
        evidence = f"{evidence}: {data.evidence_reference}" if evidence else data.evidence_reference
    if data.evidence_valid_until:
        evidence += f", gültig bis {format_date(data.evidence_valid_until)}"
    return TomLine(
        data.title,
        data.description,
        CONTROL_TYPES.get(data.control_type, ""),
        status,
        evidence,
        owner,
    )
