"""The command line: ``dpo-desk SUBCOMMAND ...`` (one module per area)."""

from dpo_desk.cli.main import gui_main, main

__all__ = ["gui_main", "main"]
