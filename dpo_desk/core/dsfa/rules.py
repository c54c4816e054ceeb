"""Value types of an impact assessment and the rules that judge them: scenario checks,
sign-off completeness, the highest residual risk and the Art. 36 consultation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dpo_desk.core.dsfa.risk import CLASS_RANK, HIGH, RiskMatrix, higher_class, is_level
from dpo_desk.core.validation import Problem, ValidationError

DRAFT = "draft"
SIGNED_OFF = "signed_off"
STATUS_LABELS = {DRAFT: "Entwurf", SIGNED_OFF: "Abgeschlossen"}

APPROVED = "approved"
APPROVED_WITH_CONDITIONS = "approved_conditions"
REJECTED = "rejected"
DECISION_LABELS: dict[str, str] = {
    APPROVED: "Die Verarbeitung wird wie beschrieben durchgeführt.",
    APPROVED_WITH_CONDITIONS: "Die Verarbeitung wird mit den genannten Auflagen durchgeführt.",
    REJECTED: "Die Verarbeitung wird nicht durchgeführt.",
}

NECESSITY_QUESTIONS = (
    "Ist jeder Zweck festgelegt, eindeutig und legitim?",
    "Welche Rechtsgrundlage trägt die Verarbeitung?",
    "Werden nur die Daten verarbeitet, die für den Zweck nötig sind (Datenminimierung)?",
    "Gibt es ein milderes, gleich wirksames Mittel?",
    "Wie lange werden die Daten gespeichert, und wann werden sie gelöscht?",
    "Wie werden die Betroffenen informiert, und wie üben sie ihre Rechte aus?",
)


@dataclass
class ScenarioData:
    """One risk scenario as the user enters it; ratings are 1–4 or None (not yet rated)."""

    title: str = ""
    source: str = ""
    event: str = ""
    damage: str = ""
    inherent_likelihood: int | None = None
    inherent_severity: int | None = None
    residual_likelihood: int | None = None
    residual_severity: int | None = None
    residual_reason: str = ""
    catalogue_key: str = ""

    @property
    def rated(self) -> bool:
        return None not in (
            self.inherent_likelihood,
            self.inherent_severity,
            self.residual_likelihood,
            self.residual_severity,
        )


@dataclass
class AssessmentData:
    """The free-text parts of an assessment (Art. 35(7)) with opinion and decision."""

    description: str = ""
    purposes: str = ""
    necessity: str = ""
    dpo_opinion: str = ""
    dpo_opinion_date: date | None = None
    head_decision: str = ""
    head_decision_text: str = ""
    decided_on: date | None = None
    next_review: date | None = None


ASSESSMENT_LABELS: dict[str, str] = {
    "description": "Systematische Beschreibung",
    "purposes": "Zwecke",
    "necessity": "Notwendigkeit und Verhältnismäßigkeit",
    "dpo_opinion": "Stellungnahme der/des DSB",
    "dpo_opinion_date": "Datum der Stellungnahme",
    "head_decision": "Entscheidung der Schulleitung",
    "head_decision_text": "Begründung der Entscheidung",
    "decided_on": "Entschieden am",
    "next_review": "Nächste Überprüfung",
}
SCENARIO_LABELS: dict[str, str] = {
    "title": "Titel",
    "source": "Risikoquelle",
    "event": "Ereignis",
    "damage": "Möglicher Schaden",
    "inherent_likelihood": "Eintrittswahrscheinlichkeit vor Maßnahmen",
    "inherent_severity": "Schwere vor Maßnahmen",
    "residual_likelihood": "Eintrittswahrscheinlichkeit nach Maßnahmen",
    "residual_severity": "Schwere nach Maßnahmen",
    "residual_reason": "Begründung",
}


def residual_above_inherent(s: ScenarioData) -> bool:
    """True when a value after the measures is higher than before them."""
    pairs = (
        (s.residual_likelihood, s.inherent_likelihood),
        (s.residual_severity, s.inherent_severity),
    )
    return any(
        after is not None and before is not None and after > before for after, before in pairs
    )


def scenario_problems(s: ScenarioData, place: str = "Szenario") -> list[Problem]:
    problems: list[Problem] = []
    if not s.title.strip():
        problems.append(Problem("title", f"{place}: Bezeichnung bitte ausfüllen."))
    for name, label in (
        ("inherent_likelihood", "Eintrittswahrscheinlichkeit vor Maßnahmen"),
        ("inherent_severity", "Schwere vor Maßnahmen"),
        ("residual_likelihood", "Eintrittswahrscheinlichkeit nach Maßnahmen"),
        ("residual_severity", "Schwere nach Maßnahmen"),
    ):
        value = getattr(s, name)
        if value is not None and not is_level(value):
            problems.append(Problem(name, f"{place}, {label}: nur die Stufen 1 bis 4."))
    if not problems and residual_above_inherent(s) and not s.residual_reason.strip():
        problems.append(
            Problem(
                "residual_reason",
                f"{place}: Die Bewertung nach den Maßnahmen liegt über der vorher. "
                "Bitte begründen, warum das Risiko durch die Maßnahmen steigt.",
            )
        )
    return problems


def validate_scenario(s: ScenarioData, place: str = "Szenario") -> None:
    problems = scenario_problems(s, place)
    if problems:
        raise ValidationError(problems)


def sign_off_missing(data: AssessmentData, scenarios: list[ScenarioData]) -> list[Problem]:
    """Everything that must be there before the assessment can be signed off (German)."""
    missing: list[Problem] = []
    for name, label in (
        ("description", "Systematische Beschreibung der Verarbeitung"),
        ("purposes", "Zwecke der Verarbeitung"),
        ("necessity", "Notwendigkeit und Verhältnismäßigkeit"),
    ):
        if not getattr(data, name).strip():
            missing.append(Problem(name, f"{label}: fehlt."))
    if not scenarios:
        missing.append(Problem("scenarios", "Risikoszenarien: Es ist noch keines erfasst."))
    for number, s in enumerate(scenarios, start=1):
        place = f"Szenario {number} „{s.title}“"
        if s.inherent_likelihood is None or s.inherent_severity is None:
            missing.append(
                Problem(f"scenario.{number}", f"{place}: Bewertung vor Maßnahmen fehlt.")
            )
        if s.residual_likelihood is None or s.residual_severity is None:
            missing.append(
                Problem(f"scenario.{number}", f"{place}: Bewertung nach Maßnahmen fehlt.")
            )
        missing.extend(
            Problem(f"scenario.{number}", p.message)
            for p in scenario_problems(s, place)
            if p.field == "residual_reason"
        )
    if not data.dpo_opinion.strip():
        missing.append(
            Problem("dpo_opinion", "Stellungnahme der/des Datenschutzbeauftragten: fehlt.")
        )
    if data.head_decision not in DECISION_LABELS:
        missing.append(Problem("head_decision", "Entscheidung der Schulleitung: fehlt."))
    if data.head_decision == APPROVED_WITH_CONDITIONS and not data.head_decision_text.strip():
        missing.append(
            Problem("head_decision_text", "Entscheidung der Schulleitung: Auflagen bitte nennen.")
        )
    return missing


def check_sign_off(data: AssessmentData, scenarios: list[ScenarioData]) -> None:
    missing = sign_off_missing(data, scenarios)
    if missing:
        raise ValidationError(missing)


def highest_residual(matrix: RiskMatrix, scenarios: list[ScenarioData]) -> str | None:
    """The highest risk class after the measures among the rated scenarios."""
    highest: str | None = None
    for s in scenarios:
        highest = higher_class(
            highest, matrix.class_or_none(s.residual_likelihood, s.residual_severity)
        )
    return highest


def highest_inherent(matrix: RiskMatrix, scenarios: list[ScenarioData]) -> str | None:
    highest: str | None = None
    for s in scenarios:
        highest = higher_class(
            highest, matrix.class_or_none(s.inherent_likelihood, s.inherent_severity)
        )
    return highest


def consultation_needed(matrix: RiskMatrix, scenarios: list[ScenarioData]) -> bool:
    """Art. 36: a high risk remaining after the measures requires prior consultation."""
    highest = highest_residual(matrix, scenarios)
    return highest is not None and CLASS_RANK[highest] >= CLASS_RANK[HIGH]


CONSULTATION_NOTE = (
    "Nach den Maßnahmen bleibt ein hohes Risiko. Vor Beginn der Verarbeitung muss die "
    "Schule die zuständige Aufsichtsbehörde konsultieren (Art. 36 DSGVO)."
)
