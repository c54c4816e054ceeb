"""German sentences printed from a template's terms: how long the consent holds.

The "Umstand" of a "solange ein Umstand besteht" template is typed by people in many ways
("Dauer der eingeschränkten Beschulung", "für die Dauer des Distanzunterrichts", "solange
der Distanzunterricht dauert", "Distanzunterricht"); each becomes a correct sentence.
"""

from __future__ import annotations

from dpo_desk.core.consent.values import Duration, DurationKind
from dpo_desk.core.dates import format_date

UNTIL_LEAVING = "bis zum Verlassen der Schule"
_NUMBERS = {
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
}
_CONNECTORS = ("für", "solange", "während", "bis")
_ARTICLES = ("die", "das")
_VERBS = (
    "ist", "sind", "besteht", "bestehen", "dauert", "andauert", "anhält", "gilt", "gelten",
    "läuft", "stattfindet", "erfolgt", "nötig ist",
)  # fmt: skip


def condition_phrase(condition: str) -> str:
    """The condition as it follows "Die Einwilligung gilt …"."""
    text = " ".join(condition.split()).rstrip(".;, ")
    if not text:
        return "solange der vereinbarte Umstand besteht"
    first, _, rest = text.partition(" ")
    word = first.lower()
    if word == "so" and rest.lower().startswith("lange "):
        return "solange " + rest[6:]
    if word in _CONNECTORS and rest:
        return f"{word} {rest}"
    if word == "dauer" and rest:
        return f"für die {text}"
    if text.lower().endswith(_VERBS):
        return f"solange {text}"
    if word in _ARTICLES and rest:
        return f"für {word} {rest}"
    return f"solange folgender Umstand besteht: {text}"


def years_text(years: int) -> str:
    if years == 1:
        return "einem Jahr"
    return f"{_NUMBERS.get(years, str(years))} Jahren"


def duration_sentences(duration: Duration) -> str:
    """E.g. "Die Einwilligung gilt bis auf Widerruf, längstens bis zum Verlassen der Schule.
    Nach zwei Jahren bitten wir um eine erneute Erklärung." """
    kind = duration.kind
    if kind is DurationKind.UNTIL_DATE and duration.end_date is not None:
        main = f"bis zum {format_date(duration.end_date)}"
    elif kind is DurationKind.WHILE_CONDITION:
        main = condition_phrase(duration.condition)
    elif kind is DurationKind.UNTIL_LEAVING:
        main = UNTIL_LEAVING
    else:
        main = "bis auf Widerruf"
    comma = "," if main.startswith("solange") else ""  # a clause: "gilt, solange …"
    sentence = f"Die Einwilligung gilt{comma} {main}"
    if kind is not DurationKind.UNTIL_LEAVING:
        separator = "; sie endet spätestens" if main.startswith("solange folgender") else ","
        if separator == ",":
            sentence += f", längstens {UNTIL_LEAVING}"
        else:
            sentence += f"{separator} mit dem Verlassen der Schule"
    sentence += "."
    if duration.renewal_years:
        sentence += (
            f" Nach {years_text(duration.renewal_years)} bitten wir um eine erneute Erklärung."
        )
    return sentence
