"""Impact assessments through the services, on a real database file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from dpo_desk.core.dsfa.risk import HIGH, MEDIUM, RiskMatrix
from dpo_desk.core.dsfa.rules import APPROVED, ScenarioData
from dpo_desk.core.dsfa.threshold import NOT_REQUIRED, REQUIRED, ThresholdAnswers
from dpo_desk.core.register.values import TomData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.dsfa.matrix import MatrixNeedsConfirmation, get_matrix, set_matrix
from dpo_desk.services.register import toms
from dpo_desk.services.register.activities import get_activity
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.lifecycle import release_activity
from dpo_desk.store.models import AuditEvent

DAY = date(2026, 9, 1)


@pytest.fixture
def platform(ctx, school_id) -> int:
    toms.add_starter_set(ctx, school_id)
    return add_from_catalogue(ctx, school_id, "lernplattform").id


def audit_actions(ctx, entity_type: str) -> list[str]:
    with ctx.reading() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity_type == entity_type)
                .order_by(AuditEvent.id)
            )
        )


def rate(ctx, scenario_id: int, before: tuple[int, int], after: tuple[int, int]) -> None:
    detail = next(
        s
        for a in dsfa.list_assessments(ctx, _school(ctx, scenario_id))
        for s in dsfa.get_assessment(ctx, a.id).scenarios
        if s.id == scenario_id
    )
    data = replace(
        detail.data,
        inherent_likelihood=before[0],
        inherent_severity=before[1],
        residual_likelihood=after[0],
        residual_severity=after[1],
    )
    scenarios.update_scenario(ctx, scenario_id, data)


def _school(ctx, scenario_id: int) -> int:
    from dpo_desk.store.models import DsfaScenario

    with ctx.reading() as session:
        return session.get(DsfaScenario, scenario_id).school_id


def ready_assessment(ctx, activity_id: int) -> int:
    """A draft with two rated scenarios, opinion and decision: ready to sign off."""
    created = dsfa.create_assessment(ctx, activity_id)
    first = scenarios.add_from_catalogue(ctx, created.id, "identitaetsdiebstahl").id
    second = scenarios.add_from_catalogue(ctx, created.id, "profilbildung").id
    rate(ctx, first, (3, 3), (2, 2))
    rate(ctx, second, (3, 4), (2, 4))
    dsfa.update_assessment(
        ctx,
        created.id,
        replace(
            created.data,
            necessity="Ohne Plattform kein Distanzunterricht.",
            dpo_opinion="Nach den Maßnahmen vertretbar.",
            head_decision=APPROVED,
        ),
    )
    return created.id


def test_threshold_analysis_sets_the_register_entry_and_is_audited(ctx, platform) -> None:
    release_activity(ctx, platform)
    result = dsfa.record_threshold(
        ctx, platform, ThresholdAnswers({"vulnerable", "scoring", "combining"}), today=DAY
    )
    assert result.conclusion == REQUIRED
    entry = get_activity(ctx, platform)
    assert entry.data.dsfa == "required"
    assert entry.data.dsfa_result.startswith("Schwellwertanalyse vom 01.09.2026: DSFA erforderlich")
    assert entry.status == "draft" and entry.released_version == 1
    stored = dsfa.get_threshold(ctx, platform)
    assert stored.answers.indicators == {"vulnerable", "scoring", "combining"}
    assert stored.assessed_on == DAY
    assert audit_actions(ctx, "dsfa_threshold") == ["create"]
    assert audit_actions(ctx, "activity")[-1] == "update"


def test_a_deviating_conclusion_without_reason_writes_nothing(ctx, platform) -> None:
    with pytest.raises(ValidationError):
        dsfa.record_threshold(
            ctx, platform, ThresholdAnswers({"vulnerable", "scoring"}), NOT_REQUIRED
        )
    assert dsfa.get_threshold(ctx, platform) is None
    assert get_activity(ctx, platform).data.dsfa == "not_assessed"
    dsfa.record_threshold(ctx, platform, ThresholdAnswers({"vulnerable"}), reasoning="", today=DAY)
    assert get_activity(ctx, platform).data.dsfa == "not_required"


def test_a_new_assessment_is_prefilled_from_the_register(ctx, platform) -> None:
    created = dsfa.create_assessment(ctx, platform)
    assert created.version == 1 and created.status == "draft"
    assert created.data.description.startswith("Verarbeitungstätigkeit: Lernplattform")
    assert "Betroffene Personen: Schülerinnen und Schüler" in created.data.description
    assert created.data.purposes == get_activity(ctx, platform).data.purposes
    with pytest.raises(ValidationError) as caught:
        dsfa.create_assessment(ctx, platform)
    assert "gibt es schon eine Folgenabschätzung" in str(caught.value)


def test_catalogue_scenarios_bring_the_schools_measures(ctx, platform, school_id) -> None:
    keys = {e.key for e in scenarios.scenario_catalogue()}
    assert {
        "bloss-stellung",
        "identitaetsdiebstahl",
        "profilbildung",
        "datenverlust",
        "unbefugte-offenlegung",
        "zugriff-beschaeftigte",
        "geraeteverlust",
    } <= keys
    created = dsfa.create_assessment(ctx, platform)
    scenarios.add_from_catalogue(ctx, created.id, "datenverlust")
    scenario = dsfa.get_assessment(ctx, created.id).scenarios[0]
    assert scenario.data.title == "Datenverlust durch Hardwaredefekt, Feuer oder Wasser"
    assert [m.title for m in scenario.measures] == [
        "Tägliche Datensicherung",
        "Wiederherstellung geübt",
        "Unterbrechungsfreie Stromversorgung",
    ]


def test_a_new_measure_goes_into_the_tom_catalogue(ctx, platform, school_id) -> None:
    created = dsfa.create_assessment(ctx, platform)
    scenario_id = scenarios.add_scenario(ctx, created.id, ScenarioData(title="Fehlversand")).id
    tom_id = scenarios.add_new_measure(
        ctx, scenario_id, TomData("Empfängerprüfung vor dem Versand", "", "confidentiality")
    ).id
    assert tom_id in {t.id for t in toms.list_toms(ctx, school_id)}
    scenarios.link_measures(ctx, scenario_id, [tom_id])  # already linked: skipped
    measures = dsfa.get_assessment(ctx, created.id).scenarios[0].measures
    assert [m.title for m in measures] == ["Empfängerprüfung vor dem Versand"]
    scenarios.unlink_measure(ctx, measures[0].id)
    assert dsfa.get_assessment(ctx, created.id).scenarios[0].measures == ()
    assert tom_id in {t.id for t in toms.list_toms(ctx, school_id)}


def test_residual_above_inherent_is_refused_without_reason(ctx, platform) -> None:
    created = dsfa.create_assessment(ctx, platform)
    scenario_id = scenarios.add_scenario(ctx, created.id, ScenarioData(title="Datenverlust")).id
    worse = ScenarioData(
        title="Datenverlust",
        inherent_likelihood=1,
        inherent_severity=2,
        residual_likelihood=2,
        residual_severity=2,
    )
    with pytest.raises(ValidationError):
        scenarios.update_scenario(ctx, scenario_id, worse)
    assert dsfa.get_assessment(ctx, created.id).scenarios[0].data.inherent_likelihood is None
    worse.residual_reason = "Speicherung zusätzlich beim Anbieter"
    scenarios.update_scenario(ctx, scenario_id, worse)
    assert dsfa.get_assessment(ctx, created.id).scenarios[0].data.residual_likelihood == 2


def test_sign_off_refused_with_the_list_of_what_is_missing(ctx, platform) -> None:
    created = dsfa.create_assessment(ctx, platform)
    scenarios.add_scenario(ctx, created.id, ScenarioData(title="Profilbildung"))
    with pytest.raises(ValidationError) as caught:
        dsfa.sign_off(ctx, created.id)
    messages = [p.message for p in caught.value.problems]
    assert "Szenario 1 „Profilbildung“: Bewertung vor Maßnahmen fehlt." in messages
    assert "Stellungnahme der/des Datenschutzbeauftragten: fehlt." in messages
    assert dsfa.get_assessment(ctx, created.id).status == "draft"
    assert "sign_off" not in audit_actions(ctx, "dsfa")


@pytest.mark.both_backends
def test_signed_off_version_is_frozen_with_its_matrix(ctx, platform, school_id) -> None:
    assessment_id = ready_assessment(ctx, platform)
    signed = dsfa.sign_off(ctx, assessment_id, today=DAY)
    assert signed.status == "signed_off" and signed.frozen
    assert signed.data.next_review == date(2027, 9, 1)
    assert signed.highest_residual == MEDIUM and not signed.consultation_needed
    entry = get_activity(ctx, platform)
    assert entry.data.dsfa == "required"
    assert entry.data.dsfa_result == (
        "DSFA Version 1 abgeschlossen am 01.09.2026; höchstes Restrisiko: Risiko."
    )
    with pytest.raises(ValidationError) as caught:
        dsfa.update_assessment(ctx, assessment_id, replace(signed.data, purposes="anders"))
    assert "ist abgeschlossen und kann nicht mehr geändert werden" in str(caught.value)
    with pytest.raises(ValidationError):
        scenarios.add_scenario(ctx, assessment_id, ScenarioData(title="Neu"))
    # a stricter school matrix later does not change the signed-off version
    strict = RiskMatrix.default().with_cell(2, 4, HIGH)
    set_matrix(ctx, school_id, strict)
    assert get_matrix(ctx, school_id) == strict
    again = dsfa.get_assessment(ctx, assessment_id)
    assert again.matrix == RiskMatrix.default()
    assert again.highest_residual == MEDIUM


@pytest.mark.both_backends
def test_revision_starts_the_next_version_as_a_copy(ctx, platform, school_id) -> None:
    assessment_id = ready_assessment(ctx, platform)
    dsfa.sign_off(ctx, assessment_id, today=DAY)
    revision = dsfa.revise(ctx, assessment_id)
    assert (revision.version, revision.status) == (2, "draft")
    assert [s.data.title for s in revision.scenarios] == ["Identitätsdiebstahl", "Profilbildung"]
    assert revision.data.head_decision == "" and revision.data.dpo_opinion
    assert revision.status_label == "Überarbeitung (gültig: Version 1)"
    with pytest.raises(ValidationError):
        dsfa.revise(ctx, assessment_id)
    listed = dsfa.list_assessments(ctx, school_id)
    assert [(a.activity_key, a.version, a.status) for a in listed] == [
        ("lernplattform", 2, "draft")
    ]
    assert [v.version for v in dsfa.assessment_versions(ctx, platform)] == [1, 2]
    assert audit_actions(ctx, "dsfa") == ["create", "update", "sign_off", "revise"]


def test_a_renamed_measure_keeps_its_title_in_the_signed_version(ctx, platform, school_id) -> None:
    assessment_id = ready_assessment(ctx, platform)
    dsfa.sign_off(ctx, assessment_id, today=DAY)
    tom = next(t for t in toms.list_toms(ctx, school_id) if t.title == "Zwei-Faktor-Anmeldung")
    toms.update_tom(ctx, tom.id, replace(tom.data, title="2FA für alle"))
    signed = dsfa.get_assessment(ctx, assessment_id)
    assert "Zwei-Faktor-Anmeldung" in [m.title for m in signed.scenarios[0].measures]
    revision = dsfa.revise(ctx, assessment_id)
    assert "2FA für alle" in [m.title for m in revision.scenarios[0].measures]


def test_listing_shows_status_and_highest_residual(ctx, platform, school_id) -> None:
    assessment_id = ready_assessment(ctx, platform)
    summary = dsfa.list_assessments(ctx, school_id)[0]
    assert (summary.status_label, summary.highest_residual) == ("Entwurf", MEDIUM)
    assert summary.scenario_count == 2
    detail = dsfa.get_assessment(ctx, assessment_id)
    rate(ctx, detail.scenarios[1].id, (4, 4), (3, 4))
    summary = dsfa.list_assessments(ctx, school_id)[0]
    assert summary.highest_residual == HIGH and summary.consultation_needed


def test_a_doubtful_matrix_needs_confirmation(ctx, school_id) -> None:
    odd = RiskMatrix.default().with_cell(4, 4, "low")
    with pytest.raises(MatrixNeedsConfirmation) as caught:
        set_matrix(ctx, school_id, odd)
    assert "Feld Eintrittswahrscheinlichkeit 4 / Schwere 4" in caught.value.problems[0].message
    assert get_matrix(ctx, school_id) == RiskMatrix.default()
    warnings = set_matrix(ctx, school_id, odd, confirmed=True).warnings
    assert len(warnings) == 2
    assert get_matrix(ctx, school_id).risk_class(4, 4) == "low"
    assert audit_actions(ctx, "dsfa_matrix") == ["update"]


def test_deleting_a_scenario_renumbers_the_rest(ctx, platform) -> None:
    created = dsfa.create_assessment(ctx, platform)
    ids = [
        scenarios.add_from_catalogue(ctx, created.id, key).id
        for key in ("bloss-stellung", "identitaetsdiebstahl", "geraeteverlust")
    ]
    scenarios.delete_scenario(ctx, ids[0])
    remaining = dsfa.get_assessment(ctx, created.id).scenarios
    assert [(s.number, s.data.title) for s in remaining] == [
        (1, "Identitätsdiebstahl"),
        (2, "Verlust oder Diebstahl eines Geräts"),
    ]


def test_the_state_list_requires_an_assessment_whatever_the_count(ctx, platform) -> None:
    result = dsfa.record_threshold(ctx, platform, ThresholdAnswers(set(), True), today=DAY)
    assert result.conclusion == "required_list"
    entry = get_activity(ctx, platform)
    assert entry.data.dsfa == "required"
    assert "Verarbeitung steht auf der Liste der Aufsichtsbehörde" in entry.data.dsfa_result


def test_an_unknown_decision_is_refused(ctx, platform) -> None:
    created = dsfa.create_assessment(ctx, platform)
    with pytest.raises(ValidationError):
        dsfa.update_assessment(ctx, created.id, replace(created.data, head_decision="vielleicht"))
    assert dsfa.get_assessment(ctx, created.id).data.head_decision == ""


@pytest.mark.both_backends
def test_sign_off_writes_the_result_into_the_released_register_entry(ctx, platform) -> None:
    release_activity(ctx, platform)
    dsfa.record_threshold(ctx, platform, ThresholdAnswers({"vulnerable", "scoring"}), today=DAY)
    release_activity(ctx, platform)
    assessment_id = ready_assessment(ctx, platform)
    detail = dsfa.get_assessment(ctx, assessment_id)
    rate(ctx, detail.scenarios[1].id, (4, 4), (3, 4))
    dsfa.sign_off(ctx, assessment_id, today=DAY)
    entry = get_activity(ctx, platform)
    assert entry.status == "draft" and entry.released_version == 2
    assert entry.data.dsfa_result.startswith("Schwellwertanalyse vom 01.09.2026: DSFA erforderlich")
    assert entry.data.dsfa_result.endswith(
        "DSFA Version 1 abgeschlossen am 01.09.2026; höchstes Restrisiko: hohes Risiko; "
        "Konsultation der Aufsichtsbehörde (Art. 36 DSGVO) erforderlich."
    )
