"""``dpo-desk due``: everything due, for one school or all, as a table, CSV, JSON or an
iCalendar file; ``print annual-report`` (``add_annual_print``): the DPO's annual report."""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.support import (
    CliError,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
    school_id_of,
)

COLUMNS = [
    ("due", "Fällig"),
    ("overdue", "Überfällig"),
    ("school", "Schule"),
    ("kind", "Art"),
    ("title", "Was"),
    ("detail", "Hinweis"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("due", help="Alles Fällige: Fristen und Prüftermine")
    which = command.add_mutually_exclusive_group()
    which.add_argument(
        "--school", metavar="NAME", help="Name oder Schulnummer (entfällt bei nur einer Schule)"
    )
    which.add_argument("--all-schools", action="store_true", help="alle Schulen in einer Liste")
    command.add_argument("--within", type=int, metavar="TAGE", help="nur die nächsten TAGE")
    add_format_option(command)
    command.add_argument("--ical", metavar="DATEI.ics", help="zusätzlich als Kalenderdatei")
    command.set_defaults(handler=_due)


def add_annual_print(documents: argparse._SubParsersAction) -> None:
    command = documents.add_parser("annual-report", help="Tätigkeitsbericht der/des DSB")
    command.add_argument("--year", type=int, metavar="JJJJ", help="Berichtsjahr")
    command.add_argument("-o", "--output", metavar="DATEI.pdf", help="Zieldatei")
    add_school_option(command)
    command.set_defaults(handler=_annual)


def _due(args: argparse.Namespace) -> int:
    from dpo_desk.services.due.calendar import export_calendar
    from dpo_desk.services.due.items import due_list

    if args.within is not None and args.within < 0:
        raise CliError("--within: bitte eine Zahl von Tagen ab 0 angeben.")
    ctx = open_context(args)
    try:
        schools = None if args.all_schools else [school_id_of(ctx, args)]
    except LookupError as exc:
        if args.school is not None:
            raise
        raise LookupError(f"{exc.args[0]} Oder --all-schools für alle Schulen.") from None
    due = due_list(ctx, schools, args.within)
    table = args.format == "table"
    rows = []
    for item in due.items:
        overdue = due.is_overdue(item)
        when = item.due_at.astimezone() if item.due_at else None
        rows.append(
            {
                "due": (f"{when:%d.%m.%Y %H:%M}" if when else f"{item.due:%d.%m.%Y}")
                if table
                else (item.due_at.isoformat() if item.due_at else item.due.isoformat()),
                "overdue": ("ja" if overdue else "") if table else overdue,
                "school": item.school_name,
                "kind": item.kind_label if table else item.kind,
                "title": item.title,
                "detail": item.detail,
                "key": item.target.key or None,
            }
        )
    if args.ical:
        count = export_calendar(due, args.ical)
        print(
            f"Kalenderdatei gespeichert: {args.ical} ({count} Termine).",
            file=sys.stderr,
        )
    if table and not rows:
        print("Nichts fällig.")
        return 0
    columns = COLUMNS if table else [*COLUMNS, ("key", "Schlüssel")]
    print_rows(rows, columns, args.format)
    return 0


def _annual(args: argparse.Namespace) -> int:
    from dpo_desk.services.annual.report import default_year, print_annual_report

    ctx = open_context(args)
    school_id = school_id_of(ctx, args)
    year = args.year or default_year(ctx.clock.today())
    result = print_annual_report(
        ctx, school_id, year, args.output or f"Taetigkeitsbericht_{year}.pdf"
    )
    print(f"Tätigkeitsbericht {year} gespeichert: {result.path} ({result.pages} Seiten).")
    return 0
