"""The findings of a whole school register, read from the database."""

from __future__ import annotations

from datetime import date

from dpo_desk.core.register.values import ActivityData, ProcessorData, SubProcessorData
from dpo_desk.services.register import activities, processors
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.findings import school_findings
from dpo_desk.services.register.lifecycle import release_activity


def test_an_empty_register_is_a_finding_not_complete(ctx, school_id) -> None:
    findings = school_findings(ctx, school_id)
    assert [(f.code, f.severity, f.entity_type) for f in findings] == [
        ("register_empty", "error", "register")
    ]
    assert "Das Verzeichnis ist leer" in findings[0].message


def test_findings_name_the_place_to_fix(ctx, school_id) -> None:
    vendor = processors.create_processor(
        ctx,
        school_id,
        ProcessorData(
            name="Messenger AG",
            contract_status="requested",
            sub_processors=[SubProcessorData("Push Inc.", "US", "Push-Benachrichtigungen")],
        ),
    )
    draft = activities.create_activity(
        ctx,
        school_id,
        ActivityData(name="Schul-Messenger", consent_based=True, processor_ids=[vendor.id]),
    )
    findings = school_findings(ctx, school_id, today=date(2026, 11, 23))
    places = {(f.code, f.entity_type, f.entity_id, f.field) for f in findings}
    assert ("contract_not_signed", "processor", vendor.id, "contract_status") in places
    assert (
        "third_country_without_safeguard",
        "processor",
        vendor.id,
        "sub_processors[0].safeguard",
    ) in places
    assert ("consent_without_template", "activity", draft.id, "consent_template_key") in places
    assert ("missing_field", "activity", draft.id, "purposes") in places
    assert ("dsfa_not_assessed", "activity", draft.id, "dsfa") in places


def test_released_entry_past_its_review_date_is_overdue(ctx, school_id) -> None:
    entry = add_from_catalogue(ctx, school_id, "schulverwaltung")
    data = entry.data
    data.dsfa = "not_required"
    activities.update_activity(ctx, entry.id, data)
    release_activity(ctx, entry.id, today=date(2025, 1, 10))
    assert school_findings(ctx, school_id, today=date(2025, 6, 1)) == []
    (overdue,) = school_findings(ctx, school_id, today=date(2026, 1, 11))
    assert overdue.code == "review_overdue"
    assert overdue.message.endswith("Überprüfung war am 10.01.2026 fällig.")


def test_consent_template_link_is_checked_against_the_schools_templates(ctx, school_id) -> None:
    import pytest

    from dpo_desk.core.validation import ValidationError
    from dpo_desk.services.consent import template_edit as consent_templates
    from dpo_desk.services.consent.template_lifecycle import delete_template

    with pytest.raises(ValidationError) as caught:
        activities.create_activity(
            ctx, school_id, ActivityData(name="Video", consent_template_key="gibtsnicht")
        )
    assert caught.value.problems[0].message == (
        "Einwilligungsvorlage: „gibtsnicht“ gibt es an dieser Schule nicht."
    )
    template = consent_templates.copy_from_catalogue(ctx, school_id, "videokonferenzen")
    entry = activities.create_activity(
        ctx,
        school_id,
        ActivityData(name="Video", consent_based=True, consent_template_key=" Videokonferenzen "),
    )
    assert entry.data.consent_template_key == "videokonferenzen"
    codes = {f.code for f in school_findings(ctx, school_id)}
    assert "consent_without_template" not in codes
    delete_template(ctx, template.id)
    (gone,) = [f for f in school_findings(ctx, school_id) if f.code == "consent_without_template"]
    assert gone.message == (
        "„Video“ verweist auf die Einwilligungsvorlage „videokonferenzen“, die es nicht mehr gibt."
    )
    assert gone.field == "consent_template_key"
