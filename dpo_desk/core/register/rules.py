"""Rules for entries of the register, processors and measures: what may be saved, what
must be there before a release (Art. 30(1) a–g), and when a review is due."""

from __future__ import annotations

import calendar
from datetime import date

from dpo_desk.core.register.countries import country_name, is_known_country, is_third_country
from dpo_desk.core.register.values import (
    ART28_POINTS,
    CONTRACT_STATUSES,
    CONTROL_TYPES,
    DSFA_LABELS,
    EVIDENCE_KINDS,
    LEGAL_BASES,
    PROTECTION_GOALS,
    SAFEGUARDS,
    TOM_STATUSES,
    ActivityData,
    ProcessorData,
    TomData,
)
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.core.validation import Problem, ValidationError, check_email, require

ACTIVITY_LABELS: dict[str, str] = {
    "name": "Bezeichnung",
    "purposes": "Zwecke der Verarbeitung",
    "data_subjects": "Kategorien betroffener Personen",
    "data_categories": "Kategorien personenbezogener Daten",
    "erasure_period": "Löschfrist",
    "recipients": "Empfänger",
    "transfers": "Drittlandübermittlung",
    "legal_basis": "Rechtsgrundlage",
    "toms": "Technische und organisatorische Maßnahmen",
    "dsfa": "DSFA",
    "review_interval_months": "Prüfintervall",
    "consent_template_key": "Einwilligungsvorlage",
}
MAX_REVIEW_MONTHS = 60


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_review_after(reviewed_on: date, interval_months: int) -> date:
    return add_months(reviewed_on, interval_months)


def review_overdue(next_review: date | None, today: date) -> bool:
    return next_review is not None and next_review < today


