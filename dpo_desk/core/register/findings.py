"""The checks ("Prüfungen") across a school's register: what is missing or overdue.

Each finding names the place to fix it (entity type, id, field) so that the window can open
that form and the command line can print it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dpo_desk.core.register.countries import country_name, is_third_country
from dpo_desk.core.register.rules import missing_for_release, review_overdue
from dpo_desk.core.register.values import (
    CONSENT_BASES,
    CONTRACT_STATUSES,
    DRAFT,
    DSFA_NOT_ASSESSED,
    ActivityData,
    ProcessorData,
)
from dpo_desk.core.schools import SchoolProfile

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_LABELS = {ERROR: "Fehler", WARNING: "Warnung", INFO: "Hinweis"}
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}

MISSING = "missing_field"
CONSENT_TEMPLATE = "consent_without_template"
CONTRACT = "contract_not_signed"
THIRD_COUNTRY = "third_country_without_safeguard"
REVIEW = "review_overdue"
DSFA = "dsfa_not_assessed"
NOT_RELEASED = "not_released"

CODE_LABELS = {
    MISSING: "Pflichtangabe fehlt",
    CONSENT_TEMPLATE: "Einwilligung ohne Vorlage",
    CONTRACT: "Kein unterschriebener AV-Vertrag",
    THIRD_COUNTRY: "Drittland ohne Garantie",
    REVIEW: "Überprüfung überfällig",
    DSFA: "DSFA nicht geprüft",
    NOT_RELEASED: "Nicht freigegeben",
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    entity_type: str  # "activity", "processor" or "school"
    entity_id: int
    entity_key: str
    entity_name: str
    field: str
    message: str

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


@dataclass(frozen=True)
class ActivityFacts:
    id: int
    key: str
    status: str
    released_version: int
    data: ActivityData


@dataclass(frozen=True)
class ProcessorFacts:
    id: int
    key: str
    data: ProcessorData
    used_by_released: bool = False


def _activity_findings(
    a: ActivityFacts, today: date, template_keys: set[str] | None
) -> Iterable[Finding]:
    d = a.data

    def finding(code: str, severity: str, field: str, message: str) -> Finding:
        return Finding(code, severity, "activity", a.id, a.key, d.name, field, message)

    if a.status == DRAFT:
        if a.released_version:
            text = (
                "Die Änderung ist noch nicht freigegeben "
                f"(gültig ist Version {a.released_version})."
            )
        else:
            text = "Der Eintrag ist ein Entwurf und steht noch nicht im gedruckten Verzeichnis."
        yield finding(NOT_RELEASED, INFO, "status", f"„{d.name}“: {text}")
    severity = WARNING if a.status == DRAFT else ERROR
    for problem in missing_for_release(d):
        if problem.field.startswith("transfers["):
            continue  # reported below as a third-country finding
        yield finding(MISSING, severity, problem.field, f"„{d.name}“: {problem.message}")
    if (d.consent_based or CONSENT_BASES.intersection(d.legal_bases)) and not (
        d.consent_template_key.strip()
    ):
        yield finding(
            CONSENT_TEMPLATE,
            severity,
            "consent_template_key",
            f"„{d.name}“ beruht auf Einwilligung, aber keine Einwilligungsvorlage ist verknüpft.",
        )
    key = d.consent_template_key.strip()
    if key and template_keys is not None and key not in template_keys:
        yield finding(
            CONSENT_TEMPLATE,
            ERROR,
            "consent_template_key",
            f"„{d.name}“ verweist auf die Einwilligungsvorlage „{key}“, die es nicht mehr gibt.",
        )
    for i, transfer in enumerate(d.transfers):
        if is_third_country(transfer.country) and not transfer.safeguard:
            who = f" an {transfer.recipient}" if transfer.recipient.strip() else ""
            yield finding(
                THIRD_COUNTRY,
                ERROR,
                f"transfers[{i}].safeguard",
                f"„{d.name}“: Übermittlung nach {country_name(transfer.country)}{who} "
                "ohne dokumentierte Garantie.",
            )
    if review_overdue(d.next_review, today):
        yield finding(
            REVIEW,
            WARNING,
            "next_review",
            f"„{d.name}“: Überprüfung war am {d.next_review:%d.%m.%Y} fällig.",
        )
    if d.dsfa == DSFA_NOT_ASSESSED:
        yield finding(
            DSFA,
            WARNING,
            "dsfa",
            f"„{d.name}“: Ob eine DSFA nötig ist, ist noch nicht geprüft.",
        )


def _processor_findings(p: ProcessorFacts, today: date) -> Iterable[Finding]:
    d = p.data

    def finding(code: str, severity: str, field: str, message: str) -> Finding:
        return Finding(code, severity, "processor", p.id, p.key, d.name, field, message)

    if d.contract_status != "signed":
        status = CONTRACT_STATUSES.get(d.contract_status, d.contract_status)
        yield finding(
            CONTRACT,
            ERROR if p.used_by_released else WARNING,
            "contract_status",
            f"Auftragsverarbeiter „{d.name}“: kein unterschriebener AV-Vertrag (Stand: {status}).",
        )
    if is_third_country(d.country) and not d.safeguard:
        yield finding(
            THIRD_COUNTRY,
            ERROR,
            "safeguard",
            f"Auftragsverarbeiter „{d.name}“ sitzt in {country_name(d.country)}; "
            "keine Garantie dokumentiert.",
        )
    for i, sub in enumerate(d.sub_processors):
        if is_third_country(sub.country) and not sub.safeguard:
            yield finding(
                THIRD_COUNTRY,
                ERROR,
                f"sub_processors[{i}].safeguard",
                f"Auftragsverarbeiter „{d.name}“: Unterauftragnehmer „{sub.name}“ "
                f"({country_name(sub.country)}) ohne dokumentierte Garantie.",
            )
    if review_overdue(d.contract_review, today):
        yield finding(
            REVIEW,
            WARNING,
            "contract_review",
            f"Auftragsverarbeiter „{d.name}“: Überprüfung des Vertrags war am "
            f"{d.contract_review:%d.%m.%Y} fällig.",
        )


def _school_findings(school: SchoolProfile, school_id: int) -> Iterable[Finding]:
    for problem in missing_for_release(ActivityData(), school):
        if problem.field.startswith("school."):
            yield Finding(
                MISSING,
                ERROR,
                "school",
                school_id,
                str(school_id),
                school.name,
                problem.field.removeprefix("school."),
                f"Schulprofil: {problem.message}",
            )


def register_findings(
    activities: Iterable[ActivityFacts],
    processors: Iterable[ProcessorFacts],
    today: date,
    school: SchoolProfile | None = None,
    school_id: int | None = None,
    consent_template_keys: set[str] | None = None,
) -> list[Finding]:
    """All findings, most serious first, then by entity name. With
    ``consent_template_keys`` a link to a template that no longer exists is found too."""
    findings: list[Finding] = []
    if school is not None and school_id is not None:
        findings += _school_findings(school, school_id)
    for activity in activities:
        findings += _activity_findings(activity, today, consent_template_keys)
    for processor in processors:
        findings += _processor_findings(processor, today)
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.entity_name.lower(), f.code))
    return findings
