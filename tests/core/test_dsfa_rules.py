"""Risk matrix, threshold analysis and sign-off rules of impact assessments (no database)."""

from __future__ import annotations

import pytest

from dpo_desk.core.dsfa.risk import (
    CLASS_LABELS,
    HIGH,
    LEVEL_LABELS,
    LOW,
    MEDIUM,
    RiskMatrix,
    level_label,
    matrix_warnings,
)
from dpo_desk.core.dsfa.rules import (
    APPROVED,
    APPROVED_WITH_CONDITIONS,
    AssessmentData,
    ScenarioData,
    check_sign_off,
    consultation_needed,
    highest_residual,
    residual_above_inherent,
    sign_off_missing,
    validate_scenario,
)
from dpo_desk.core.dsfa.threshold import (
    INDICATORS,
    NOT_REQUIRED,
    REQUIRED,
    REQUIRED_BY_LIST,
    ThresholdAnswers,
    check_threshold,
    result_text,
    suggested_conclusion,
)
from dpo_desk.core.validation import ValidationError


def test_scales_carry_the_german_labels_of_the_domain() -> None:
    assert LEVEL_LABELS == {1: "geringfügig", 2: "überschaubar", 3: "substanziell", 4: "groß"}
    assert CLASS_LABELS == {LOW: "geringes Risiko", MEDIUM: "Risiko", HIGH: "hohes Risiko"}
    assert level_label(3) == "3 – substanziell"
    assert level_label(None) == "–"


@pytest.mark.parametrize(
    ("likelihood", "severity", "expected"),
    [
        (1, 1, LOW),
        (3, 1, LOW),
        (1, 3, LOW),
        (2, 2, MEDIUM),
        (4, 2, MEDIUM),
        (2, 4, MEDIUM),
        (3, 3, HIGH),
        (4, 3, HIGH),
        (4, 4, HIGH),
        (1, 4, MEDIUM),  # severity "groß" is never below "Risiko"
    ],
)
def test_default_matrix_follows_the_product_rule(likelihood, severity, expected) -> None:
    assert RiskMatrix.default().risk_class(likelihood, severity) == expected


def test_default_matrix_has_no_warnings_and_round_trips_through_json() -> None:
    matrix = RiskMatrix.default()
    assert matrix_warnings(matrix) == []
    assert RiskMatrix.from_json(matrix.to_json()) == matrix
    assert RiskMatrix.from_json(None) == matrix
    assert matrix.is_default


def test_out_of_range_ratings_and_unknown_classes_are_refused() -> None:
    with pytest.raises(ValueError):
        RiskMatrix.default().risk_class(0, 2)
    with pytest.raises(ValueError):
        RiskMatrix.default().risk_class(2, 5)
    with pytest.raises(ValueError):
        RiskMatrix.from_rows([[LOW] * 4] * 3 + [["extrem", LOW, LOW, LOW]])
    assert RiskMatrix.default().class_or_none(None, 3) is None


def test_an_edited_matrix_that_never_reaches_high_risk_is_warned() -> None:
    matrix = RiskMatrix.default()
    for likelihood in (1, 2, 3, 4):
        for severity in (1, 2, 3, 4):
            if matrix.risk_class(likelihood, severity) == HIGH:
                matrix = matrix.with_cell(likelihood, severity, MEDIUM)
    warnings = matrix_warnings(matrix)
    assert warnings == [
        "Die Risikoklasse „hohes Risiko“ kommt in der Matrix nicht vor "
        "und kann nie erreicht werden."
    ]


def test_a_higher_rating_giving_a_lower_class_is_warned_with_the_cell() -> None:
    matrix = RiskMatrix.default().with_cell(4, 4, LOW)
    warnings = matrix_warnings(matrix)
    assert len(warnings) == 2  # lower than both neighbours (3/4 and 4/3)
    assert warnings[0].startswith(
        "Feld Eintrittswahrscheinlichkeit 4 / Schwere 4: „geringes Risiko“"
    )
    assert "niedriger als „hohes Risiko“" in warnings[0]
    assert matrix.risk_class(4, 4) == LOW


def test_a_stricter_but_monotone_matrix_is_accepted_without_warnings() -> None:
    matrix = RiskMatrix.default().with_cell(2, 4, HIGH).with_cell(3, 4, HIGH)
    assert matrix_warnings(matrix) == []


# --- threshold analysis ------------------------------------------------------------------


def test_the_nine_wp248_criteria_each_with_a_question_and_an_explanation() -> None:
    assert len(INDICATORS) == 9
    for indicator in INDICATORS:
        assert indicator.question.endswith("?")
        assert len(indicator.explanation) > 30
    assert {i.key for i in INDICATORS} >= {
        "vulnerable",
        "combining",
        "automated_decisions",
        "large_scale",
        "prevents_rights",
    }


@pytest.mark.parametrize(
    ("indicators", "on_list", "expected"),
    [
        (set(), False, NOT_REQUIRED),
        ({"vulnerable"}, False, NOT_REQUIRED),
        ({"vulnerable", "monitoring"}, False, REQUIRED),
        (set(), True, REQUIRED_BY_LIST),
        ({"vulnerable", "scoring", "combining"}, True, REQUIRED_BY_LIST),
    ],
)
def test_two_indicators_or_the_state_list_require_an_assessment(
    indicators, on_list, expected
) -> None:
    assert suggested_conclusion(ThresholdAnswers(indicators, on_list)) == expected


