"""``dpo-desk users add|list|grant|revoke|lock|unlock|password`` (server mode).

A new person's first password comes from ``--passwort-datei`` (owner-only file, first
line) or is asked twice at a terminal; it goes to the server only and is never shown.
"""

from __future__ import annotations

import argparse

from dpo_desk.cli.passphrase import read_passphrase_file
from dpo_desk.cli.signing_in import ask_password
from dpo_desk.cli.support import (
    EXIT_USAGE,
    CliError,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
)
from dpo_desk.core.access import ROLE_LABELS, parse_role

COLUMNS = [
    ("key", "Anmeldung"),
    ("name", "Name"),
    ("function", "Funktion"),
    ("administrator", "Administration"),
    ("active", "Aktiv"),
    ("roles", "Rollen"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser("users", help="Benutzer und Rollen verwalten (Servermodus)")
    actions = user.add_subparsers(dest="user_command", metavar="AKTION", required=True)

    add = actions.add_parser("add", help="eine Person anlegen")
    add.add_argument("login", metavar="ANMELDENAME")
    add.add_argument("--name", required=True, metavar="NAME", help="Vor- und Nachname")
    add.add_argument("--function", default="", metavar="TEXT", help="Funktion, z. B. Sekretariat")
    add.add_argument("--administrator", action="store_true", help="Administration des Trägers")
    add.add_argument(
        "--vorhanden",
        dest="existing",
        action="store_true",
        help="die Server-Anmeldung gibt es schon (kein Passwort vergeben)",
    )
    _password_option(add)
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", help="alle Personen mit ihren Rollen")
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    grant = actions.add_parser("grant", help="eine Rolle an einer Schule vergeben")
    grant.add_argument("login", metavar="ANMELDENAME")
    grant.add_argument(
        "--role",
        required=True,
        metavar="ROLLE",
        help="dsb, schulleitung, sekretariat oder lesen",
    )
    add_school_option(grant)
    grant.set_defaults(handler=_grant)

    revoke = actions.add_parser("revoke", help="die Rolle an einer Schule entziehen")
    revoke.add_argument("login", metavar="ANMELDENAME")
    add_school_option(revoke)
    revoke.set_defaults(handler=_revoke)

    for name, active, text in (("lock", False, "sperren"), ("unlock", True, "entsperren")):
        command = actions.add_parser(name, help=f"ein Konto {text}")
        command.add_argument("login", metavar="ANMELDENAME")
        command.set_defaults(handler=_set_active, active=active)

    password = actions.add_parser("password", help="ein neues Passwort setzen")
    password.add_argument("login", metavar="ANMELDENAME")
    _password_option(password)
    password.set_defaults(handler=_password)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passwort-datei",
        dest="password_file",
        metavar="DATEI",
        help="das Passwort aus dieser Datei (nur für den Eigentümer lesbar) statt es abzufragen",
    )


def _new_password(args: argparse.Namespace) -> str:
    if args.password_file:
        return read_passphrase_file(args.password_file)
    return ask_password(f"Neues Passwort für „{args.login}“: ", twice=True)


def _add(args: argparse.Namespace) -> int:
    from dpo_desk.services.users import accounts

    ctx = open_context(args)
    password = None if args.existing else _new_password(args)
    accounts.add_user(
        ctx,
        args.login,
        args.name,
        password,
        function=args.function,
        administrator=args.administrator,
    )
    print(f"„{args.login}“ angelegt. Rollen vergeben mit: dpo-desk users grant {args.login} …")
    return 0


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.services.users import accounts

    ctx = open_context(args)
    table = args.format == "table"
    rows = []
    for user in accounts.list_users(ctx):
        roles = [f"{school}: {role}" for school, role in user.roles]
        rows.append(
            {
                "key": user.login,
                "name": user.display_name,
                "function": user.function,
                "administrator": ("ja" if user.administrator else "")
                if table
                else user.administrator,
                "active": ("ja" if user.active else "gesperrt") if table else user.active,
                "roles": "; ".join(roles) if table else [list(r) for r in user.roles],
            }
        )
    print_rows(rows, COLUMNS, args.format)
    return 0


def _school_id(ctx, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from dpo_desk.services.schools import find_school

    return find_school(ctx, args.school).id


def _grant(args: argparse.Namespace) -> int:
    from dpo_desk.services.users import accounts

    try:
        role = parse_role(args.role)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    ctx = open_context(args)
    school_id = _school_id(ctx, args)
    accounts.grant(ctx, args.login, school_id, role)
    print(f"„{args.login}“ hat jetzt die Rolle „{ROLE_LABELS[role]}“.")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from dpo_desk.services.users import accounts

    ctx = open_context(args)
    changes = accounts.revoke(ctx, args.login, _school_id(ctx, args))
    print(f"Rolle von „{args.login}“ entzogen." if changes else "Es gab dort keine Rolle.")
    return 0


def _set_active(args: argparse.Namespace) -> int:
    from dpo_desk.services.users import accounts

    ctx = open_context(args)
    accounts.set_active(ctx, args.login, args.active)
    print(f"„{args.login}“ ist {'entsperrt' if args.active else 'gesperrt'}.")
    return 0


def _password(args: argparse.Namespace) -> int:
    from dpo_desk.services.users import accounts

    ctx = open_context(args)
    accounts.change_password(ctx, args.login, _new_password(args))
    print(f"Neues Passwort für „{args.login}“ gesetzt.")
    return 0
