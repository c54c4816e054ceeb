"""Import a roster file: preview exactly what will happen, then write it in one transaction.

Default: nothing is written while any row has a problem. ``valid_rows_only`` imports the
rest and hands back the rows left out. Students missing from the file are only offered as
leavers; they are marked as left (with a date) when the caller says so, never deleted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dpo_desk.core.roster import SchoolYear, parse_school_year, school_year_of
from dpo_desk.core.validation import Problem, ValidationError
from dpo_desk.importers.columns import FIELDS, ColumnMap, map_columns, remembered_applicable
from dpo_desk.importers.files import RawTable, RosterFileError, read_table
from dpo_desk.importers.rows import RosterRow, RowProblem, build_rows
from dpo_desk.services.changes import Changes, changes_field
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.heap import bulk_work
from dpo_desk.services.roster.plan import Plan, load_known, make_plan
from dpo_desk.services.roster.writing import (
    create_students,
    drop_empty_classes,
    ensure_classes,
    mark_left_in,
    remember_mapping_in,
    update_student_from_row,
)
from dpo_desk.store.models import RosterMapping, SchoolClass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedStudent:
    line: int
    student_id: int | None
    name: str
    class_name: str
    changes: dict[str, list]


@dataclass(frozen=True)
class LeaverCandidate:
    student_id: int
    name: str
    class_name: str
    external_id: str


@dataclass
class ImportPreview:
    school_id: int
    school_year: str
    previous_year: str | None
    file_name: str
    file_kind: str
    columns: dict[str, str]
    ignored_columns: list[str]
    rows: list[RosterRow]
    new: list[PlannedStudent]
    changed: list[PlannedStudent]
    unchanged: int
    leavers: list[LeaverCandidate]
    problems: list[RowProblem]
    mapping_to_remember: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # e.g. text in a wrong encoding
    prepared_on: date = field(default_factory=date.today)
    """The day of the preview (the context's clock)."""

    @property
    def year_change(self) -> bool:
        return self.previous_year is not None and self.previous_year != self.school_year

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})

    @property
    def default_leaving_date(self) -> date:
        """End of the previous school year on a year change, else today."""
        if self.year_change and self.previous_year:
            return parse_school_year(self.previous_year).last_day
        return self.prepared_on


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    marked_left: int
    left_out: list[RosterRow]
    problems: list[RowProblem]
    changes: Changes = changes_field()


def current_school_year(session: Session, school_id: int) -> str | None:
    return session.scalar(
        select(func.max(SchoolClass.school_year)).where(SchoolClass.school_id == school_id)
    )


def remembered_mapping(ctx: ServiceContext, school_id: int) -> dict[str, str]:
    with ctx.reading() as session:
        stored = session.get(RosterMapping, school_id)
        return dict(stored.mapping) if stored else {}


def read_file(path: Path) -> RawTable:
    """The raw table; ValidationError with the German reason when the file is unusable."""
    try:
        return read_table(path)
    except RosterFileError as exc:
        raise ValidationError([Problem("file", str(exc))]) from None


def columns_for(
    ctx: ServiceContext, school_id: int, headings: list[str], explicit: dict[str, str] | None
) -> tuple[ColumnMap, dict[str, str]]:
    """The column map from the remembered mapping plus ``explicit`` (which wins)."""
    merged = remembered_applicable(headings, remembered_mapping(ctx, school_id))
    merged.update(explicit or {})
    return map_columns(headings, merged), dict(explicit or {})


def preview_import(
    ctx: ServiceContext,
    school_id: int,
    table: RawTable,
    file_name: str,
    school_year: str | None = None,
    explicit: dict[str, str] | None = None,
) -> ImportPreview:
    columns, to_remember = columns_for(ctx, school_id, table.headings, explicit)
    file_problems = [Problem("columns", p) for p in columns.problems]
    if mapping := columns.mapping_problems():
        found = ", ".join(f"„{h}“" for h in table.headings if h)
        file_problems.append(
            Problem(
                "columns",
                f"In „{file_name}“: {' '.join(mapping)} Vorhandene Spalten: {found}. "
                "Bitte zuordnen (z. B. --map last_name=Zuname).",
            )
        )
    if file_problems:
        raise ValidationError(file_problems)
    with ctx.reading() as session:
        current = current_school_year(session, school_id)
        year = _target_year(school_year, current, ctx.clock.today())
        rows = build_rows(table, columns, year)
        known = load_known(session, school_id, str(year))
    plan = make_plan(rows, known, set(columns.columns))
    preview = _preview(
        school_id, str(year), current, file_name, table, columns, rows, plan, to_remember
    )
    preview.prepared_on = ctx.clock.today()
    return preview


def prepare_import(
    ctx: ServiceContext,
    school_id: int,
    path: Path,
    school_year: str | None = None,
    explicit: dict[str, str] | None = None,
) -> ImportPreview:
    """Read, map, check and match a file: everything short of writing."""
    with bulk_work():
        table = read_file(path)
        return preview_import(ctx, school_id, table, path.name, school_year, explicit)


def _target_year(requested: str | None, current: str | None, today: date) -> SchoolYear:
    try:
        year = parse_school_year(requested) if requested else None
    except ValueError as exc:
        raise ValidationError([Problem("school_year", str(exc))]) from None
    if year is None:
        year = parse_school_year(current) if current else school_year_of(today)
    if current and year < parse_school_year(current):
        raise ValidationError(
            [
                Problem(
                    "school_year",
                    f"Das Schuljahr {year} liegt vor dem aktuellen Schuljahr {current} dieser "
                    "Schule. Ältere Schuljahre bleiben als Verlauf unverändert.",
                )
            ]
        )
    return year


