"""``dpo-desk demo``: fill the database with the fictional demo schools."""

from __future__ import annotations

import argparse

from dpo_desk.cli.support import open_context


def add_commands(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="Demo-Schulen mit erfundenen Daten laden")
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from dpo_desk.services.demo import load_demo

    ctx = open_context(args)
    result = load_demo(ctx)
    print(f"Demo-Daten geladen: {len(result.schools)} Schulen.")
    return 0
