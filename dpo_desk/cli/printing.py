"""``dpo-desk print DOCUMENT …``: one group for every printout; each area lends its command
(``register.add_register_print``, ``register.add_info_sheet_print``, ``dsfa.add_dsfa_print``, …)."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction) -> None:
    from dpo_desk.cli import breaches, dsfa, due, print_consent, register, requests

    group = commands.add_parser("print", help="Dokumente als PDF oder Word-Datei (DOCX) drucken")
    documents = group.add_subparsers(dest="print_command", metavar="DOKUMENT", required=True)
    register.add_register_print(documents, "vvt")
    register.add_info_sheet_print(documents, "info-sheet")
    register.add_entry_print(documents, "vvt-entry")
    dsfa.add_dsfa_print(documents, "dsfa")
    print_consent.add_all(documents)
    breaches.add_breach_prints(documents)
    requests.add_access_report_print(documents)
    due.add_annual_print(documents)
