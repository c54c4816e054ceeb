"""A vendor's list of measures (the TOM annex of a contract) turned into measures to review.

Pasted text, CSV or XLSX rows arrive as lines; each line becomes a title (and a
description after a colon, a tab or in the second column), stripped of bullets and
numbering. A line that only names a control type or protection goal ("Zutrittskontrolle:")
is a heading: the lines under it (to the next empty line) inherit it. Every measure gets a
suggested protection goal, control type and status from keyword rules (data in
``resources/data/tom_zuordnung.json``, never code). Empty lines are skipped and counted;
duplicates (in the list or already at the processor) are marked and left unticked.
Plain values in and out: no file, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dpo_desk.core.register.values import (
    CONTROL_TYPES,
    PROTECTION_GOALS,
    TOM_IN_PLACE,
    TOM_STATUSES,
)

MAX_LINES = 500
MAX_TITLE = 300
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪◦]+|\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-zA-Z][.)])\s+")
_SPLIT = re.compile(r"\t|:\s+| – | - ")
_HEADER_WORDS = {"maßnahme", "massnahme", "titel", "bezeichnung", "maßnahmen", "tom"}


@dataclass(frozen=True)
class Rule:
    """Keywords and what they suggest (any of the three may be empty)."""

    keywords: tuple[str, ...]
    protection_goal: str = ""
    control_type: str = ""


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    status_keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    default_goal: str = "confidentiality"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rules:
        rules = tuple(
            Rule(
                tuple(_fold(k) for k in entry["stichwoerter"]),
                entry.get("schutzziel", ""),
                entry.get("kontrollart", ""),
            )
            for entry in data["regeln"]
        )
        status = {
            code: tuple(_fold(k) for k in words)
            for code, words in data.get("stand", {}).items()
            if code in TOM_STATUSES
        }
        return cls(rules, status, data.get("schutzziel_sonst", "confidentiality"))


@dataclass
class ImportLine:
    """One measure of the list as the reviewer sees it; ``include`` is whether it is saved."""

    line: int
    title: str
    description: str = ""
    protection_goal: str = ""
    control_type: str = ""
    status: str = TOM_IN_PLACE
    note: str = ""
    include: bool = True


@dataclass
class ImportPreview:
    lines: list[ImportLine]
    empty_lines: int = 0
    headings: int = 0

    @property
    def included(self) -> list[ImportLine]:
        return [line for line in self.lines if line.include]


def _fold(text: str) -> str:
    """Lower case without accents except umlauts kept as such (ä stays ä)."""
    return unicodedata.normalize("NFC", text).casefold().strip()


def _key(title: str) -> str:
    """The duplicate key: case, spacing and punctuation ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", _fold(title)).split())


# The section headings of Art. 32 DSGVO that vendors' annexes use besides the goals and
# control types: (goal, control) for the lines below ("" where the heading says nothing).
SECTION_HEADINGS: dict[str, tuple[str, str]] = {
    "verfügbarkeit und belastbarkeit": ("availability", ""),
    "belastbarkeit": ("availability", ""),
    "vertraulichkeit und integrität": ("", ""),
    "verfahren zur regelmäßigen überprüfung": ("", ""),
    "verfahren zur regelmäßigen überprüfung, bewertung und evaluierung": ("", ""),
    "pseudonymisierung und verschlüsselung": ("confidentiality", ""),
}
_LEGAL_NOTE = re.compile(r"\s*\((art\.|gem\.|§)[^)]*\)\s*$", re.IGNORECASE)


def _heading_of(text: str) -> tuple[str, str] | None:
    """(goal, control) when the whole line names a control type, a protection goal or a
    section of Art. 32 (a trailing "(Art. 32 Abs. 1 lit. b DSGVO)" is ignored)."""
    name = _fold(_LEGAL_NOTE.sub("", text.rstrip(":").strip()))
    if name in SECTION_HEADINGS:
        return SECTION_HEADINGS[name]
    for code, label in CONTROL_TYPES.items():
        if name == _fold(label):
            return "", code
    for code, label in PROTECTION_GOALS.items():
        if name == _fold(label):
            return code, ""
    return None


