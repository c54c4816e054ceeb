"""Demo rosters: about 200 pupils at the primary school, about 1,200 at the comprehensive.

Invented names, drawn deterministically from ``resources/data/demo_names.json`` and written
through the same import path a real file takes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dpo_desk.core.roster import SchoolYear, grade_of_class
from dpo_desk.importers.files import RawRow, RawTable
from dpo_desk.resource_files import load_json
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.roster import importing as roster_import
from dpo_desk.services.roster import students as roster

DEMO_YEAR = SchoolYear(2026)
HEADINGS = ["Schüler-ID", "Nachname", "Vorname", "Geburtsdatum", "Klasse", "Erziehungsberechtigte"]
LAYOUT = {
    "small": [(f"{g}{c}", 25) for g in range(1, 5) for c in "ab"],
    "large": [(f"{g}{c}", 27) for g in range(5, 11) for c in "abcde"]
    + [("EF", 135), ("Q1", 130), ("Q2", 125)],
}
SEEDS = {"small": 19_001, "large": 19_002}


class NamePool:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.groups = load_json("data", "demo_names.json")["groups"]
        self.weights = [g["weight"] for g in self.groups]

    def person(self) -> tuple[str, str, str]:
        """Last name, first name(s), a guardian's name."""
        group = self.rng.choices(self.groups, self.weights)[0]
        last = self.rng.choice(group["last_names"])
        if self.rng.random() < 0.06:
            other = self.rng.choice(group["last_names"])
            if other != last and " " not in other + last:
                last = f"{last}-{other}"
        given = group["girls"] if self.rng.random() < 0.5 else group["boys"]
        first = self.rng.choice(given)
        if self.rng.random() < 0.15:
            second = self.rng.choice(given)
            if second != first and " " not in first + second:
                first = f"{first} {second}"
        parent = self.rng.choice(group["girls"] + group["boys"]).split()[-1]
        guardian = f"{parent} {last}"
        return last, first, guardian


def _birth_date(rng: random.Random, grade: int) -> date:
    # At the start of the school year a pupil in grade g is usually g + 5 years old.
    youngest = date(DEMO_YEAR.start - grade - 5, 7, 31)
    return youngest - timedelta(days=rng.randrange(0, 365 + (120 if grade > 6 else 30)))


def roster_table(size: str) -> RawTable:
    rng = random.Random(SEEDS[size])
    names = NamePool(rng)
    rows: list[RawRow] = []
    seen: set[tuple[str, str, date]] = set()
    number = 1000 if size == "small" else 50000
    for class_name, count in LAYOUT[size]:
        grade = grade_of_class(class_name) or 5
        for _ in range(count):
            while True:
                last, first, guardian = names.person()
                born = _birth_date(rng, grade)
                if (last, first, born) not in seen:
                    seen.add((last, first, born))
                    break
            number += 1
            guardian_cell = guardian if size == "small" or grade < 11 else ""
            rows.append(
                RawRow(
                    len(rows) + 2,
                    [f"{number}", last, first, f"{born:%d.%m.%Y}", class_name, guardian_cell],
                )
            )
    return RawTable(headings=list(HEADINGS), rows=rows, file_kind="Demo-Daten")


def seed(ctx: ServiceContext, demo_schools: list[DemoSchool]) -> None:
    for school in demo_schools:
        if school.size not in LAYOUT:
            continue
        if roster.list_students(ctx, school.id, include_left=True):
            continue
        preview = roster_import.preview_import(
            ctx, school.id, roster_table(school.size), "Demo-Schülerliste", str(DEMO_YEAR)
        )
        roster_import.apply_import(ctx, preview)
