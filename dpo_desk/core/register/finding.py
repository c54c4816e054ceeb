"""What a check ("Prüfung") reports and the plain facts the checks read.

Each finding names the place to fix it (entity type, id, field) so that the window can open
that form and the command line can print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dpo_desk.core.places import Target
from dpo_desk.core.register.values import ActivityData, ProcessorData

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_LABELS = {ERROR: "Fehler", WARNING: "Warnung", INFO: "Hinweis"}
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

MISSING = "missing_field"
CONSENT_TEMPLATE = "consent_without_template"
CONTRACT = "contract_not_signed"
CONTRACT_FILE = "contract_file_missing"
CONTRACT_REVIEW = "contract_review_missing"
CONTRACT_ENDED = "contract_ended"
THIRD_COUNTRY = "third_country_without_safeguard"
TIA = "transfer_assessment_missing"
EU_ONLY = "eu_only_contradicted"
SUB_APPROVAL = "sub_processor_not_approved"
REVIEW = "review_overdue"
DSFA = "dsfa_not_assessed"
DSFA_MISSING = "dsfa_missing"
DSFA_OPEN = "dsfa_not_signed_off"
ART9 = "art9_without_basis"
ART9_PROCESSOR = "art9_at_processor"
UNUSED = "processor_unused"
EVIDENCE = "evidence_expired"
PLANNED = "measure_overdue"
NOT_RELEASED = "not_released"
EMPTY = "register_empty"
NEVER_REVIEWED = "register_never_released"
RETENTION = "retention_over"

CODE_LABELS = {
    MISSING: "Pflichtangabe fehlt",
    CONSENT_TEMPLATE: "Einwilligung ohne Vorlage",
    CONTRACT: "Kein unterschriebener AV-Vertrag",
    CONTRACT_FILE: "Vertragsdatei fehlt",
    CONTRACT_REVIEW: "Keine Vertragsprüfung geplant",
    CONTRACT_ENDED: "AV-Vertrag abgelaufen",
    THIRD_COUNTRY: "Drittland ohne Garantie",
    TIA: "Transfer-Folgenabschätzung fehlt",
    EU_ONLY: "„Nur EU/EWR“ widersprochen",
    SUB_APPROVAL: "Unterauftragnehmer nicht genehmigt",
    REVIEW: "Überprüfung überfällig",
    DSFA: "DSFA nicht geprüft",
    DSFA_MISSING: "DSFA fehlt",
    DSFA_OPEN: "DSFA nicht abgeschlossen",
    ART9: "Art. 9 ohne Ausnahme nach Abs. 2",
    ART9_PROCESSOR: "Art.-9-Daten beim Auftragsverarbeiter",
    UNUSED: "Auftragsverarbeiter ohne Eintrag",
    EVIDENCE: "Nachweis abgelaufen",
    PLANNED: "Geplante Maßnahme überfällig",
    NOT_RELEASED: "Nicht freigegeben",
    EMPTY: "Verzeichnis leer",
    NEVER_REVIEWED: "Verzeichnis nie freigegeben",
    RETENTION: "Aufbewahrung abgelaufen",
}

DSFA_NONE = "none"
DSFA_DRAFT = "draft"
DSFA_SIGNED = "signed_off"


FINDING_PAGES = {
    "activity": "registerPage",
    "processor": "registerPage",
    "register": "registerPage",
    "tom": "processorsPage",
    "dsfa": "dsfaPage",
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    entity_type: str  # "activity", "processor", "tom", "dsfa" (an activity's), "school", "register"
    entity_id: int
    entity_key: str
    entity_name: str
    field: str
    message: str

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def target(self) -> Target:
        """Where the finding is fixed: entries and processors in their form at the field
        (opened from the register's checks), a measure on its page, an entry's DSFA on the
        DSFA page, the school's details in the settings."""
        page = FINDING_PAGES.get(self.entity_type, "settingsPage")
        return Target(page, self.entity_type, self.entity_id, self.entity_key, self.field)


@dataclass(frozen=True)
class LinkedProcessor:
    id: int
    name: str
    special_categories: bool = False


@dataclass(frozen=True)
class ActivityFacts:
    id: int
    key: str
    status: str
    released_version: int
    data: ActivityData
    dsfa_state: str = DSFA_NONE
    processors: tuple[LinkedProcessor, ...] = ()
    archived_on: date | None = None
    retain_until: date | None = None


@dataclass(frozen=True)
class ProcessorFacts:
    id: int
    key: str
    data: ProcessorData
    used_by_released: bool = False
    used_by_any: bool = True
    has_contract_file: bool = True


@dataclass(frozen=True)
class TomFacts:
    id: int
    title: str
    owner: str
    status: str
    due_on: date | None = None
    evidence_label: str = ""
    evidence_valid_until: date | None = None


@dataclass
class RegisterFacts:
    activities: list[ActivityFacts] = field(default_factory=list)
    processors: list[ProcessorFacts] = field(default_factory=list)
    toms: list[TomFacts] = field(default_factory=list)
