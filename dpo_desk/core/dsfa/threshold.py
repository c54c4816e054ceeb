"""Threshold analysis (Schwellwertanalyse): is an impact assessment needed for an activity?

The DPO answers one question per criterion of the European guideline WP 248 (nine
criteria); two or more usually mean an assessment is required. A processing named on a list
of the supervisory authorities (Art. 35(4), "Muss-Liste") always requires one. Criteria and
lists are data (``resources/data/dsfa_kriterien.json``) with their source and date; when
the school's state has no list there, the analysis says so and rests on WP 248 alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dpo_desk.core.schools import STATES
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.resource_files import load_json

CRITERIA_FILE = ("data", "dsfa_kriterien.json")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    question: str
    explanation: str


@dataclass(frozen=True)
class ListItem:
    key: str
    text: str


@dataclass(frozen=True)
class MandatoryList:
    """A list of processings that always need an assessment, with its source and date."""

    key: str
    title: str
    short: str
    scope: str
    validity: str
    version: str
    date: str
    source: str
    items: tuple[ListItem, ...]

    @property
    def date_label(self) -> str:
        year, month, day = self.date.split("-")
        return f"{day}.{month}.{year}"


@dataclass(frozen=True)
class StateLists:
    """The lists that apply to a school in ``state``; ``missing`` when the data has none for
    it (the analysis then rests on WP 248 alone), ``note`` says so or adds a hint."""

    state: str
    lists: tuple[MandatoryList, ...]
    note: str = ""
    missing: bool = False

    def item(self, key: str) -> ListItem | None:
        for mandatory in self.lists:
            for item in mandatory.items:
                if item.key == key:
                    return item
        return None


@dataclass(frozen=True)
class Criteria:
    indicators: tuple[Indicator, ...]
    threshold: int
    source: str
    lists: dict[str, MandatoryList]
    states: dict[str, dict[str, Any]]
    public_note: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Criteria:
        wp = data["wp248"]
        lists = {
            key: MandatoryList(
                key,
                entry["titel"],
                entry.get("kurz", key),
                entry.get("bereich", ""),
                entry.get("geltung", ""),
                entry.get("version", ""),
                entry["stand"],
                entry["quelle"],
                tuple(ListItem(i["key"], i["text"]) for i in entry["eintraege"]),
            )
            for key, entry in data.get("listen", {}).items()
        }
        return cls(
            tuple(
                Indicator(c["key"], c["label"], c["frage"], c["erlaeuterung"])
                for c in wp["kriterien"]
            ),
            int(wp.get("schwelle", 2)),
            wp["quelle"],
            lists,
            dict(data.get("laender", {})),
            data.get("oeffentlich_hinweis", ""),
        )

    def for_state(self, state: str) -> StateLists:
        """The lists of the school's state; none (and a German note) when the data has none."""
        name = STATES.get(state, state or "unbekannt")
        entry = self.states.get(state)
        if not entry or not [k for k in entry.get("listen", []) if k in self.lists]:
            return StateLists(
                state,
                (),
                f"Für {name} ist keine Liste der Aufsichtsbehörde (Art. 35 Abs. 4 DSGVO) "
                "hinterlegt. Die Schwellwertanalyse stützt sich deshalb auf die neun "
                "Kriterien der WP 248.",
                missing=True,
            )
        lists = tuple(self.lists[k] for k in entry["listen"] if k in self.lists)
        note = " ".join(p for p in (self.public_note, entry.get("hinweis", "")) if p)
        return StateLists(state, lists, note)


@cache
def criteria() -> Criteria:
    return Criteria.from_json(load_json(*CRITERIA_FILE))


INDICATORS: tuple[Indicator, ...] = criteria().indicators
INDICATOR_KEYS = tuple(i.key for i in INDICATORS)
INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}
THRESHOLD = criteria().threshold

REQUIRED = "required"
NOT_REQUIRED = "not_required"
REQUIRED_BY_LIST = "required_list"
CONCLUSION_LABELS: dict[str, str] = {
    REQUIRED: "DSFA erforderlich",
    NOT_REQUIRED: "DSFA nicht erforderlich",
    REQUIRED_BY_LIST: "DSFA erforderlich (Verarbeitung steht auf der Liste der Aufsichtsbehörde)",
}


@dataclass
class ThresholdAnswers:
    """The DPO's answers: ``indicators`` holds the WP 248 criteria answered with yes,
    ``list_items`` the items of the authorities' lists that the processing matches."""

    indicators: set[str] = field(default_factory=set)
    on_state_list: bool = False
    list_items: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.indicators & set(INDICATOR_KEYS))

    @property
    def listed(self) -> bool:
        return self.on_state_list or bool(self.list_items)


def suggested_conclusion(answers: ThresholdAnswers) -> str:
    if answers.listed:
        return REQUIRED_BY_LIST
    return REQUIRED if answers.count >= THRESHOLD else NOT_REQUIRED


def requires_assessment(conclusion: str) -> bool:
    return conclusion in (REQUIRED, REQUIRED_BY_LIST)


def check_threshold(
    answers: ThresholdAnswers,
    conclusion: str,
    reasoning: str,
    lists: StateLists | None = None,
) -> None:
    """A conclusion that departs from the suggestion needs a written reason; list items
    must belong to the lists that apply (when ``lists`` is given)."""
    problems: list[Problem] = []
    unknown = answers.indicators - set(INDICATOR_KEYS)
    if unknown:
        problems.append(
            Problem("indicators", f"Schwellwertanalyse: unbekannte Kriterien {sorted(unknown)}.")
        )
    if lists is not None:
        strangers = sorted(k for k in answers.list_items if lists.item(k) is None)
        if strangers:
            problems.append(
                Problem(
                    "list_items",
                    "Schwellwertanalyse: Listeneinträge, die für die Schule nicht gelten: "
                    + ", ".join(strangers),
                )
            )
    if conclusion not in CONCLUSION_LABELS:
        problems.append(Problem("conclusion", "Schwellwertanalyse: Ergebnis bitte wählen."))
    elif answers.listed and conclusion != REQUIRED_BY_LIST:
        problems.append(
            Problem(
                "conclusion",
                "Schwellwertanalyse: Die Verarbeitung steht auf der Liste der Aufsichtsbehörde; "
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


def met_labels(answers: ThresholdAnswers) -> list[str]:
    """The WP 248 criteria met, in the guideline's order."""
    return [INDICATOR_BY_KEY[key].label for key in INDICATOR_KEYS if key in answers.indicators]


def result_text(answers: ThresholdAnswers, conclusion: str, day_text: str) -> str:
    """One line for the register entry's DSFA result."""
    named = ", ".join(met_labels(answers))
    text = (
        f"Schwellwertanalyse vom {day_text}: {CONCLUSION_LABELS[conclusion]} "
        f"({answers.count} von {len(INDICATORS)} Kriterien der WP 248 erfüllt)"
    )
    if answers.list_items:
        text += f"; auf der Liste: {', '.join(sorted(answers.list_items, key=_item_order))}"
    return text + (f". Erfüllt: {named}." if named else ".")


def _item_order(key: str) -> tuple[str, int]:
    prefix, _, number = key.rpartition("-")
    return prefix, int(number) if number.isdigit() else 0
