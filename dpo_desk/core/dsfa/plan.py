"""The action plan of an impact assessment and the views of those affected (Art. 35(9)):
value types and their rules (no database, no display)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dpo_desk.core.validation import Problem, ValidationError

OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
ACTION_STATUSES: dict[str, str] = {OPEN: "offen", IN_PROGRESS: "in Arbeit", DONE: "umgesetzt"}

# Who is usually heard at a school (Art. 35(9)): offered as choices, any text is allowed.
TYPICAL_GROUPS = (
    "Schulelternrat / Elternvertretung",
    "Schülervertretung",
    "Personalrat",
    "Schulkonferenz",
    "Schwerbehindertenvertretung",
)


@dataclass
class ActionData:
    """One line of the plan: who implements the measure by when, and how far it is."""

    owner: str = ""
    due_on: date | None = None
    status: str = OPEN
    note: str = ""


@dataclass
class ViewData:
    """Whose views were sought, when, what they said and how it was taken into account."""

    group_name: str = ""
    asked_on: date | None = None
    summary: str = ""
    response: str = ""


def action_problems(data: ActionData, place: str = "Maßnahmenplan") -> list[Problem]:
    problems: list[Problem] = []
    if data.status not in ACTION_STATUSES:
        problems.append(Problem("status", f"{place}: Stand „{data.status}“ ist unbekannt."))
    if len(data.owner.strip()) > 200:
        problems.append(Problem("owner", f"{place}: Verantwortlich höchstens 200 Zeichen."))
    if data.status != DONE and data.due_on is not None and not data.owner.strip():
        problems.append(
            Problem(
                "owner", f"{place}: Bei einer Frist bitte auch angeben, wer verantwortlich ist."
            )
        )
    return problems


def validate_action(data: ActionData, place: str = "Maßnahmenplan") -> None:
    problems = action_problems(data, place)
    if problems:
        raise ValidationError(problems)


def validate_view(data: ViewData) -> None:
    problems: list[Problem] = []
    if not data.group_name.strip():
        problems.append(Problem("group_name", "Stellungnahme: Bitte angeben, wer angehört wurde."))
    elif len(data.group_name.strip()) > 200:
        problems.append(Problem("group_name", "Stellungnahme: Name höchstens 200 Zeichen."))
    if not data.summary.strip():
        problems.append(
            Problem("summary", "Stellungnahme: Bitte kurz zusammenfassen, was gesagt wurde.")
        )
    if problems:
        raise ValidationError(problems)


def is_open(status: str) -> bool:
    return status != DONE


def overdue(due_on: date | None, status: str, today: date) -> bool:
    return is_open(status) and due_on is not None and due_on < today