def split_line(cells: Sequence[str]) -> tuple[str, str]:
    """Title and description of a row: two cells, or one cell split at the first
    colon, tab or dash; bullets and numbering removed."""
    values = [c.strip() for c in cells if c and c.strip()]
    if not values:
        return "", ""
    first = _BULLET.sub("", values[0]).strip()
    if len(values) > 1:
        return first, " ".join(values[1:])
    parts = _SPLIT.split(first, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and len(parts[0]) <= 120:
        return parts[0].strip(), parts[1].strip()
    return first, ""


def suggest(rules: Rules, title: str, description: str) -> tuple[str, str, str]:
    """(protection goal, control type, status) the keywords suggest; the goal falls back to
    the rules' default, the control type to none, the status to "in place"."""
    text = _fold(f"{title} {description}")
    goal_score = control_score = 0
    goal, control = "", ""
    for rule in rules.rules:
        hits = sum(1 for keyword in rule.keywords if keyword in text)
        if not hits:
            continue
        if rule.protection_goal and hits > goal_score:
            goal, goal_score = rule.protection_goal, hits
        if rule.control_type and hits > control_score:
            control, control_score = rule.control_type, hits
    status = TOM_IN_PLACE
    for code, words in rules.status_keywords.items():
        if any(word in text for word in words):
            status = code
            break
    return goal or rules.default_goal, control, status


def preview(
    rows: Iterable[tuple[int, Sequence[str]]],
    rules: Rules,
    existing_titles: Iterable[str] = (),
) -> ImportPreview:
    """The review list of ``rows`` ((line number, cells) as read from the text or file)."""
    existing = {_key(t) for t in existing_titles}
    seen: dict[str, int] = {}
    result = ImportPreview([])
    context_goal = context_control = ""
    for number, cells in rows:
        title, description = split_line(cells)
        if not title:
            result.empty_lines += 1
            context_goal = context_control = ""  # a heading reaches to the next empty line
            continue
        heading = _heading_of(title)
        if heading is not None and not description:
            context_goal, context_control = heading
            result.headings += 1
            continue
        given_goal, given_control = context_goal, context_control
        if heading is not None:  # "Zutrittskontrolle: Ausweiskarten am Rechenzentrum"
            given_goal, given_control = heading
            title, description = description, ""
        goal, control, status = suggest(rules, title, description)
        if given_control:
            control = given_control
            goal = _goal_for_control(rules, given_control) or goal
        if given_goal:
            goal = given_goal
        line = ImportLine(number, title, description, goal, control, status)
        key = _key(title)
        if key in existing:
            line.note, line.include = "schon beim Auftragsverarbeiter erfasst", False
        elif key in seen:
            line.note, line.include = f"doppelt (wie Zeile {seen[key]})", False
        else:
            seen[key] = number
        if len(title) > MAX_TITLE:
            line.note = f"Titel länger als {MAX_TITLE} Zeichen: bitte kürzen"
        result.lines.append(line)
        if len(result.lines) >= MAX_LINES:
            break
    return result


def _goal_for_control(rules: Rules, control: str) -> str:
    for rule in rules.rules:
        if rule.control_type == control and rule.protection_goal:
            return rule.protection_goal
    return ""


def text_rows(text: str) -> list[tuple[int, list[str]]]:
    """Pasted text as rows: one line each, a tab separating title and description."""
    return [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), start=1)]


def looks_like_header(cells: Sequence[str]) -> bool:
    """A first CSV/XLSX row such as "Maßnahme;Beschreibung"."""
    words = {_fold(c) for c in cells if c and c.strip()}
    return bool(words) and bool(words & _HEADER_WORDS)
