"""Turn the raw table into roster rows and check each one before anything is written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from dpo_desk.core.dates import parse_date
from dpo_desk.core.roster import (
    SchoolYear,
    clean_text,
    grade_of_class,
    name_text_problem,
    person_key,
    pupil_age_problem,
)
from dpo_desk.importers.columns import FIELDS, ColumnMap
from dpo_desk.importers.files import RawTable

TEXT_FIELDS = ("external_id", "last_name", "first_names", "class", "guardian_1", "guardian_2")
MAX_LENGTHS = {
    "external_id": 50,
    "last_name": 200,
    "first_names": 200,
    "class": 30,
    "guardian_1": 200,
    "guardian_2": 200,
}


@dataclass(frozen=True)
class RowProblem:
    """What is wrong where: file line, column heading (may be empty), German message."""

    line: int
    column: str
    message: str

    @property
    def text(self) -> str:
        place = f"Zeile {self.line}"
        if self.column:
            place += f", Spalte „{self.column}“"
        return f"{place}: {self.message}"


@dataclass
class RosterRow:
    line: int
    external_id: str = ""
    last_name: str = ""
    first_names: str = ""
    birth_date: date | None = None
    class_name: str = ""
    guardian_1: str = ""
    guardian_2: str = ""
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def grade(self) -> int | None:
        return grade_of_class(self.class_name)

    @cached_property
    def person_key(self) -> str | None:
        """Asked several times per row (duplicates, matching in preview and apply): computed
        once, when the row is complete (``build_rows`` asks only after filling it)."""
        if self.birth_date is None or not self.last_name or not self.first_names:
            return None
        return person_key(self.last_name, self.first_names, self.birth_date)

    @property
    def display_name(self) -> str:
        return f"{self.last_name}, {self.first_names}".strip(", ")


def build_rows(table: RawTable, columns: ColumnMap, school_year: SchoolYear) -> list[RosterRow]:
    """One ``RosterRow`` per data row, each carrying its problems (empty when valid)."""
    headings = {name: columns.heading_of(table.headings, name) for name in FIELDS}
    mapped = list(columns.columns.items())
    limits = [(name, limit) for name, limit in MAX_LENGTHS.items() if name in columns.columns]
    rows: list[RosterRow] = []
    for raw in table.rows:
        row = RosterRow(line=raw.line)
        if raw.line in table.row_problems:
            row.problems.append(RowProblem(raw.line, "", table.row_problems[raw.line]))
        cells = raw.cells
        values = {name: clean_text(cells[i]) for name, i in mapped}
        refused = set()
        for name in TEXT_FIELDS:
            problem = name_text_problem(values.get(name, ""))
            if problem:
                row.problems.append(RowProblem(raw.line, headings[name], problem))
                values[name] = ""
                refused.add(name)
        for name, limit in limits:
            if len(values[name]) > limit:
                row.problems.append(
                    RowProblem(raw.line, headings[name], f"Mehr als {limit} Zeichen.")
                )
                values[name] = values[name][:limit]
        for name in ("last_name", "first_names", "class"):
            if not values.get(name) and name not in refused:
                row.problems.append(RowProblem(raw.line, headings[name], f"{FIELDS[name]} fehlt."))
        row.external_id = values.get("external_id", "")
        row.last_name = values.get("last_name", "")
        row.first_names = values.get("first_names", "")
        row.class_name = values.get("class", "")
        row.guardian_1 = values.get("guardian_1", "")
        row.guardian_2 = values.get("guardian_2", "")
        _check_birth_date(row, values.get("birth_date", ""), headings["birth_date"], school_year)
        rows.append(row)
    _check_duplicates(rows, columns, table.headings)
    return rows


def _check_birth_date(row: RosterRow, text: str, heading: str, school_year: SchoolYear) -> None:
    if not text:
        row.problems.append(RowProblem(row.line, heading, "Geburtsdatum fehlt."))
        return
    try:
        row.birth_date = parse_date(text)
    except ValueError as exc:
        row.problems.append(RowProblem(row.line, heading, str(exc)))
        return
    problem = pupil_age_problem(row.birth_date, school_year)
    if problem:
        row.problems.append(RowProblem(row.line, heading, problem))


def _check_duplicates(rows: list[RosterRow], columns: ColumnMap, headings: list[str]) -> None:
    by_id: dict[str, list[RosterRow]] = defaultdict(list)
    by_person: dict[str, list[RosterRow]] = defaultdict(list)
    for row in rows:
        if row.external_id:
            by_id[row.external_id.casefold()].append(row)
        if row.person_key:
            by_person[row.person_key].append(row)
    id_heading = columns.heading_of(headings, "external_id")
    for same in by_id.values():
        for row in same[1:] if len(same) > 1 else []:
            first = same[0]
            message = f"Die ID „{row.external_id}“ steht schon in Zeile {first.line}."
            row.problems.append(RowProblem(row.line, id_heading, message))
            first.problems.append(
                RowProblem(first.line, id_heading, f"Dieselbe ID steht noch in Zeile {row.line}.")
            )
    for same in by_person.values():
        for row in same[1:] if len(same) > 1 else []:
            first = same[0]
            row.problems.append(
                RowProblem(
                    row.line,
                    "",
                    f"{row.display_name}, geboren am {row.birth_date:%d.%m.%Y}, steht schon in "
                    f"Zeile {first.line} (dieselbe Person doppelt).",
                )
            )
            first.problems.append(
                RowProblem(first.line, "", f"Dieselbe Person steht noch in Zeile {row.line}.")
            )
