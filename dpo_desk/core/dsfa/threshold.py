"""Threshold analysis (Schwellwertanalyse): is an impact assessment needed for an activity?

The DPO answers one question per indicator of a likely high risk. Two or more indicators
usually mean an assessment is required; an activity named on the state's list (the
supervisory authorities' "Muss-Liste") always requires one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dpo_desk.core.validation import Problem, ValidationError


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    question: str
    explanation: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "vulnerable",
        "schutzbedürftige Betroffene (Kinder)",
        "Sind schutzbedürftige Personen betroffen, insbesondere Kinder?",
        "Schülerinnen und Schüler können Tragweite und Folgen einer Verarbeitung oft nicht "
        "abschätzen und stehen zur Schule in einem Abhängigkeitsverhältnis.",
    ),
    Indicator(
        "new_technology",
        "neue Technologie",
        "Wird eine neue Technologie oder eine neuartige Anwendung eingesetzt?",
        "Zum Beispiel Cloud-Dienste mit KI-Funktionen, Lernanalyse-Werkzeuge oder Geräte, "
        "deren Folgen für die Betroffenen noch wenig erprobt sind.",
    ),
    Indicator(
        "monitoring",
        "systematische Überwachung",
        "Werden Personen systematisch überwacht oder beobachtet?",
        "Etwa Videoüberwachung, Protokolle der Nutzung, Anwesenheitserfassung oder das "
        "Aufzeichnen von Unterricht.",
    ),
    Indicator(
        "scoring",
        "Bewertung oder Profilbildung",
        "Werden Personen bewertet, eingestuft oder Profile über sie gebildet?",
        "Zum Beispiel automatische Auswertung von Lernständen, Verhaltens- oder "
        "Leistungsprofile, Empfehlungen über Schullaufbahnen.",
    ),
    Indicator(
        "special_categories",
        "besondere Kategorien in großem Umfang",
        "Werden besondere Kategorien von Daten in großem Umfang verarbeitet?",
        "Gesundheitsdaten (z. B. Förderbedarf, Atteste), religiöse Überzeugung, ethnische "
        "Herkunft – bei vielen Betroffenen oder regelmäßig.",
    ),
    Indicator(
        "biometrics",
        "biometrische Merkmale",
        "Werden biometrische Merkmale verarbeitet?",
        "Fingerabdruck, Gesichts- oder Stimmerkennung, z. B. Bezahlen in der Mensa per "
        "Fingerabdruck (steht auf der Liste der Aufsichtsbehörden).",
    ),
    Indicator(
        "combining",
        "Zusammenführen von Datenbeständen",
        "Werden Datenbestände aus verschiedenen Quellen zusammengeführt oder abgeglichen?",
        "Etwa Verknüpfung von Verwaltungs-, Lernplattform- und Mensadaten oder Abgleich mit "
        "Daten des Anbieters.",
    ),
)
INDICATOR_KEYS = tuple(i.key for i in INDICATORS)
INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}
THRESHOLD = 2

REQUIRED = "required"
NOT_REQUIRED = "not_required"
REQUIRED_BY_LIST = "required_list"
CONCLUSION_LABELS: dict[str, str] = {
    REQUIRED: "DSFA erforderlich",
    NOT_REQUIRED: "DSFA nicht erforderlich",
    REQUIRED_BY_LIST: "DSFA erforderlich (Verarbeitung steht auf der Liste des Landes)",
}


@dataclass
class ThresholdAnswers:
    """The DPO's answers; ``indicators`` holds the keys answered with yes."""

    indicators: set[str] = field(default_factory=set)
    on_state_list: bool = False

    @property
    def count(self) -> int:
        return len(self.indicators & set(INDICATOR_KEYS))


def suggested_conclusion(answers: ThresholdAnswers) -> str:
    if answers.on_state_list:
        return REQUIRED_BY_LIST
    return REQUIRED if answers.count >= THRESHOLD else NOT_REQUIRED


def requires_assessment(conclusion: str) -> bool:
    return conclusion in (REQUIRED, REQUIRED_BY_LIST)


def check_threshold(answers: ThresholdAnswers, conclusion: str, reasoning: str) -> None:
    """A conclusion that departs from the suggestion needs a written reason."""
    problems: list[Problem] = []
    unknown = answers.indicators - set(INDICATOR_KEYS)
    if unknown:
        problems.append(
            Problem("indicators", f"Schwellwertanalyse: unbekannte Kriterien {sorted(unknown)}.")
        )
    if conclusion not in CONCLUSION_LABELS:
        problems.append(Problem("conclusion", "Schwellwertanalyse: Ergebnis bitte wählen."))
    elif answers.on_state_list and conclusion != REQUIRED_BY_LIST:
        problems.append(
            Problem(
                "conclusion",
                "Schwellwertanalyse: Die Verarbeitung steht auf der Liste des Landes; "
                "eine DSFA ist dann immer erforderlich.",
            )
        )
    elif conclusion != suggested_conclusion(answers) and not reasoning.strip():
        problems.append(
            Problem(
                "reasoning",
                f"Schwellwertanalyse: Das Ergebnis „{CONCLUSION_LABELS[conclusion]}“ weicht "
                f"von der Auswertung ab ({answers.count} Kriterien erfüllt). Bitte begründen.",
            )
        )
    if problems:
        raise ValidationError(problems)


def result_text(answers: ThresholdAnswers, conclusion: str, day_text: str) -> str:
    """One line for the register entry's DSFA result."""
    named = ", ".join(
        INDICATOR_BY_KEY[key].label for key in INDICATOR_KEYS if key in answers.indicators
    )
    text = (
        f"Schwellwertanalyse vom {day_text}: {CONCLUSION_LABELS[conclusion]} "
        f"({answers.count} von {len(INDICATORS)} Kriterien erfüllt)"
    )
    return text + (f". Erfüllt: {named}." if named else ".")
