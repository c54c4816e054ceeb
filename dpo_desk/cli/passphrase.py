"""The passphrase of an encrypted database on the command line.

Taken from ``--passphrase-file`` or ``DPO_DESK_PASSPHRASE``; at a terminal the user is
asked (input hidden) with a limited number of attempts. Wrong passphrases are counted in
the data folder whatever way they came in, and while the pause after them runs the next
one is refused without even being tried (``PassphrasePaused``). A passphrase file that
other users may read is refused, as OpenSSH refuses such a key file. The passphrase is held
in memory only and never echoed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path

from dpo_desk.cli.support import EXIT_FAILURE, EXIT_REJECTED, EXIT_USAGE, CliError
from dpo_desk.store.crypto import MAX_ATTEMPTS
from dpo_desk.store.database import PassphrasePaused, PassphraseRequired, WrongPassphrase

PASSPHRASE_ENV = "DPO_DESK_PASSPHRASE"


def read_passphrase_file(path: str) -> str:
    from dpo_desk.store.private import others_can_read

    try:
        if others_can_read(Path(path)):
            mode = Path(path).stat().st_mode & 0o777
            raise CliError(
                f"Die Passphrase-Datei „{path}“ ist auch für andere Benutzer lesbar (Rechte "
                f"{mode:04o}) und wird deshalb nicht verwendet. Bitte nur dem Eigentümer "
                f"erlauben: chmod 600 „{path}“.",
                EXIT_REJECTED,
            )
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(
            f"Die Passphrase-Datei „{path}“ kann nicht gelesen werden ({exc.strerror}).",
            EXIT_USAGE,
        ) from exc
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise CliError(f"Die Passphrase-Datei „{path}“ ist leer.", EXIT_USAGE)
    return lines[0].strip()


def given_passphrase(args: argparse.Namespace) -> str | None:
    path = getattr(args, "passphrase_file", None)
    if path:
        return read_passphrase_file(path)
    return os.environ.get(PASSPHRASE_ENV) or None


def open_with_passphrase(args: argparse.Namespace, rescue: bool = False):  # -> ServiceContext
    from dpo_desk.app import open_app
    from dpo_desk.cli.signing_in import open_server_context, server_target

    target = server_target(args)
    if target is not None:
        return open_server_context(args, target)
    passphrase = given_passphrase(args)
    try:
        return open_app(args.data_dir, passphrase, rescue=rescue)
    except PassphraseRequired as exc:
        if not sys.stdin.isatty():
            raise CliError(
                f"{exc} Für Skripte: --passphrase-file DATEI oder die Umgebungsvariable "
                f"{PASSPHRASE_ENV}.",
                EXIT_FAILURE,
            ) from exc
    except WrongPassphrase as exc:
        raise CliError(f"Fehler: {exc}", EXIT_FAILURE) from exc
    return _ask(args, rescue)


def _ask(args: argparse.Namespace, rescue: bool):  # -> ServiceContext
    from dpo_desk.app import open_app

    attempt = 0
    while attempt < MAX_ATTEMPTS:
        passphrase = getpass.getpass("Passphrase der Datenbank: ")
        try:
            return open_app(args.data_dir, passphrase, rescue=rescue)
        except PassphrasePaused as exc:
            print(f"{exc} Bitte warten …", file=sys.stderr)
            time.sleep(exc.seconds)
        except WrongPassphrase:
            attempt += 1
            remaining = MAX_ATTEMPTS - attempt
            print(f"Die Passphrase ist falsch. Noch {remaining} Versuch(e).", file=sys.stderr)
    raise CliError("Zu viele falsche Versuche. Die Datenbank wurde nicht geöffnet.", EXIT_FAILURE)
