"""``dpo-desk audit list``: the change log, filtered by school and time, as table, CSV or
JSON (each entry with its changed fields, old and new value)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from dpo_desk.cli.support import (
    CliError,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
)
from dpo_desk.core.dates import parse_date

COLUMNS = [
    ("key", "Nr."),
    ("time", "Zeit"),
    ("actor", "Wer"),
    ("school", "Schule"),
    ("area", "Bereich"),
    ("record", "Datensatz"),
    ("action", "Aktion"),
    ("summary", "Änderung"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser("audit", help="Änderungsprotokoll anzeigen")
    actions = audit.add_subparsers(dest="audit_command", metavar="AKTION", required=True)
    listing = actions.add_parser("list", help="Einträge des Änderungsprotokolls auflisten")
    add_school_option(listing)
    listing.add_argument("--since", metavar="DATUM", help="ab diesem Tag (TT.MM.JJJJ)")
    listing.add_argument("--until", metavar="DATUM", help="bis zu diesem Tag (einschließlich)")
    listing.add_argument("--actor", metavar="NAME", help="nur Einträge dieser Person")
    listing.add_argument("--text", metavar="TEXT", help="nur Einträge, die diesen Text enthalten")
    add_format_option(listing)
    listing.set_defaults(handler=_list)


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise CliError(f"Fehler: {option}: {exc}") from None


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.core.audit.filtering import LogFilter, matching
    from dpo_desk.services.audit.entries import entry_dict
    from dpo_desk.services.audit.log import load_log
    from dpo_desk.services.schools import find_school

    since, until = _day(args.since, "--since"), _day(args.until, "--until")
    ctx = open_context(args)
    school_id = find_school(ctx, args.school).id if args.school else None
    rows = load_log(ctx, school_id=school_id, since=since, until=until)
    wanted = LogFilter(actor=args.actor or None, text=args.text or "")
    chosen = [rows[i] for i in matching(rows, wanted)]
    if args.format == "json":
        json.dump([entry_dict(r) for r in chosen], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_rows([entry_dict(r, flat=True) for r in chosen], COLUMNS, args.format)
    if args.format == "table":
        print(f"{len(chosen)} Einträge", file=sys.stderr)
    return 0
