from __future__ import annotations

from datetime import date

import pytest

from dpo_desk.core.register.rules import (
    activity_problems,
    add_months,
    check_release,
    missing_for_release,
    next_review_after,
    processor_problems,
    review_overdue,
    tom_problems,
)
from dpo_desk.core.register.values import (
    ActivityData,
    ChecklistPoint,
    DataCategory,
    ProcessorData,
    Recipient,
    SubProcessorData,
    TomData,
    Transfer,
    legal_basis_summary,
)
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.core.validation import ValidationError


def complete_activity(**overrides: object) -> ActivityData:
    values: dict[str, object] = dict(
        name="Lernplattform",
        purposes="Bereitstellung von Unterrichtsmaterial",
        data_subjects=["Schülerinnen und Schüler"],
        data_categories=[DataCategory("Name, Klasse", "Ende des Schuljahres nach Abgang")],
        recipients=[Recipient("Lehrkräfte der Klasse")],
        legal_bases=["art6_1e"],
        tom_description="Siehe TOM-Katalog der Schule",
    )
    values.update(overrides)
    return ActivityData(**values)  # type: ignore[arg-type]


def fields_of(problems) -> list[str]:
    return [p.field for p in problems]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 23), 12, date(2027, 11, 23)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_end(start, months, expected) -> None:
    assert add_months(start, months) == expected
    assert next_review_after(start, months) == expected


def test_review_is_overdue_only_after_the_day() -> None:
    assert not review_overdue(date(2026, 5, 1), date(2026, 5, 1))
    assert review_overdue(date(2026, 5, 1), date(2026, 5, 2))
    assert not review_overdue(None, date(2026, 5, 2))


def test_a_complete_entry_can_be_released() -> None:
    assert missing_for_release(complete_activity()) == []
    check_release(complete_activity())


def test_an_empty_draft_lists_every_mandatory_field_in_german() -> None:
    missing = missing_for_release(ActivityData(name="Neu"))
    assert fields_of(missing) == [
        "purposes",
        "legal_basis",
        "data_subjects",
        "data_categories",
        "recipients",
        "toms",
    ]
    assert missing[0].message == "Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b): fehlt."


def test_release_refused_names_the_category_without_erasure_period() -> None:
    data = complete_activity(
        data_categories=[DataCategory("Name", "1 Jahr"), DataCategory("Noten", " ")]
    )
    with pytest.raises(ValidationError) as caught:
        check_release(data)
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == "Freigabe nicht möglich. Es fehlen noch:"
    assert "Löschfrist für „Noten“ (Art. 30 Abs. 1 lit. f): fehlt." in messages
    assert caught.value.problems[1].field == "data_categories[1].erasure_period"


def test_free_text_legal_basis_and_tom_links_count() -> None:
    data = complete_activity(legal_bases=[], legal_basis_text="§ 120 SchulG NRW", tom_ids=[3])
    data.tom_description = ""
    assert missing_for_release(data) == []


def test_third_country_transfer_needs_a_safeguard_before_release() -> None:
    data = complete_activity(transfers=[Transfer("US", "Push-Dienst")])
    assert fields_of(missing_for_release(data)) == ["transfers[0].safeguard"]
    data.transfers[0].safeguard = "scc"
    assert missing_for_release(data) == []


def test_school_profile_without_dpo_blocks_release() -> None:
    school = SchoolProfile(name="Testschule")
    missing = missing_for_release(complete_activity(), school)
    assert fields_of(missing) == ["school.dpo_name", "school.dpo_email"]


def test_saving_needs_only_a_name_and_valid_choices() -> None:
    assert activity_problems(ActivityData(name="Entwurf")) == []
    problems = activity_problems(ActivityData(name=" ", dsfa="vielleicht", legal_bases=["x"]))
    assert fields_of(problems) == ["name", "legal_basis", "dsfa"]
    assert problems[0].message == "Bezeichnung: Bitte ausfüllen."


def test_transfer_to_an_eu_country_or_unknown_code_is_rejected() -> None:
    problems = activity_problems(
        ActivityData(name="X", transfers=[Transfer("FR"), Transfer("XX"), Transfer("US", "", "z")])
    )
    messages = [p.message for p in problems]
    assert "Frankreich liegt in der EU/im EWR" in messages[0]
    assert "Land „XX“ ist unbekannt" in messages[1]
    assert messages[2] == "Drittlandübermittlung 3: Garantie „z“ ist unbekannt."


def test_review_interval_is_bounded() -> None:
    problems = activity_problems(ActivityData(name="X", review_interval_months=0))
    assert problems[0].message == "Prüfintervall: Bitte 1 bis 60 Monate angeben (nicht 0)."


def test_processor_rules() -> None:
    assert processor_problems(ProcessorData(name="Lern GmbH")) == []
    data = ProcessorData(
        name="",
        country="QQ",
        contact_email="kein-mail",
        contract_status="signed",
        checklist={"z": ChecklistPoint()},
        sub_processors=[SubProcessorData("", "US")],
    )
    assert fields_of(processor_problems(data)) == [
        "name",
        "country",
        "contact_email",
        "contract_date",
        "checklist",
        "sub_processors[0].name",
    ]


def test_tom_rules() -> None:
    assert tom_problems(TomData("Schließanlage", "", "confidentiality", "physical_access")) == []
    problems = tom_problems(TomData("", "", "secrecy", "magic"))
    assert fields_of(problems) == ["title", "protection_goal", "control_type"]


def test_legal_basis_summary_joins_list_and_free_text() -> None:
    assert (
        legal_basis_summary(["art6_1e"], " § 120 SchulG NRW ")
        == "Art. 6 Abs. 1 lit. e DSGVO (öffentliche Aufgabe); § 120 SchulG NRW"
    )
