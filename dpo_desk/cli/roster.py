"""``dpo-desk roster import|list``: the roster from the school administration export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dpo_desk.cli.support import (
    EXIT_FAILURE,
    EXIT_REJECTED,
    CliError,
    add_date_option,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
)

COLUMNS = [
    ("key", "Schlüssel"),
    ("external_id", "ID"),
    ("class", "Klasse"),
    ("last_name", "Nachname"),
    ("first_names", "Vorname(n)"),
    ("birth_date", "Geburtsdatum"),
    ("status", "Status"),
    ("left_on", "Abgang"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    roster = commands.add_parser("roster", help="Schülerlisten importieren und anzeigen")
    actions = roster.add_subparsers(dest="roster_command", metavar="AKTION", required=True)

    imp = actions.add_parser("import", help="Schülerliste (CSV oder XLSX) importieren")
    imp.add_argument("file", metavar="DATEI", help="Export der Schulverwaltung (CSV oder XLSX)")
    add_school_option(imp)
    imp.add_argument("--school-year", metavar="JJJJ/JJ", help="Schuljahr, z. B. 2026/27")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FELD=SPALTE",
        help="Spalte einem Feld zuordnen (external_id, last_name, first_names, birth_date, "
        "class, guardian_1, guardian_2); wird für die Schule gemerkt",
    )
    imp.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts speichern")
    imp.add_argument(
        "--valid-rows-only",
        action="store_true",
        help="fehlerhafte Zeilen auslassen und den Rest importieren",
    )
    add_date_option(
        imp,
        "--leavers-left-on",
        "Schüler, die nicht mehr in der Liste stehen, mit diesem Datum als abgegangen markieren",
    )
    imp.set_defaults(handler=_import)

    listing = actions.add_parser("list", help="Schüler auflisten")
    add_school_option(listing)
    listing.add_argument("--class", dest="class_name", metavar="KLASSE", help="nur diese Klasse")
    listing.add_argument("--school-year", metavar="JJJJ/JJ", help="Schuljahr (Standard: aktuell)")
    listing.add_argument(
        "--include-left", action="store_true", help="auch abgegangene Schüler zeigen"
    )
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    from dpo_desk.cli.erasure import add_erase

    add_erase(actions)


def _import(args: argparse.Namespace) -> int:
    from dpo_desk.importers.columns import parse_map_option
    from dpo_desk.services.roster import importing as roster_import
    from dpo_desk.services.schools import find_school

    explicit: dict[str, str] = {}
    for text in args.map:
        try:
            name, heading = parse_map_option(text)
        except ValueError as exc:
            raise CliError(f"Fehler: --map {exc}") from None
        explicit[name] = heading
    left_on = args.leavers_left_on
    ctx = open_context(args)
    school = find_school(ctx, args.school)
    preview = roster_import.prepare_import(
        ctx, school.id, Path(args.file), args.school_year, explicit
    )
    # Leavers are counted, not named: stdout may end up in a log or a mail.
    for line in roster_import.summary_lines(preview):
        print(line)
    for notice in preview.notices:
        print(f"Hinweis: {notice}", file=sys.stderr)
    for problem in preview.problems:
        print(f"Fehler: {problem.text}", file=sys.stderr)
    if preview.problems and not args.valid_rows_only:
        print(
            "Es wurde nichts gespeichert. Bitte die Datei korrigieren oder mit "
            "--valid-rows-only nur die fehlerfreien Zeilen importieren.",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    if args.dry_run:
        print("Probelauf (--dry-run): Es wurde nichts gespeichert.")
        return 0
    from dpo_desk.services.safety.backup import BackupError

    try:
        result = roster_import.apply_import(
            ctx,
            preview,
            valid_rows_only=args.valid_rows_only,
            leavers_left_on=left_on,
            backup_first=True,
        )
    except BackupError as exc:
        raise CliError(
            f"Fehler: {exc}\nDie Sicherung vor dem Import ist gescheitert; es wurde nichts "
            "importiert.",
            EXIT_FAILURE,
        ) from None
    print(
        f"Gespeichert: {result.created} neu, {result.updated} geändert, "
        f"{result.unchanged} unverändert, {result.marked_left} als abgegangen markiert."
    )
    if result.left_out:
        lines = ", ".join(str(row.line) for row in result.left_out)
        print(f"Ausgelassen wegen Fehlern: {len(result.left_out)} Zeilen ({lines}).")
    if preview.leavers and left_on is None:
        print(
            f"{len(preview.leavers)} Schüler stehen nicht mehr in der Liste und bleiben "
            "unverändert. Mit --leavers-left-on TT.MM.JJJJ als abgegangen markieren."
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.services.roster import students as roster
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    students = roster.list_students(
        ctx,
        school.id,
        school_year=args.school_year,
        class_name=args.class_name,
        include_left=args.include_left,
    )
    rows = [s.as_dict() for s in students]
    if args.format == "table":
        for row, student in zip(rows, students, strict=True):
            row["birth_date"] = f"{student.birth_date:%d.%m.%Y}"
            row["status"] = student.status_label
            row["left_on"] = f"{student.left_on:%d.%m.%Y}" if student.left_on else ""
    print_rows(rows, COLUMNS, args.format)
    if args.format == "table":
        print(f"{len(rows)} Schüler", file=sys.stderr)
    return 0
