"""``dpo-desk dsfa list|print``: impact assessments. ``add_dsfa_print`` lets the ``print``
group offer the same command as ``print dsfa``."""

from __future__ import annotations

import argparse

from dpo_desk.cli.support import (
    OUTPUT_HELP,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
    saved_text,
)

LIST_COLUMNS = [
    ("key", "Schlüssel"),
    ("name", "Verarbeitungstätigkeit"),
    ("version", "Version"),
    ("status", "Status"),
    ("scenarios", "Szenarien"),
    ("highest_residual", "Höchstes Restrisiko"),
    ("consultation_needed", "Konsultation Art. 36"),
    ("next_review", "Nächste Prüfung"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("dsfa", help="Datenschutz-Folgenabschätzungen")
    actions = group.add_subparsers(dest="dsfa_command", metavar="AKTION", required=True)
    listing = actions.add_parser("list", help="Folgenabschätzungen mit Status und Restrisiko")
    add_school_option(listing)
    add_format_option(listing)
    listing.set_defaults(handler=_list)
    add_dsfa_print(actions, "print")


def add_dsfa_print(actions: argparse._SubParsersAction, name: str = "dsfa") -> None:
    """``… NAME --activity KEY -o FILE.pdf``: the newest version of the activity's DSFA."""
    command = actions.add_parser(name, help="Folgenabschätzung einer Tätigkeit als PDF oder DOCX")
    command.add_argument("--activity", required=True, metavar="SCHLÜSSEL", help="VVT-Eintrag")
    command.add_argument("-o", "--output", required=True, metavar="DATEI", help=OUTPUT_HELP)
    command.add_argument(
        "--version", type=int, metavar="N", help="diese Version statt der neuesten drucken"
    )
    add_school_option(command)
    command.set_defaults(handler=_print)


def _school(ctx, args: argparse.Namespace) -> int:
    from dpo_desk.services.schools import find_school

    return find_school(ctx, args.school).id


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.core.dsfa.risk import class_label
    from dpo_desk.services.dsfa.assessments import list_assessments

    ctx = open_context(args)
    table = args.format == "table"
    rows = [
        {
            "key": a.activity_key,
            "name": a.activity_name,
            "version": a.version,
            "status": a.status_label if table else a.status,
            "scenarios": a.scenario_count,
            "highest_residual": class_label(a.highest_residual) if table else a.highest_residual,
            "consultation_needed": ("ja" if a.consultation_needed else "nein")
            if table
            else a.consultation_needed,
            "next_review": a.next_review.isoformat() if a.next_review else None,
        }
        for a in list_assessments(ctx, _school(ctx, args))
    ]
    if table and not rows:
        print("Es gibt noch keine Folgenabschätzung.")
        return 0
    print_rows(rows, LIST_COLUMNS, args.format)
    return 0


def _print(args: argparse.Namespace) -> int:
    from dpo_desk.services.dsfa.printing import print_activity_assessment
    from dpo_desk.services.register.activities import find_activity

    ctx = open_context(args)
    entry = find_activity(ctx, _school(ctx, args), args.activity)
    result = print_activity_assessment(ctx, entry.id, args.output, version=args.version)
    print(f"Folgenabschätzung gespeichert: {saved_text(result)}.")
    return 0
