"""Command line: the same services as the window, for set-up, batch work and scripts.

Exit codes: 0 done, 1 unexpected failure, 2 wrong usage, 3 input rejected (nothing written).
Messages go to stderr in German; ``--format json|csv`` output goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from dpo_desk import __version__
from dpo_desk.cli.support import EXIT_FAILURE, EXIT_REJECTED, EXIT_USAGE, CliError, GermanParser
from dpo_desk.core.validation import ValidationError
from dpo_desk.paths import DataDirError
from dpo_desk.reports.atomic import DocumentError
from dpo_desk.store.database import DatabaseError

Registrar = Callable[[argparse._SubParsersAction], None]


def _registrars() -> list[Registrar]:
    from dpo_desk.cli import (
        backup,
        check,
        consent,
        demo,
        dsfa,
        printing,
        register,
        roster,
        schools,
        user,
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
        printing.add_commands,
        user.add_commands,
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = GermanParser(
        prog="dpo-desk",
        description="Datenschutz an Schulen: VVT, AVV/TOM, DSFA und Einwilligungen.",
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
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle")
    for add_commands in _registrars():
        add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from dpo_desk.ui.app import run_gui

        return run_gui(args.data_dir)
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
    except DocumentError as exc:  # e.g. an output path that cannot be written
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except (DataDirError, DatabaseError) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except LookupError as exc:
        print(f"Fehler: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
