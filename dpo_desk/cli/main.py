"""Command line: the same services as the window, for set-up, batch work and scripts.

Exit codes: 0 done, 1 unexpected failure, 2 wrong usage, 3 input rejected (nothing written).
Messages go to stderr in German; ``--format json|csv`` output goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from functools import cache

from dpo_desk import __version__
from dpo_desk.cli.support import (
    EXIT_FAILURE,
    EXIT_REJECTED,
    EXIT_USAGE,
    CliError,
    GermanParser,
    close_contexts,
)
from dpo_desk.core.validation import ValidationError
from dpo_desk.paths import DataDirError
from dpo_desk.reports.atomic import DocumentError
from dpo_desk.resource_files import MissingResource
from dpo_desk.services.errors import AccessDenied
from dpo_desk.store.database import DatabaseError

Registrar = Callable[[argparse._SubParsersAction], None]


def _registrars() -> list[Registrar]:
    from dpo_desk.cli import (
        audit,
        backup,
        breaches,
        check,
        consent,
        demo,
        dsfa,
        due,
        exchange,
        library,
        moving,
        printing,
        register,
        requests,
        roster,
        schools,
        server,
        user,
        users,
    )

    return [
        schools.add_commands,
        roster.add_commands,
        consent.add_commands,
        demo.add_commands,
        backup.add_commands,
        check.add_commands,
        register.add_commands,
        dsfa.add_commands,
        breaches.add_commands,
        requests.add_commands,
        due.add_commands,
        printing.add_commands,
        user.add_commands,
        audit.add_commands,
        exchange.add_commands,
        library.add_commands,
        server.add_commands,
        users.add_commands,
        moving.add_commands,
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = GermanParser(
        prog="dpo-desk",
        description=(
            "Datenschutz an Schulen: VVT, AVV/TOM, DSFA, Einwilligungen, Datenpannen und Anfragen."
        ),
    )
    parser.add_argument("--version", action="version", version=f"dpo-desk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="ORDNER",
        help="Datenordner statt des persönlichen Standardordners (auch: DPO_DESK_DATA_DIR)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="DATEI",
        help="Passphrase einer verschlüsselten Datenbank aus dieser Datei lesen "
        "(auch: DPO_DESK_PASSPHRASE)",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="Servermodus: postgresql://BENUTZER@SERVER:5432/DATENBANK?sslmode=verify-full "
        "statt der lokalen Datei (auch: DPO_DESK_DATABASE_URL)",
    )
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle")
    for add_commands in _registrars():
        add_commands(commands)
    return parser


@cache
def _parser() -> argparse.ArgumentParser:
    """Built once per process: 40 subcommands cost ~25 ms, a script calling ``main`` in a
    loop (and the test suite) pays it once. Parsing leaves the parser unchanged."""
    return build_parser()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from dpo_desk.ui.app import run_gui

        return run_gui(args.data_dir, args.database_url)
    try:
        return _run(args)
    finally:
        close_contexts()


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except ValidationError as exc:
        for problem in exc.problems:
            print(f"Fehler: {problem.message}", file=sys.stderr)
        print("Es wurde nichts gespeichert.", file=sys.stderr)
        return EXIT_REJECTED
    except AccessDenied as exc:  # the role lacks the right: nothing was written
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except DocumentError as exc:  # e.g. an output path that cannot be written
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except (DataDirError, DatabaseError, MissingResource) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except LookupError as exc:
        print(f"Fehler: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return EXIT_USAGE


def _window_arguments(arguments: list[str]) -> tuple[bool, str | None]:
    """Whether ``arguments`` only choose the data folder (all a window start takes)."""
    rest = [a for a in arguments if not a.startswith("-psn_")]  # macOS Finder adds one
    if not rest:
        return True, None
    if len(rest) == 2 and rest[0] == "--data-dir":
        return True, rest[1]
    if len(rest) == 1 and rest[0].startswith("--data-dir="):
        return True, rest[0].partition("=")[2]
    return False, None


def gui_main(argv: Sequence[str] | None = None) -> int:
    """The windowed program (``dpo-desk`` of the build; on Windows without a console).

    From a terminal it is the full command line (``main``). Started from a menu or icon there
    is no console: it opens the window, and explains where commands go instead of
    swallowing them silently.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is not None and sys.stderr is not None:
        return main(arguments)
    window_only, data_dir = _window_arguments(arguments)
    if window_only:
        from dpo_desk.ui.app import run_gui

        return run_gui(data_dir)
    from dpo_desk.ui.app import explain_console_commands

    return explain_console_commands(arguments)


if __name__ == "__main__":
    raise SystemExit(main())
