"""``dpo-desk move to-server|to-local``: schools between the local file and a server.

The local side is the data folder's file (``--data-dir``); the server side is
``--database-url`` (or the data folder's saved profile). Counts are compared table by
table on both sides before the copy is committed; ``--quelle-entfernen`` then deletes the
school at the source so that only one living copy remains.
"""

from __future__ import annotations

import argparse

from dpo_desk.cli.support import EXIT_USAGE, CliError, close_later
from dpo_desk.services.moving.copy import MoveReport


def add_commands(commands: argparse._SubParsersAction) -> None:
    move = commands.add_parser("move", help="Schulen zwischen lokaler Datei und Server umziehen")
    actions = move.add_subparsers(dest="move_command", metavar="RICHTUNG", required=True)
    for name, text in (
        ("to-server", "von der lokalen Datei auf den Server"),
        ("to-local", "vom Server in die lokale Datei"),
    ):
        command = actions.add_parser(name, help=text)
        which = command.add_mutually_exclusive_group(required=True)
        which.add_argument("--school", metavar="NAME", help="Name oder Schulnummer")
        which.add_argument("--all", action="store_true", help="alle Schulen")
        command.add_argument(
            "--quelle-entfernen",
            dest="remove_source",
            action="store_true",
            help="nach geprüfter Kopie die Schule an der Quelle löschen",
        )
        command.set_defaults(handler=_move, to_server=name == "to-server")


def _contexts(args: argparse.Namespace):  # -> tuple[ServiceContext, ServiceContext]
    from dpo_desk.app import open_app
    from dpo_desk.cli.signing_in import open_server_context, server_target

    target = server_target(args)
    if target is None:
        raise CliError(
            "Welcher Server? Bitte --database-url angeben oder zuerst "
            "dpo-desk server connect URL ausführen.",
            EXIT_USAGE,
        )
    local = close_later(open_app(args.data_dir, local=True))
    server = close_later(open_server_context(args, target))
    return (local, server) if args.to_server else (server, local)


def _move(args: argparse.Namespace) -> int:
    from dpo_desk.services.moving.copy import copy_schools, remove_school
    from dpo_desk.services.schools import find_school

    source, target = _contexts(args)
    ids = None if args.all else [find_school(source, args.school).id]
    report = copy_schools(source, target, ids)
    _print(report)
    if args.remove_source:
        for moved in report.schools:
            remove_school(source, moved.source_id)
            print(f"„{moved.name}“ an der Quelle gelöscht.")
    return 0


def _print(report: MoveReport) -> None:
    for moved in report.schools:
        rows = sum(moved.counts.values())
        print(f"„{moved.name}“ kopiert: {rows} Datensätze, Zahlen auf beiden Seiten gleich.")
        for table, count in sorted(moved.counts.items()):
            if count:
                print(f"  {table}: {count}")
    print(
        "Nicht übernommen (gehören keiner Schule): Benutzer, Rollen, Einstellungen. "
        "Rollen im Servermodus vergeben mit: dpo-desk users grant …"
    )
