"""``dpo-desk check``: integrity and invariants; exit 1 with a German report if wrong."""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.support import EXIT_FAILURE, EXIT_OK, open_context


def add_commands(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="Datenbank auf Beschädigung und Widersprüche prüfen")
    check.add_argument(
        "--quick", action="store_true", help="nur die schnelle Prüfung (wie beim Programmstart)"
    )
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from dpo_desk.services.safety.check import run_check

    ctx = open_context(args, rescue=True)
    try:
        report = run_check(ctx, quick=args.quick)
    finally:
        ctx.db.close()
    if report.ok:
        print(report.text())
        return EXIT_OK
    print(report.text(), file=sys.stderr)
    return EXIT_FAILURE
