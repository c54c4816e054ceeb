"""``dpo-desk server connect|disconnect|status|init|upgrade``: the server mode.

``connect`` saves the connection profile in the data folder (never the password; with
``--passwort-speichern`` that goes to the operating system's credential store) after a
successful sign-in; from then on the app and every command work on the server.
``disconnect`` returns to the local file (which was never touched meanwhile).
``init`` and ``upgrade`` are for the server's technical owner account.
"""

from __future__ import annotations

import argparse

from dpo_desk.cli.signing_in import ask_password
from dpo_desk.cli.support import EXIT_FAILURE, CliError, open_context
from dpo_desk.paths import AppPaths


def add_commands(commands: argparse._SubParsersAction) -> None:
    server = commands.add_parser("server", help="Servermodus (PostgreSQL) einrichten und nutzen")
    actions = server.add_subparsers(dest="server_command", metavar="AKTION", required=True)

    connect = actions.add_parser(
        "connect", help="mit einer Server-Datenbank verbinden (Profil im Datenordner speichern)"
    )
    connect.add_argument(
        "url", metavar="URL", help="postgresql://BENUTZER@SERVER:5432/DATENBANK?sslmode=verify-full"
    )
    connect.add_argument(
        "--passwort-speichern",
        dest="save_password",
        action="store_true",
        help="Passwort im Schlüsselbund des Betriebssystems ablegen",
    )
    connect.set_defaults(handler=_connect)

    disconnect = actions.add_parser("disconnect", help="zurück zur lokalen Datei")
    disconnect.set_defaults(handler=_disconnect)

    status = actions.add_parser("status", help="Modus, Server, Anmeldung und Rollen anzeigen")
    status.set_defaults(handler=_status)

    init = actions.add_parser(
        "init", help="eine leere Server-Datenbank einrichten (als Eigentümerkonto)"
    )
    init.add_argument("--admin", metavar="ANMELDENAME", help="erste Person (Administration)")
    init.add_argument("--name", default="", metavar="NAME", help="ihr Name")
    init.add_argument(
        "--vorhanden",
        dest="existing",
        action="store_true",
        help="die Anmeldung der ersten Person gibt es auf dem Server schon",
    )
    init.set_defaults(handler=_init)

    upgrade = actions.add_parser(
        "upgrade", help="Schema, Rollen und Richtlinien aktualisieren (als Eigentümerkonto)"
    )
    upgrade.set_defaults(handler=_upgrade)


def _connect(args: argparse.Namespace) -> int:
    from dpo_desk.services.users.connection import connect
    from dpo_desk.store.server.errors import PasswordNeeded, SignInFailed
    from dpo_desk.store.server.target import parse_url

    target = parse_url(args.url)
    data_dir = AppPaths.resolve(args.data_dir).data_dir
    try:
        done = connect(data_dir, args.url, keep_password=args.save_password)
    except (PasswordNeeded, SignInFailed):
        password = ask_password(f"Passwort für {target.label}: ")
        done = connect(data_dir, args.url, password, keep_password=args.save_password)
    if done.password_kept:
        print("Das Passwort liegt im Schlüsselbund des Betriebssystems.")
    print(
        f"Verbunden mit {target.label} als {done.actor} (TLS: sslmode={target.sslmode}). "
        "dpo_desk arbeitet in diesem Datenordner ab jetzt auf dem Server; zurück mit: "
        "dpo-desk server disconnect"
    )
    for note in done.notes:
        print(note)
    return 0


def _disconnect(args: argparse.Namespace) -> int:
    from dpo_desk.services.users.connection import disconnect

    target = disconnect(AppPaths.resolve(args.data_dir).data_dir)
    if target is None:
        print("Dieser Datenordner arbeitet schon mit der lokalen Datei.")
        return 0
    print(f"Verbindung zu {target.label} entfernt; dpo_desk arbeitet wieder mit der lokalen Datei.")
    return 0


def _status(args: argparse.Namespace) -> int:
    from dpo_desk.core.access import ROLE_LABELS

    ctx = open_context(args)
    if not ctx.server_mode:
        print(f"Lokaler Modus: {ctx.paths.database}")
        return 0
    access = ctx.access
    print(f"Servermodus: {ctx.db.label}")  # type: ignore[union-attr]
    print(f"Angemeldet: {ctx.actor}" + (" – Administration" if access.administrator else ""))
    names = getattr(access, "school_names", {})
    for school_id, role in sorted(getattr(access, "roles", {}).items()):
        print(f"  {names.get(school_id, school_id)}: {ROLE_LABELS[role]}")
    return 0


def _owner_target(args: argparse.Namespace):  # -> ServerTarget
    from dpo_desk.cli.signing_in import server_target

    target = server_target(args)
    if target is None:
        raise CliError(
            "Bitte die Server-Datenbank angeben: dpo-desk --database-url "
            "postgresql://EIGENTÜMER@SERVER/DATENBANK server …",
            EXIT_FAILURE,
        )
    return target


def _prepare(args: argparse.Namespace):  # -> tuple[ServerTarget, ServerStatus]
    from dpo_desk.services.users.setup import prepare_server
    from dpo_desk.store.server.errors import PasswordNeeded, SignInFailed

    target = _owner_target(args)
    try:
        return target, prepare_server(target)
    except (PasswordNeeded, SignInFailed):
        if target.password:
            raise
        target = target.with_password(ask_password(f"Passwort für {target.label}: "))
        return target, prepare_server(target)


def _init(args: argparse.Namespace) -> int:
    from dpo_desk.services.users.setup import create_administrator

    target, status = _prepare(args)
    print(f"Server-Datenbank {target.label} eingerichtet (Schema {status.revision}).")
    if args.admin:
        password = None
        if not args.existing:
            password = ask_password(f"Neues Passwort für „{args.admin}“: ", twice=True)
        created = create_administrator(target, args.admin, args.name, password)
        print(
            f"Administration „{args.admin}“ angelegt."
            if created
            else f"„{args.admin}“ war schon angelegt; nichts geändert."
        )
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    target, status = _prepare(args)
    if status.upgraded_from:
        print(f"{target.label}: von {status.upgraded_from} auf {status.revision} aktualisiert.")
    else:
        print(f"{target.label} ist aktuell ({status.revision}); Rollen und Richtlinien erneuert.")
    return 0
