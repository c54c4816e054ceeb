"""Signing in to a server database on the command line.

The password comes from the URL, the credential store (``server connect
--passwort-speichern``), libpq's own ``PGPASSWORD`` or ``~/.pgpass`` (for scripts), or is
asked for at a terminal (hidden, three attempts). It is never printed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from dpo_desk.cli.support import EXIT_FAILURE, CliError
from dpo_desk.paths import AppPaths
from dpo_desk.store.server.errors import PasswordNeeded, SignInFailed
from dpo_desk.store.server.target import ServerTarget, chosen_target

ATTEMPTS = 3


def server_target(args: argparse.Namespace) -> ServerTarget | None:
    """The server named by ``--database-url``, the environment or the saved profile."""
    return chosen_target(
        getattr(args, "database_url", None), AppPaths.resolve(args.data_dir).data_dir
    )


def ask_password(prompt: str, *, twice: bool = False) -> str:
    if not sys.stdin.isatty():
        raise CliError(
            "Ein Passwort wird gebraucht, aber hier kann niemand es eingeben. Für Skripte: "
            "die Umgebungsvariable PGPASSWORD oder die Datei ~/.pgpass (siehe docs/SERVER.md).",
            EXIT_FAILURE,
        )
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("Noch einmal: ") != first:
        raise CliError("Die beiden Eingaben stimmen nicht überein.", EXIT_FAILURE)
    return first


def open_server_context(args: argparse.Namespace, target: ServerTarget):  # -> ServiceContext
    from dpo_desk.app import open_app

    url = getattr(args, "database_url", None)
    try:
        return open_app(args.data_dir, database_url=url)
    except PasswordNeeded as exc:
        if not sys.stdin.isatty():
            raise CliError(str(exc), EXIT_FAILURE) from exc
    except SignInFailed as exc:
        if not sys.stdin.isatty() or target.password:
            raise CliError(f"Fehler: {exc}", EXIT_FAILURE) from exc
    for attempt in range(ATTEMPTS):
        password = ask_password(f"Passwort für {target.label}: ")
        try:
            return open_app(args.data_dir, database_url=url, password=password)
        except SignInFailed as exc:
            left = ATTEMPTS - attempt - 1
            print(f"{exc} Noch {left} Versuch(e).", file=sys.stderr)
    raise CliError("Zu viele falsche Versuche. Es wurde nichts geöffnet.", EXIT_FAILURE)