def _preview(
    school_id: int,
    year: str,
    current: str | None,
    file_name: str,
    table: RawTable,
    columns: ColumnMap,
    rows: list[RosterRow],
    plan: Plan,
    to_remember: dict[str, str],
) -> ImportPreview:
    problems = [p for row in rows for p in row.problems]
    problems += [p for line_problems in plan.problems.values() for p in line_problems]
    problems.sort(key=lambda p: p.line)
    return ImportPreview(
        school_id=school_id,
        school_year=year,
        previous_year=current,
        file_name=file_name,
        file_kind=table.file_kind,
        columns={name: table.headings[i] for name, i in columns.columns.items()},
        ignored_columns=list(columns.ignored),
        rows=rows,
        new=[PlannedStudent(r.line, None, r.display_name, r.class_name, {}) for r in plan.creates],
        changed=[
            PlannedStudent(r.line, k.id, r.display_name, r.class_name, c)
            for r, k, c in plan.updates
        ],
        unchanged=len(plan.unchanged),
        leavers=[
            LeaverCandidate(k.id, k.display_name, k.latest_class, k.external_id)
            for k in plan.leavers
        ],
        problems=problems,
        mapping_to_remember=to_remember,
        notices=list(table.notices),
    )


def apply_import(
    ctx: ServiceContext,
    preview: ImportPreview,
    *,
    valid_rows_only: bool = False,
    leavers_left_on: date | None = None,
    leaver_ids: set[int] | None = None,
    backup_first: bool = False,
) -> ImportResult:
    """Write the previewed import in one transaction with one audit event per student.

    ``leavers_left_on``: mark the students missing from the file (all, or ``leaver_ids``)
    as left on that date. Without it, they stay as they are. ``backup_first``: write a
    verified backup before (raises ``BackupError`` and writes nothing when that fails).
    """
    if preview.problems and not valid_rows_only:
        raise ValidationError([Problem(f"Zeile {p.line}", p.text) for p in preview.problems])
    if backup_first:
        from dpo_desk.services.safety.backup import backup_before_large_import

        backup_before_large_import(ctx)
    year = preview.school_year
    with bulk_work(), ctx.unit_of_work() as uow:
        session = uow.session
        if current_school_year(session, preview.school_id) != preview.previous_year:
            raise ValidationError(
                [
                    Problem(
                        "school_year", "Das Schuljahr wurde inzwischen geändert. Bitte neu prüfen."
                    )
                ]
            )
        known = load_known(session, preview.school_id, year)
        plan = make_plan(preview.rows, known, set(preview.columns))
        classes = ensure_classes(uow, preview.school_id, year, plan)
        created = create_students(uow, preview.school_id, year, plan.creates, classes)
        for row, student, changes in plan.updates:
            update_student_from_row(uow, preview.school_id, year, row, student, changes, classes)
        marked = 0
        if leavers_left_on is not None:
            for leaver in plan.leavers:
                if leaver_ids is None or leaver.id in leaver_ids:
                    mark_left_in(uow, preview.school_id, leaver, leavers_left_on)
                    marked += 1
        uow.session.flush()
        drop_empty_classes(uow, preview.school_id, year)
        if preview.mapping_to_remember:
            remember_mapping_in(uow, preview.school_id, preview.mapping_to_remember)
        left_out = [row for row in preview.rows if not plan.row_ok(row)]
        uow.audit(
            "roster_import",
            None,
            "import",
            {
                "school_year": year,
                "created": created,
                "updated": len(plan.updates),
                "unchanged": len(plan.unchanged),
                "marked_left": marked,
                "left_out_lines": [row.line for row in left_out],
            },
            school_id=preview.school_id,
        )
        changes = uow.changes
    log.info(
        "roster import school=%s year=%s created=%s updated=%s left=%s skipped=%s",
        preview.school_id,
        year,
        created,
        len(plan.updates),
        marked,
        len(left_out),
    )
    return ImportResult(
        created,
        len(plan.updates),
        len(plan.unchanged),
        marked,
        left_out,
        preview.problems,
        changes=changes,
    )


def summary_lines(preview: ImportPreview) -> list[str]:
    """The preview in German sentences, as the CLI prints it and the wizard shows it.

    Leavers are only counted: the CLI's output may land in a log or a mail, and the wizard
    lists them itself, with check boxes."""
    lines = [
        f"Datei: {preview.file_name} ({preview.file_kind}), {len(preview.rows)} Zeilen, "
        f"Schuljahr {preview.school_year}",
    ]
    if preview.year_change:
        lines.append(
            f"Schuljahreswechsel: {preview.previous_year} → {preview.school_year}. Die Klassen "
            f"von {preview.previous_year} bleiben als Verlauf erhalten."
        )
    used = ", ".join(f"{FIELDS[n]} ← „{h}“" for n, h in preview.columns.items())
    lines.append(f"Zugeordnete Spalten: {used}")
    if preview.ignored_columns:
        ignored = ", ".join(f"„{h}“" for h in preview.ignored_columns)
        lines.append(f"Nicht übernommen (Datensparsamkeit): {ignored}")
    lines.append(
        f"Neu: {len(preview.new)}  Geändert: {len(preview.changed)}  "
        f"Unverändert: {preview.unchanged}  Nicht mehr in der Liste: {len(preview.leavers)}"
    )
    if preview.problems:
        lines.append(
            f"Fehler: {len(preview.problems)} (betroffene Zeilen: {len(preview.rejected_lines)})"
        )
    return lines
