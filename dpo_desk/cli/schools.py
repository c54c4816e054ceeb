"""``dpo-desk school list|add``."""

from __future__ import annotations

import argparse

from dpo_desk.cli.support import add_format_option, open_context, print_rows
from dpo_desk.core.authorities import with_authority
from dpo_desk.core.schools import FIELD_LABELS, SCHOOL_KINDS, STATES, SchoolProfile
from dpo_desk.services import schools

COLUMNS = [
    ("key", "Schlüssel"),
    ("name", "Name"),
    ("school_number", "Schulnummer"),
    ("town", "Ort"),
    ("state", "Land"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    school = commands.add_parser("school", help="Schulen anlegen und auflisten")
    actions = school.add_subparsers(dest="school_command", metavar="AKTION", required=True)

    listing = actions.add_parser("list", help="alle Schulen auflisten")
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    add = actions.add_parser("add", help="eine Schule anlegen")
    for name in SchoolProfile.field_names():
        if name.startswith("authority_"):
            continue
        option = "--" + name.replace("_", "-")
        if name == "state":
            add.add_argument(option, required=True, choices=sorted(STATES), help="Bundesland")
        elif name == "kind":
            add.add_argument(
                option,
                default="",
                choices=list(SCHOOL_KINDS),
                metavar="SCHULFORM",
                help="Schulform: " + ", ".join(SCHOOL_KINDS),
            )
        else:
            add.add_argument(option, default="", required=name == "name", help=FIELD_LABELS[name])
    add.set_defaults(handler=_add)


def _list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    rows = [dict(vars(s) | {"key": s.key}) for s in schools.list_schools(ctx)]
    print_rows(rows, COLUMNS, args.format)
    return 0


def _add(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    values = {n: getattr(args, n) for n in SchoolProfile.field_names() if hasattr(args, n)}
    profile = with_authority(SchoolProfile(**values))
    created = schools.create_school(ctx, profile)
    print(f"Schule „{created.name}“ angelegt (Schlüssel {created.key}).")
    return 0
