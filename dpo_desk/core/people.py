"""Who is working: a person's name and function, as the change log and every
"freigegeben/abgeschlossen von" name them.

The actor of a change is one text, "Name (Funktion)": it is what a printed register or the
change log shows, and it keeps the function the person had when they acted (a later change
of function does not rewrite old proof).
"""

from __future__ import annotations

from dpo_desk.core.validation import Problem, ValidationError, require

DPO = "Datenschutzbeauftragte/r"
FUNCTIONS: tuple[str, ...] = (
    DPO,
    "Sekretariat",
    "Schulleitung",
    "Lehrkraft",
    "IT-Betreuung",
    "Schulträger",
    "Sonstige",
)
"""The functions offered when someone says who they are (in this order)."""

SYSTEM_ACTOR = "dpo_desk (automatisch)"
"""Who the change log names for a step the app takes by itself (e.g. re-keying at opening),
which may happen before anybody has said who they are."""

NAME_LABEL = "Ihr Name"
FUNCTION_LABEL = "Ihre Funktion"
MAX_NAME = 100


def actor_label(name: str, function: str) -> str:
    """ "Anna Berg (Sekretariat)"; the name alone when no function is known."""
    name = " ".join(name.split())
    return f"{name} ({function})" if function else name


def person_problems(name: str, function: str) -> list[Problem]:
    problems: list[Problem] = []
    require(problems, "name", NAME_LABEL, name)
    if len(name.strip()) > MAX_NAME:
        problems.append(Problem("name", f"{NAME_LABEL}: Höchstens {MAX_NAME} Zeichen."))
    if function not in FUNCTIONS:
        problems.append(Problem("function", f"{FUNCTION_LABEL}: Bitte eine der Funktionen wählen."))
    return problems


def validate_person(name: str, function: str) -> tuple[str, str]:
    """The cleaned (name, function), or ValidationError naming every problem."""
    problems = person_problems(name, function)
    if problems:
        raise ValidationError(problems)
    return " ".join(name.split()), function