def _too_long(problems: list[Problem], field: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.append(Problem(field, f"{label}: höchstens {limit} Zeichen (jetzt {len(value)})."))


def _check_safeguard(problems: list[Problem], field: str, label: str, code: str) -> None:
    if code and code not in SAFEGUARDS:
        problems.append(Problem(field, f"{label}: Garantie „{code}“ ist unbekannt."))


def activity_problems(data: ActivityData) -> list[Problem]:
    """What stops an entry from being saved at all (also as a draft)."""
    problems: list[Problem] = []
    require(problems, "name", ACTIVITY_LABELS["name"], data.name)
    _too_long(problems, "name", ACTIVITY_LABELS["name"], data.name.strip(), 200)
    for code in data.legal_bases:
        if code not in LEGAL_BASES:
            problems.append(Problem("legal_basis", f"Rechtsgrundlage: „{code}“ ist unbekannt."))
    if data.dsfa not in DSFA_LABELS:
        problems.append(Problem("dsfa", f"DSFA: „{data.dsfa}“ ist keine gültige Angabe."))
    if not 1 <= data.review_interval_months <= MAX_REVIEW_MONTHS:
        problems.append(
            Problem(
                "review_interval_months",
                f"Prüfintervall: Bitte 1 bis {MAX_REVIEW_MONTHS} Monate angeben "
                f"(nicht {data.review_interval_months}).",
            )
        )
    for i, category in enumerate(data.data_categories, start=1):
        if not category.name.strip():
            problems.append(
                Problem(
                    f"data_categories[{i - 1}].name",
                    f"Datenkategorie {i}: Bitte eine Bezeichnung eingeben.",
                )
            )
    for i, recipient in enumerate(data.recipients, start=1):
        if not recipient.name.strip():
            problems.append(
                Problem(f"recipients[{i - 1}].name", f"Empfänger {i}: Bitte einen Namen eingeben.")
            )
    for i, transfer in enumerate(data.transfers, start=1):
        field = f"transfers[{i - 1}]"
        label = f"Drittlandübermittlung {i}"
        if not is_known_country(transfer.country):
            problems.append(
                Problem(
                    f"{field}.country",
                    f"{label}: Land „{transfer.country}“ ist unbekannt (zweistelliger Code, "
                    "z. B. US).",
                )
            )
        elif not is_third_country(transfer.country):
            problems.append(
                Problem(
                    f"{field}.country",
                    f"{label}: {country_name(transfer.country)} liegt in der EU/im EWR; "
                    "das ist keine Drittlandübermittlung.",
                )
            )
        _check_safeguard(problems, f"{field}.safeguard", label, transfer.safeguard)
    for i, system in enumerate(data.systems, start=1):
        _too_long(problems, f"systems[{i - 1}]", f"System/Modul {i}", system, 200)
    return problems


def validate_activity(data: ActivityData) -> None:
    problems = activity_problems(data)
    if problems:
        raise ValidationError(problems)


def missing_for_release(data: ActivityData, school: SchoolProfile | None = None) -> list[Problem]:
    """The mandatory content of Art. 30(1) that is still missing, in German."""
    missing: list[Problem] = []

    def need(field: str, what: str) -> None:
        missing.append(Problem(field, f"{what}: fehlt."))

    if school is not None:
        if not school.name.strip():
            need("school.name", "Verantwortlicher (Art. 30 Abs. 1 lit. a): Name der Schule")
        if not school.dpo_name.strip():
            need("school.dpo_name", "Datenschutzbeauftragte/r (Art. 30 Abs. 1 lit. a): Name")
        if not (school.dpo_email.strip() or school.dpo_phone.strip()):
            need(
                "school.dpo_email",
                "Datenschutzbeauftragte/r (Art. 30 Abs. 1 lit. a): Kontakt (E-Mail oder Telefon)",
            )
    if not data.purposes.strip():
        need("purposes", "Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b)")
    if not data.legal_bases and not data.legal_basis_text.strip():
        need("legal_basis", "Rechtsgrundlage")
    if not [s for s in data.data_subjects if s.strip()]:
        need("data_subjects", "Kategorien betroffener Personen (Art. 30 Abs. 1 lit. c)")
    if not data.data_categories:
        need("data_categories", "Kategorien personenbezogener Daten (Art. 30 Abs. 1 lit. c)")
    for i, category in enumerate(data.data_categories):
        if not category.erasure_period.strip():
            need(
                f"data_categories[{i}].erasure_period",
                f"Löschfrist für „{category.name}“ (Art. 30 Abs. 1 lit. f)",
            )
    if not data.recipients:
        need("recipients", "Empfänger (Art. 30 Abs. 1 lit. d)")
    for i, transfer in enumerate(data.transfers):
        if not transfer.safeguard:
            need(
                f"transfers[{i}].safeguard",
                f"Garantie für die Übermittlung nach {country_name(transfer.country)} "
                "(Art. 30 Abs. 1 lit. e)",
            )
    if not data.tom_ids and not data.tom_description.strip():
        need("toms", "Technische und organisatorische Maßnahmen (Art. 30 Abs. 1 lit. g)")
    if data.automated_decision and not data.automated_decision_logic.strip():
        need(
            "automated_decision_logic",
            "Automatisierte Entscheidung (Art. 22): Angaben zur Logik und Tragweite",
        )
    return missing


def check_release(data: ActivityData, school: SchoolProfile | None = None) -> None:
    """Raise ValidationError naming every missing mandatory field, else return."""
    missing = missing_for_release(data, school)
    if missing:
        head = Problem("status", "Freigabe nicht möglich. Es fehlen noch:")
        raise ValidationError([head, *missing])


def processor_problems(data: ProcessorData) -> list[Problem]:
    problems: list[Problem] = []
    require(problems, "name", "Firma", data.name)
    _too_long(problems, "name", "Firma", data.name.strip(), 200)
    if not is_known_country(data.country):
        problems.append(Problem("country", f"Land: „{data.country}“ ist unbekannt."))
    _check_safeguard(problems, "safeguard", "Sitz des Auftragsverarbeiters", data.safeguard)
    check_email(problems, "contact_email", "E-Mail des Ansprechpartners", data.contact_email)
    check_email(problems, "dpo_email", "E-Mail des Datenschutzbeauftragten", data.dpo_email)
    if data.contract_status not in CONTRACT_STATUSES:
        problems.append(
            Problem("contract_status", f"Vertragsstatus: „{data.contract_status}“ ist unbekannt.")
        )
    if data.contract_status == "signed" and data.contract_date is None:
        problems.append(
            Problem(
                "contract_date",
                "Vertragsdatum: Bei einem unterschriebenen Vertrag bitte das Datum angeben.",
            )
        )
    if data.objection_days is not None and not 0 <= data.objection_days <= 365:
        problems.append(
            Problem(
                "objection_days",
                "Einspruchsfrist bei neuen Unterauftragnehmern: 0 bis 365 Tage "
                f"(nicht {data.objection_days}).",
            )
        )
    if data.contract_end and data.contract_date and data.contract_end < data.contract_date:
        problems.append(
            Problem("contract_end", "Vertragsende: liegt vor dem Vertragsdatum. Bitte prüfen.")
        )
    _too_long(problems, "contract_version", "Vertragsfassung", data.contract_version, 100)
    for point in data.checklist:
        if point not in ART28_POINTS:
            problems.append(
                Problem("checklist", f"Prüfliste Art. 28 Abs. 3: Punkt „{point}“ gibt es nicht.")
            )
    for i, sub in enumerate(data.sub_processors, start=1):
        field, label = f"sub_processors[{i - 1}]", f"Unterauftragnehmer {i}"
        if not sub.name.strip():
            problems.append(Problem(f"{field}.name", f"{label}: Bitte den Namen eingeben."))
        if not is_known_country(sub.country):
            problems.append(
                Problem(f"{field}.country", f"{label}: Land „{sub.country}“ ist unbekannt.")
            )
        _check_safeguard(problems, f"{field}.safeguard", label, sub.safeguard)
    return problems


def validate_processor(data: ProcessorData) -> None:
    problems = processor_problems(data)
    if problems:
        raise ValidationError(problems)


def tom_problems(data: TomData) -> list[Problem]:
    problems: list[Problem] = []
    require(problems, "title", "Maßnahme", data.title)
    _too_long(problems, "title", "Maßnahme", data.title.strip(), 300)
    if data.protection_goal not in PROTECTION_GOALS:
        problems.append(
            Problem("protection_goal", "Schutzziel: Bitte eines der sieben Schutzziele wählen.")
        )
    if data.control_type and data.control_type not in CONTROL_TYPES:
        problems.append(
            Problem("control_type", f"Kontrollart: „{data.control_type}“ ist unbekannt.")
        )
    if data.status not in TOM_STATUSES:
        problems.append(Problem("status", f"Stand: „{data.status}“ ist unbekannt."))
    if data.evidence_kind and data.evidence_kind not in EVIDENCE_KINDS:
        problems.append(
            Problem("evidence_kind", f"Nachweis: „{data.evidence_kind}“ ist unbekannt.")
        )
    if data.evidence_valid_until and not data.evidence_kind:
        problems.append(
            Problem("evidence_kind", "Nachweis: Bitte angeben, wofür das Gültigkeitsdatum gilt.")
        )
    _too_long(problems, "evidence_reference", "Nachweis", data.evidence_reference, 300)
    return problems


def validate_tom(data: TomData) -> None:
    problems = tom_problems(data)
    if problems:
        raise ValidationError(problems)
