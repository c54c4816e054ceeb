"""``dpo-desk print DOCUMENT …``: one group for every printout; each area lends its command
(``vvt.add_register_print``, ``vvt.add_info_sheet_print``, ``dsfa.add_dsfa_print``, …)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    from dpo_desk.cli_commands import dsfa, print_consent, vvt

    group = commands.add_parser("print", help="Dokumente als PDF drucken")
    documents = group.add_subparsers(dest="print_command", metavar="DOKUMENT", required=True)
    vvt.add_register_print(documents, "vvt")
    vvt.add_info_sheet_print(documents, "info-sheet")
    vvt.add_entry_print(documents, "vvt-entry")
    dsfa.add_dsfa_print(documents, "dsfa")
    print_consent.add_all(documents)
