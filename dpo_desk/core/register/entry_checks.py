"""Checks of the register entries and of the register as a whole (Art. 30, Art. 9, DSFA).

An empty register, or one of which nothing was ever released, is a finding of its own: it is
never "vollständig und aktuell". Archived entries are out of the checks except for the end
of their retention.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dpo_desk.core.register.countries import country_to, is_third_country
from dpo_desk.core.register.finding import (
    ART9,
    ART9_PROCESSOR,
    CONSENT_TEMPLATE,
    DSFA,
    DSFA_DRAFT,
    DSFA_MISSING,
    DSFA_NONE,
    DSFA_OPEN,
    EMPTY,
    ERROR,
    INFO,
    MISSING,
    NEVER_REVIEWED,
    NOT_RELEASED,
    RETENTION,
    REVIEW,
    THIRD_COUNTRY,
    WARNING,
    ActivityFacts,
    Finding,
)
from dpo_desk.core.register.rules import missing_for_release, review_overdue
from dpo_desk.core.register.values import (
    CONSENT_BASES,
    DRAFT,
    DSFA_NOT_ASSESSED,
    DSFA_REQUIRED,
    ActivityData,
    has_art9_basis,
)
from dpo_desk.core.schools import SchoolProfile


def activity_findings(
    a: ActivityFacts, today: date, template_keys: set[str] | None
) -> Iterable[Finding]:
    d = a.data

    def finding(code: str, severity: str, field: str, message: str, kind: str = "activity"):
        return Finding(code, severity, kind, a.id, a.key, d.name, field, message)

    if a.archived_on is not None:
        if a.retain_until is not None and a.retain_until < today:
            yield finding(
                RETENTION,
                INFO,
                "archived",
                f"„{d.name}“ (archiviert): Die Aufbewahrung endete am {a.retain_until:%d.%m.%Y}; "
                "der Eintrag kann gelöscht werden.",
            )
        return
    if a.status == DRAFT:
        if a.released_version:
            text = (
                "Die Änderung ist noch nicht freigegeben "
                f"(gültig ist Version {a.released_version})."
            )
        else:
            text = "Der Eintrag ist ein Entwurf und steht noch nicht im gedruckten Verzeichnis."
        yield finding(NOT_RELEASED, INFO, "status", f"„{d.name}“: {text}")
    severity = ERROR if a.released_version else WARNING
    for problem in missing_for_release(d):
        if problem.field.startswith("transfers["):
            continue  # reported below as a third-country finding
        yield finding(MISSING, severity, problem.field, f"„{d.name}“: {problem.message}")
    if d.special_categories and not has_art9_basis(d.legal_bases):
        yield finding(
            ART9,
            severity,
            "legal_basis",
            f"„{d.name}“ verarbeitet besondere Kategorien (Art. 9 DSGVO), nennt aber keine "
            "Ausnahme nach Art. 9 Abs. 2 (z. B. lit. a ausdrückliche Einwilligung oder lit. g "
            "erhebliches öffentliches Interesse).",
        )
    for processor in a.processors:
        if processor.special_categories and not d.special_categories:
            yield finding(
                ART9_PROCESSOR,
                WARNING,
                "special_categories",
                f"„{d.name}“: Der Auftragsverarbeiter „{processor.name}“ verarbeitet laut Vertrag "
                "besondere Kategorien (Art. 9), der Eintrag kennzeichnet aber keine.",
            )
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
                f"„{d.name}“: Übermittlung {country_to(transfer.country)}{who} "
                "ohne dokumentierte Garantie.",
            )
    if review_overdue(d.next_review, today):
        yield finding(
            REVIEW,
            WARNING,
            "next_review",
            f"„{d.name}“: Überprüfung war am {d.next_review:%d.%m.%Y} fällig.",
        )
    yield from _dsfa_findings(a, finding, severity)


def _dsfa_findings(a: ActivityFacts, finding, severity: str) -> Iterable[Finding]:
    d = a.data
    if d.dsfa == DSFA_NOT_ASSESSED:
        yield finding(
            DSFA, WARNING, "dsfa", f"„{d.name}“: Ob eine DSFA nötig ist, ist noch nicht geprüft."
        )
    elif d.dsfa == DSFA_REQUIRED and a.dsfa_state == DSFA_NONE:
        yield finding(
            DSFA_MISSING,
            severity,
            "create",
            f"„{d.name}“: Eine DSFA ist erforderlich, aber es gibt noch keine Folgenabschätzung.",
            "dsfa",
        )
    elif d.dsfa == DSFA_REQUIRED and a.dsfa_state == DSFA_DRAFT:
        yield finding(
            DSFA_OPEN,
            WARNING,
            "sign_off",
            f"„{d.name}“: Die erforderliche Folgenabschätzung ist noch nicht abgeschlossen.",
            "dsfa",
        )


def register_level_findings(activities: list[ActivityFacts], school_id: int) -> Iterable[Finding]:
    active = [a for a in activities if a.archived_on is None]
    if not active:
        yield Finding(
            EMPTY,
            ERROR,
            "register",
            school_id,
            str(school_id),
            "Verzeichnis",
            "new",
            "Das Verzeichnis ist leer: Es ist keine Verarbeitungstätigkeit erfasst. Jede Schule "
            "verarbeitet personenbezogene Daten (mindestens die Schulverwaltung).",
        )
    elif not any(a.released_version for a in active):
        yield Finding(
            NEVER_REVIEWED,
            ERROR,
            "register",
            school_id,
            str(school_id),
            "Verzeichnis",
            "release",
            "Das Verzeichnis wurde noch nie freigegeben: Kein Eintrag ist geprüft und "
            "freigegeben, gedruckt würde ein leeres Verzeichnis.",
        )


def school_findings(school: SchoolProfile, school_id: int) -> Iterable[Finding]:
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
