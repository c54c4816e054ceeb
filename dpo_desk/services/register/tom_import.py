"""Bulk import of a vendor's measure list into a processor: read and suggest (no write),
then save the reviewed measures in one transaction.

The suggestions come from ``resources/data/tom_zuordnung.json``; the review happens in the
window (or the command line shows the preview). Saving validates every line first; one bad
line refuses the whole list with its line number, so nothing is written half.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from functools import cache
from pathlib import Path

from sqlalchemy import select

from dpo_desk.core.register.rules import tom_problems
from dpo_desk.core.register.tom_import import (
    ImportLine,
    ImportPreview,
    Rules,
    looks_like_header,
    preview,
    text_rows,
)
from dpo_desk.core.register.values import TomData
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.importers.measures import MeasureFileError, read_measure_rows
from dpo_desk.resource_files import load_json
from dpo_desk.services.changes import Counted
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register.mapping import jsonable
from dpo_desk.services.register.toms import ENTITY, clean_tom
from dpo_desk.services.versions import RecordGone
from dpo_desk.store.models import Processor, TomMeasure

RULES = ("data", "tom_zuordnung.json")


@cache
def suggestion_rules() -> Rules:
    return Rules.from_json(load_json(*RULES))


def _existing_titles(ctx: ServiceContext, processor_id: int) -> list[str]:
    with ctx.reading() as session:
        if session.get(Processor, processor_id) is None:
            raise RecordGone("Diesen Auftragsverarbeiter gibt es nicht mehr.")
        return list(
            session.scalars(select(TomMeasure.title).where(TomMeasure.processor_id == processor_id))
        )


def preview_text(ctx: ServiceContext, processor_id: int, text: str) -> ImportPreview:
    """Pasted text as measures to review, with suggestions; nothing is written."""
    return preview(text_rows(text), suggestion_rules(), _existing_titles(ctx, processor_id))


def preview_file(ctx: ServiceContext, processor_id: int, path: Path) -> ImportPreview:
    """A text, CSV or XLSX file as measures to review; a file that cannot be read is a
    ``ValidationError`` naming it (nothing is written)."""
    try:
        rows, kind = read_measure_rows(Path(path))
    except MeasureFileError as exc:
        raise ValidationError([Problem("file", str(exc))]) from None
    if kind != "Text" and rows and looks_like_header(rows[0][1]):
        rows = rows[1:]
    return preview(rows, suggestion_rules(), _existing_titles(ctx, processor_id))


def lines_to_measures(lines: Sequence[ImportLine], processor_id: int) -> list[tuple[int, TomData]]:
    """The ticked lines as measures of the processor, with their line numbers."""
    return [
        (
            line.line,
            TomData(
                line.title,
                line.description,
                line.protection_goal,
                line.control_type,
                processor_id,
                line.status,
            ),
        )
        for line in lines
        if line.include
    ]


def import_measures(
    ctx: ServiceContext, processor_id: int, measures: Sequence[tuple[int, TomData]]
) -> Counted:
    """Save the reviewed measures (line number, values) of one processor together. Refused
    as a whole, naming the lines, when one is invalid, empty or a duplicate."""
    cleaned = [(line, clean_tom(data)) for line, data in measures]
    problems: list[Problem] = []
    if not cleaned:
        problems.append(Problem("lines", "Es ist keine Maßnahme zum Übernehmen ausgewählt."))
    seen: dict[str, int] = {}
    existing = {t.casefold() for t in _existing_titles(ctx, processor_id)}
    for line, data in cleaned:
        for problem in tom_problems(data):
            problems.append(Problem(f"line.{line}", f"Zeile {line}: {problem.message}"))
        key = data.title.casefold()
        if key in existing:
            problems.append(
                Problem(f"line.{line}", f"Zeile {line}: „{data.title}“ ist schon erfasst.")
            )
        elif key and key in seen:
            problems.append(
                Problem(
                    f"line.{line}",
                    f"Zeile {line}: „{data.title}“ steht schon in Zeile {seen[key]}.",
                )
            )
        seen.setdefault(key, line)
    if problems:
        raise ValidationError(problems)
    with ctx.unit_of_work() as uow:
        owner = uow.session.get(Processor, processor_id)
        if owner is None:
            raise RecordGone("Diesen Auftragsverarbeiter gibt es nicht mehr. Nichts gespeichert.")
        for _line, data in cleaned:
            fields = {**asdict(data), "processor_id": owner.id}
            row = TomMeasure(school_id=owner.school_id, **fields)
            uow.session.add(row)
            uow.session.flush()
            audit = {**jsonable(fields), "from": "import"}
            uow.audit(ENTITY, row.id, "create", audit, school_id=owner.school_id)
        return Counted(len(cleaned), changes=uow.changes)
