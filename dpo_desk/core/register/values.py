"""Value types and vocabularies of the register (VVT), processors (AVV) and TOMs.

Plain data only: the services fill these from the database, the rules in
``register.rules`` and ``register.findings`` judge them, the UI and the printouts show them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

DRAFT = "draft"
RELEASED = "released"
STATUS_LABELS = {DRAFT: "Entwurf", RELEASED: "Freigegeben"}

LEGAL_BASES: dict[str, str] = {
    "art6_1a": "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)",
    "art6_1b": "Art. 6 Abs. 1 lit. b DSGVO (Vertrag)",
    "art6_1c": "Art. 6 Abs. 1 lit. c DSGVO (rechtliche Verpflichtung)",
    "art6_1d": "Art. 6 Abs. 1 lit. d DSGVO (lebenswichtige Interessen)",
    "art6_1e": "Art. 6 Abs. 1 lit. e DSGVO (öffentliche Aufgabe)",
    "art9_2a": "Art. 9 Abs. 2 lit. a DSGVO (ausdrückliche Einwilligung)",
    "art9_2b": "Art. 9 Abs. 2 lit. b DSGVO (Arbeitsrecht, soziale Sicherheit)",
    "art9_2g": "Art. 9 Abs. 2 lit. g DSGVO (erhebliches öffentliches Interesse)",
    "art9_2h": "Art. 9 Abs. 2 lit. h DSGVO (Gesundheitsvorsorge)",
    "art88": "Art. 88 DSGVO i. V. m. Landesrecht (Beschäftigtendaten)",
}
CONSENT_BASES = frozenset({"art6_1a", "art9_2a"})

DSFA_REQUIRED = "required"
DSFA_NOT_REQUIRED = "not_required"
DSFA_NOT_ASSESSED = "not_assessed"
DSFA_LABELS = {
    DSFA_REQUIRED: "erforderlich",
    DSFA_NOT_REQUIRED: "nicht erforderlich",
    DSFA_NOT_ASSESSED: "noch nicht geprüft",
}

SAFEGUARDS: dict[str, str] = {
    "adequacy": "Angemessenheitsbeschluss (Art. 45 DSGVO)",
    "dpf": "EU-US Data Privacy Framework (Zertifizierung des Empfängers)",
    "scc": "Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)",
    "bcr": "Verbindliche interne Datenschutzvorschriften (Art. 47 DSGVO)",
    "derogation": "Ausnahme für den Einzelfall (Art. 49 DSGVO)",
}

CONTRACT_STATUSES: dict[str, str] = {
    "none": "kein Vertrag",
    "requested": "angefragt",
    "signed": "unterschrieben",
    "terminated": "beendet",
}

ART28_POINTS: dict[str, str] = {
    "a": "Verarbeitung nur auf dokumentierte Weisung der Schule",
    "b": "Vertraulichkeit der eingesetzten Beschäftigten",
    "c": "Sicherheitsmaßnahmen nach Art. 32 DSGVO",
    "d": "Unterauftragnehmer nur mit Genehmigung, gleiche Pflichten, Einspruchsrecht",
    "e": "Unterstützung bei den Rechten der Betroffenen",
    "f": "Unterstützung bei Sicherheit, Datenpannen und DSFA (Art. 32–36)",
    "g": "Löschung oder Rückgabe aller Daten nach Vertragsende",
    "h": "Nachweise, Informationen und Kontrollrechte der Schule",
}

PROTECTION_GOALS: dict[str, str] = {
    "data_minimisation": "Datenminimierung",
    "availability": "Verfügbarkeit",
    "integrity": "Integrität",
    "confidentiality": "Vertraulichkeit",
    "unlinkability": "Nichtverkettung",
    "transparency": "Transparenz",
    "intervenability": "Intervenierbarkeit",
}

CONTROL_TYPES: dict[str, str] = {
    "physical_access": "Zutrittskontrolle",
    "system_access": "Zugangskontrolle",
    "data_access": "Zugriffskontrolle",
    "transfer": "Weitergabekontrolle",
    "input": "Eingabekontrolle",
    "order": "Auftragskontrolle",
    "availability": "Verfügbarkeitskontrolle",
    "separation": "Trennungsgebot",
}

TOM_IN_PLACE = "in_place"
TOM_PLANNED = "planned"
TOM_OPTIONAL = "optional"
TOM_STATUSES: dict[str, str] = {
    TOM_IN_PLACE: "umgesetzt",
    TOM_PLANNED: "geplant",
    TOM_OPTIONAL: "optional (von Nutzenden einzuschalten)",
}

EVIDENCE_KINDS: dict[str, str] = {
    "iso27001": "Zertifikat ISO/IEC 27001",
    "iso27001_grundschutz": "ISO 27001 auf der Basis von IT-Grundschutz (BSI)",
    "bsi_c5": "BSI-C5-Testat",
    "soc2": "SOC-2-Bericht",
    "audit": "Prüf- oder Auditbericht",
    "self": "Selbstauskunft des Anbieters",
    "other": "sonstiger Nachweis",
}

# Safeguards after which a transfer impact assessment is expected (not for adequacy/DPF).
TIA_SAFEGUARDS = frozenset({"scc", "bcr"})

DEFAULT_REVIEW_MONTHS = 12
DEFAULT_RETENTION_YEARS = 3


@dataclass
class DataCategory:
    """A category of personal data and how long it is kept (Art. 30(1) c, f)."""

    name: str
    erasure_period: str = ""


@dataclass
class Recipient:
    name: str
    external: bool = False


@dataclass
class Transfer:
    """A transfer to a country outside the EU/EEA (Art. 30(1) e)."""

    country: str
    recipient: str = ""
    safeguard: str = ""
    note: str = ""


@dataclass
class ActivityData:
    """Everything the user enters about one processing activity."""

    name: str = ""
    purposes: str = ""
    data_subjects: list[str] = field(default_factory=list)
    data_categories: list[DataCategory] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    legal_basis_text: str = ""
    joint_controllers: str = ""
    department: str = ""
    contact_person: str = ""
    consent_based: bool = False
    consent_template_key: str = ""
    special_categories: bool = False
    tom_description: str = ""
    dsfa: str = DSFA_NOT_ASSESSED
    dsfa_result: str = ""
    review_interval_months: int = DEFAULT_REVIEW_MONTHS
    next_review: date | None = None
    notes: str = ""
    processor_ids: list[int] = field(default_factory=list)
    tom_ids: list[int] = field(default_factory=list)
    data_source: str = ""
    hosting_location: str = ""
    systems: list[str] = field(default_factory=list)
    automated_decision: bool = False
    automated_decision_logic: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ActivityData:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        known["data_categories"] = [DataCategory(**c) for c in known.get("data_categories", [])]
        known["recipients"] = [Recipient(**r) for r in known.get("recipients", [])]
        known["transfers"] = [Transfer(**t) for t in known.get("transfers", [])]
        return cls(**known)


def has_art9_basis(codes: list[str]) -> bool:
    """Whether one of the chosen legal bases is an exception of Art. 9(2)."""
    return any(code.startswith("art9_") for code in codes)


@dataclass
class ChecklistPoint:
    fulfilled: bool = False
    note: str = ""


@dataclass
class SubProcessorData:
    name: str
    country: str
    service: str = ""
    safeguard: str = ""
    approved_on: date | None = None
    supplementary_measures: str = ""
    tia_on: date | None = None


@dataclass
class ProcessorData:
    """Everything the user enters about a processor and its contract (AVV)."""

    name: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""
    country: str = "DE"
    safeguard: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    dpo_name: str = ""
    dpo_email: str = ""
    contract_status: str = "none"
    contract_date: date | None = None
    contract_review: date | None = None
    checklist: dict[str, ChecklistPoint] = field(default_factory=dict)
    sub_processors: list[SubProcessorData] = field(default_factory=list)
    data_categories: list[str] = field(default_factory=list)
    data_subjects: list[str] = field(default_factory=list)
    notes: str = ""
    contract_version: str = ""
    contract_term: str = ""
    contract_end: date | None = None
    objection_days: int | None = None
    eu_only: bool = False
    special_categories: bool = False
    hosting_location: str = ""
    supplementary_measures: str = ""
    tia_on: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TomData:
    """A measure; ``processor_id`` None means the school's own measure. ``status`` says
    whether it is in place, planned (by ``due_on``) or optional for the users (e.g. 2FA);
    the evidence is a certificate or report with its validity."""

    title: str = ""
    description: str = ""
    protection_goal: str = ""
    control_type: str = ""
    processor_id: int | None = None
    status: str = TOM_IN_PLACE
    due_on: date | None = None
    evidence_kind: str = ""
    evidence_reference: str = ""
    evidence_valid_until: date | None = None


def legal_basis_summary(codes: list[str], text: str) -> str:
    """The legal basis as one line: the chosen articles, then the free text."""
    parts = [LEGAL_BASES.get(code, code) for code in codes]
    if text.strip():
        parts.append(text.strip())
    return "; ".join(parts)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def make_key(name: str, taken: set[str], limit: int = 60) -> str:
    """A short, stable command-line name from ``name`` that is not in ``taken``."""
    base = "".join(
        c if c.isascii() and c.isalnum() else "-" for c in name.lower().translate(_UMLAUTS)
    )
    base = "-".join(part for part in base.split("-") if part)[: limit - 4] or "eintrag"
    key, counter = base, 1
    while key in taken:
        counter += 1
        key = f"{base}-{counter}"
    return key


def group_by(
    items: list[Any], attribute: str, labels: dict[str, str], empty: str
) -> list[tuple[str, list[Any]]]:
    """Items grouped under the labels' order (e.g. the seven protection goals); items whose
    value is empty come last under ``empty``."""
    groups: dict[str, list[Any]] = {code: [] for code in labels}
    rest: list[Any] = []
    for item in items:
        groups.get(getattr(item, attribute) or "", rest).append(item)
    result = [(labels[code], members) for code, members in groups.items() if members]
    if rest:
        result.append((empty, rest))
    return result


# German names of every field, for messages that list what differs between two states.
ACTIVITY_FIELD_LABELS: dict[str, str] = {
    "name": "Bezeichnung",
    "purposes": "Zwecke der Verarbeitung",
    "data_subjects": "Kategorien betroffener Personen",
    "data_categories": "Kategorien personenbezogener Daten",
    "recipients": "Empfänger",
    "transfers": "Drittlandübermittlungen",
    "legal_bases": "Rechtsgrundlagen",
    "legal_basis_text": "Rechtsgrundlage (Erläuterung)",
    "joint_controllers": "Gemeinsam Verantwortliche",
    "department": "Zuständige Stelle",
    "contact_person": "Ansprechperson",
    "consent_based": "Beruht auf Einwilligung",
    "consent_template_key": "Einwilligungsvorlage",
    "special_categories": "Besondere Kategorien (Art. 9)",
    "tom_description": "Beschreibung der Maßnahmen",
    "dsfa": "DSFA",
    "dsfa_result": "Ergebnis der DSFA",
    "review_interval_months": "Prüfintervall (Monate)",
    "next_review": "Nächste Prüfung",
    "notes": "Notizen",
    "processor_ids": "Auftragsverarbeiter",
    "tom_ids": "Maßnahmen",
    "data_source": "Herkunft der Daten",
    "hosting_location": "Ort der Verarbeitung (Hosting)",
    "systems": "Systeme und Module",
    "automated_decision": "Automatisierte Entscheidung (Art. 22)",
    "automated_decision_logic": "Automatisierte Entscheidung: Logik und Tragweite",
}
PROCESSOR_FIELD_LABELS: dict[str, str] = {
    "name": "Name",
    "street": "Straße",
    "postcode": "PLZ",
    "town": "Ort",
    "country": "Land",
    "safeguard": "Garantie für das Drittland",
    "contact_name": "Ansprechperson",
    "contact_email": "E-Mail",
    "contact_phone": "Telefon",
    "dpo_name": "Datenschutzbeauftragte/r",
    "dpo_email": "E-Mail der/des Datenschutzbeauftragten",
    "contract_status": "Vertragsstatus",
    "contract_date": "Vertragsdatum",
    "contract_review": "Nächste Überprüfung",
    "checklist": "Prüfliste Art. 28 Abs. 3",
    "sub_processors": "Unterauftragnehmer",
    "data_categories": "Datenkategorien",
    "data_subjects": "Betroffene Personen",
    "notes": "Notizen",
    "contract_version": "Vertragsfassung",
    "contract_term": "Laufzeit und Kündigung",
    "contract_end": "Vertragsende",
    "objection_days": "Einspruchsfrist bei neuen Unterauftragnehmern",
    "eu_only": "Verarbeitung nur in der EU/im EWR (Vertragsklausel)",
    "special_categories": "Besondere Kategorien (Art. 9) beim Auftragsverarbeiter",
    "hosting_location": "Ort der Verarbeitung (Hosting)",
    "supplementary_measures": "Zusätzliche Maßnahmen für das Drittland",
    "tia_on": "Transfer-Folgenabschätzung vom",
}
TOM_FIELD_LABELS: dict[str, str] = {
    "title": "Bezeichnung",
    "description": "Beschreibung",
    "protection_goal": "Schutzziel",
    "control_type": "Kontrollart",
    "processor_id": "Auftragsverarbeiter",
    "status": "Stand",
    "due_on": "Umsetzung bis",
    "evidence_kind": "Nachweis",
    "evidence_reference": "Nachweis (Bezeichnung)",
    "evidence_valid_until": "Nachweis gültig bis",
}
