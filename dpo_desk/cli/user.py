"""``dpo-desk user show|set``: who is working (the change log names this person)."""

from __future__ import annotations

import argparse

from dpo_desk.cli.support import open_context
from dpo_desk.core.people import FUNCTIONS


def add_commands(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser("user", help="angeben, wer mit den Daten arbeitet")
    actions = user.add_subparsers(dest="user_command", metavar="AKTION", required=True)
    show = actions.add_parser("show", help="zeigen, wer angegeben ist")
    show.set_defaults(handler=_show)
    set_ = actions.add_parser("set", help="Name und Funktion angeben")
    set_.add_argument("name", metavar="NAME", help="Ihr Name, z. B. „Anna Berg“")
    set_.add_argument(
        "--function",
        required=True,
        choices=FUNCTIONS,
        metavar="FUNKTION",
        help="Ihre Funktion: " + ", ".join(f"„{f}“" for f in FUNCTIONS),
    )
    set_.set_defaults(handler=_set)


def _show(args: argparse.Namespace) -> int:
    from dpo_desk.services import settings

    person = settings.person(open_context(args))
    if not person.known:
        print("Noch niemand angegeben (dpo-desk user set NAME --function FUNKTION).")
        return 0
    print(person.label)
    return 0


def _set(args: argparse.Namespace) -> int:
    from dpo_desk.services import settings

    ctx = open_context(args)
    settings.set_person(ctx, args.name, args.function)
    print(f"Es arbeitet: {settings.person(ctx).label}.")
    return 0
