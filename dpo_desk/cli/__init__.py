"""The command line: ``dpo-desk SUBCOMMAND ...`` (one module per area)."""

from dpo_desk.cli.main import main

__all__ = ["main"]
