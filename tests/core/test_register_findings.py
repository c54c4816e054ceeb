from __future__ import annotations

from datetime import date

from dpo_desk.core.register.findings import (
    CONSENT_TEMPLATE,
    CONTRACT,
    DSFA,
    MISSING,
    NOT_RELEASED,
    REVIEW,
    THIRD_COUNTRY,
    ActivityFacts,
    ProcessorFacts,
    register_findings,
)
from dpo_desk.core.register.values import (
    DRAFT,
    RELEASED,
    ActivityData,
    DataCategory,
    ProcessorData,
    Recipient,
    SubProcessorData,
    Transfer,
)
from dpo_desk.core.schools import SchoolProfile

TODAY = date(2026, 11, 23)


def good_data(**overrides: object) -> ActivityData:
    values: dict[str, object] = dict(
        name="Schulverwaltung",
        purposes="Verwaltung der Schülerdaten",
        data_subjects=["Schüler"],
        data_categories=[DataCategory("Stammdaten", "5 Jahre nach Abgang")],
        recipients=[Recipient("Sekretariat")],
        legal_bases=["art6_1e"],
        tom_description="TOM-Katalog",
        dsfa="not_required",
        next_review=date(2027, 6, 1),
    )
    values.update(overrides)
    return ActivityData(**values)  # type: ignore[arg-type]


def activity(data: ActivityData, status: str = RELEASED, id: int = 1) -> ActivityFacts:
    return ActivityFacts(id, f"a{id}", status, 1 if status == RELEASED else 0, data)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_clean_register_has_no_findings() -> None:
    signed = ProcessorData(
        name="IT GmbH", contract_status="signed", contract_date=TODAY, contract_review=TODAY
    )
    assert register_findings([activity(good_data())], [ProcessorFacts(1, "p", signed)], TODAY) == []


def test_each_finding_names_entity_and_field() -> None:
    data = good_data(purposes="", dsfa="not_assessed", next_review=date(2026, 1, 1))
    findings = register_findings([activity(data, id=7)], [], TODAY)
    assert {(f.code, f.field) for f in findings} == {
        (MISSING, "purposes"),
        (REVIEW, "next_review"),
        (DSFA, "dsfa"),
    }
    assert all(f.entity_type == "activity" and f.entity_id == 7 for f in findings)
    overdue = next(f for f in findings if f.code == REVIEW)
    assert overdue.message == "„Schulverwaltung“: Überprüfung war am 01.01.2026 fällig."


def test_missing_field_in_a_released_entry_is_an_error_in_a_draft_a_warning() -> None:
    released = register_findings([activity(good_data(recipients=[]))], [], TODAY)
    draft = register_findings([activity(good_data(recipients=[]), DRAFT)], [], TODAY)
    assert [f.severity for f in released] == ["error"]
    assert {f.code: f.severity for f in draft} == {MISSING: "warning", NOT_RELEASED: "info"}


def test_consent_based_without_template_is_found_also_by_legal_basis() -> None:
    flagged = good_data(consent_based=True)
    by_basis = good_data(legal_bases=["art6_1a"])
    linked = good_data(consent_based=True, consent_template_key="fotos-homepage")
    findings = register_findings(
        [activity(flagged, id=1), activity(by_basis, id=2), activity(linked, id=3)], [], TODAY
    )
    assert [(f.code, f.entity_id) for f in findings] == [
        (CONSENT_TEMPLATE, 1),
        (CONSENT_TEMPLATE, 2),
    ]


def test_third_country_without_safeguard_in_activity_and_sub_processor() -> None:
    data = good_data(
        transfers=[Transfer("US", "Videodienst"), Transfer("CH", "Backup", "adequacy")]
    )
    vendor = ProcessorData(
        name="Messenger AG",
        contract_status="signed",
        contract_date=TODAY,
        contract_review=TODAY,
        sub_processors=[
            SubProcessorData("PushCloud Inc.", "US", "Push-Benachrichtigungen", approved_on=TODAY),
            SubProcessorData("Rechenzentrum", "DE", "Hosting", approved_on=TODAY),
        ],
    )
    findings = register_findings([activity(data)], [ProcessorFacts(4, "msg", vendor)], TODAY)
    assert codes(findings) == [THIRD_COUNTRY, THIRD_COUNTRY]
    sub = next(f for f in findings if f.entity_type == "processor")
    assert sub.field == "sub_processors[0].safeguard"
    assert "„PushCloud Inc.“ (Vereinigte Staaten)" in sub.message
    act = next(f for f in findings if f.entity_type == "activity")
    assert act.field == "transfers[0].safeguard"


def test_processor_without_signed_contract_is_an_error_when_a_released_entry_uses_it() -> None:
    requested = ProcessorData(name="Lern GmbH", contract_status="requested")
    used = register_findings([], [ProcessorFacts(1, "l", requested, used_by_released=True)], TODAY)
    unused = register_findings([], [ProcessorFacts(1, "l", requested)], TODAY)
    assert used[0].code == CONTRACT and used[0].severity == "error"
    assert unused[0].severity == "warning"
    assert "(Stand: angefragt)" in used[0].message


def test_processor_contract_review_overdue() -> None:
    data = ProcessorData(
        name="A", contract_status="signed", contract_date=TODAY, contract_review=date(2026, 11, 1)
    )
    findings = register_findings([], [ProcessorFacts(1, "a", data)], TODAY)
    assert [(f.code, f.field) for f in findings] == [(REVIEW, "contract_review")]


def test_school_profile_gaps_are_reported_once_for_the_school() -> None:
    school = SchoolProfile(name="Testschule", dpo_name="", dpo_email="")
    findings = register_findings(
        [activity(good_data(), id=1), activity(good_data(), id=2)], [], TODAY, school, 9
    )
    assert [(f.entity_type, f.entity_id, f.field) for f in findings] == [
        ("school", 9, "dpo_name"),
        ("school", 9, "dpo_email"),
    ]


def test_errors_come_before_warnings_and_hints() -> None:
    findings = register_findings(
        [activity(good_data(name="B", dsfa="not_assessed"), DRAFT, 1)],
        [ProcessorFacts(2, "p", ProcessorData(name="A"), used_by_released=True)],
        TODAY,
    )
    assert [f.severity for f in findings] == ["error", "warning", "info"]