def test_departing_from_the_suggestion_needs_a_reason() -> None:
    answers = ThresholdAnswers({"vulnerable", "new_technology"})
    with pytest.raises(ValidationError) as caught:
        check_threshold(answers, NOT_REQUIRED, "  ")
    assert "weicht von der Auswertung ab (2 Kriterien erfüllt). Bitte begründen." in str(
        caught.value
    )
    check_threshold(answers, NOT_REQUIRED, "Nur Lehrkräfte nutzen die Funktion.")


def test_the_state_list_cannot_be_argued_away() -> None:
    with pytest.raises(ValidationError) as caught:
        check_threshold(ThresholdAnswers(set(), True), NOT_REQUIRED, "Begründung")
    assert "steht auf der Liste der Aufsichtsbehörde" in str(caught.value)


def test_result_text_names_date_count_and_indicators() -> None:
    text = result_text(ThresholdAnswers({"vulnerable", "scoring"}), REQUIRED, "01.09.2026")
    assert text == (
        "Schwellwertanalyse vom 01.09.2026: DSFA erforderlich (2 von 9 Kriterien der WP 248 "
        "erfüllt). Erfüllt: Bewerten oder Einstufen (Scoring, Profiling), schutzbedürftige "
        "Betroffene (Kinder)."
    )


# --- scenarios and sign-off --------------------------------------------------------------


def rated(title: str, before: tuple[int, int], after: tuple[int, int], reason: str = ""):
    return ScenarioData(
        title=title,
        inherent_likelihood=before[0],
        inherent_severity=before[1],
        residual_likelihood=after[0],
        residual_severity=after[1],
        residual_reason=reason,
    )


def complete() -> AssessmentData:
    return AssessmentData(
        description="Lernplattform für alle Klassen",
        purposes="Unterricht",
        necessity="Erforderlich für den Distanzunterricht",
        dpo_opinion="Vertretbar",
        head_decision=APPROVED,
    )


def test_residual_above_inherent_needs_a_reason() -> None:
    worse = rated("Datenverlust", (2, 2), (3, 2))
    assert residual_above_inherent(worse)
    with pytest.raises(ValidationError) as caught:
        validate_scenario(worse, "Szenario 4")
    assert "Szenario 4: Die Bewertung nach den Maßnahmen liegt über der vorher." in str(
        caught.value
    )
    worse.residual_reason = "Neue Speicherung beim Anbieter verlängert die Aufbewahrung."
    validate_scenario(worse)
    assert not residual_above_inherent(rated("x", (3, 3), (2, 3)))


def test_ratings_outside_the_scale_and_missing_titles_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_scenario(ScenarioData(title=" ", inherent_likelihood=5))
    messages = [p.message for p in caught.value.problems]
    assert "Szenario: Bezeichnung bitte ausfüllen." in messages
    assert (
        "Szenario, Eintrittswahrscheinlichkeit vor Maßnahmen: nur die Stufen 1 bis 4." in messages
    )


def test_sign_off_lists_everything_missing() -> None:
    scenarios = [
        rated("Identitätsdiebstahl", (3, 3), (2, 2)),
        ScenarioData(title="Profilbildung", inherent_likelihood=3, inherent_severity=3),
    ]
    missing = sign_off_missing(AssessmentData(description="Beschreibung"), scenarios)
    assert [p.message for p in missing] == [
        "Zwecke der Verarbeitung: fehlt.",
        "Notwendigkeit und Verhältnismäßigkeit: fehlt.",
        "Szenario 2 „Profilbildung“: Bewertung nach Maßnahmen fehlt.",
        "Stellungnahme der/des Datenschutzbeauftragten: fehlt.",
        "Entscheidung der Schulleitung: fehlt.",
    ]


def test_sign_off_needs_scenarios_and_conditions_when_approved_with_conditions() -> None:
    data = complete()
    data.head_decision = APPROVED_WITH_CONDITIONS
    messages = [p.message for p in sign_off_missing(data, [])]
    assert "Risikoszenarien: Es ist noch keines erfasst." in messages
    assert "Entscheidung der Schulleitung: Auflagen bitte nennen." in messages
    check_sign_off(complete(), [rated("Datenverlust", (2, 3), (1, 3))])


def test_highest_residual_and_art36_consultation() -> None:
    matrix = RiskMatrix.default()
    scenarios = [rated("a", (4, 4), (2, 2)), rated("b", (3, 3), (1, 3))]
    assert highest_residual(matrix, scenarios) == MEDIUM
    assert not consultation_needed(matrix, scenarios)
    scenarios.append(rated("c", (4, 4), (3, 4)))
    assert highest_residual(matrix, scenarios) == HIGH
    assert consultation_needed(matrix, scenarios)
    assert highest_residual(matrix, [ScenarioData(title="offen")]) is None


def test_the_matrix_in_force_decides_the_consultation() -> None:
    scenarios = [rated("a", (4, 4), (2, 4))]
    assert not consultation_needed(RiskMatrix.default(), scenarios)
    strict = RiskMatrix.default().with_cell(2, 4, HIGH)
    assert consultation_needed(strict, scenarios)
