"""``dpo-desk print consent-forms|return-slips|slips|signature-sheet|reminders|participants|
teacher-list|status-list``: the consent printouts in the ``print`` group (see
``services.printing``).

``--template KEY (--class 7b ... | --all-classes | --student ID ...) [--option KEY]
[--duplex] [--two-per-sheet] -o FILE.pdf`` (the status list also ``.xlsx`` or ``.csv``, by
the extension). Saving a document families sign logs the text version each student got.
Rejected input (unknown template or class, no options, no students, a path that cannot be
written) ends with exit code 3 and a German message; no file is left behind.
"""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.support import (
    OUTPUT_HELP,
    add_date_option,
    add_school_option,
    open_context,
    saved_text,
)

HELP = {
    "consent-forms": "Einwilligungsformulare je Schüler als PDF oder DOCX (mit Scan-Code)",
    "signature-sheet": "Unterschriftenliste je Klasse als PDF oder DOCX",
    "reminders": "Erinnerungsschreiben für fehlende Formulare als PDF oder DOCX",
    "participants": "„Wer darf teilnehmen?“ je Klasse und Option als PDF oder DOCX",
    "return-slips": "Elternbrief + Rücklaufzettel je Schüler als PDF",
    "slips": "nur Rücklaufzettel (Nachdruck) als PDF",
    "teacher-list": "Teilnahmeliste für Lehrkräfte je Klasse als PDF",
    "status-list": "Stand je Klasse als PDF, XLSX oder CSV (nach Dateiendung)",
}
DONE = {
    "consent-forms": "Einwilligungsformulare",
    "signature-sheet": "Unterschriftenliste",
    "reminders": "Erinnerungsschreiben",
    "participants": "Teilnahmeliste",
    "return-slips": "Elternbriefe mit Rücklaufzetteln",
    "slips": "Rücklaufzettel",
    "teacher-list": "Teilnahmeliste für Lehrkräfte",
    "status-list": "Statusliste",
}


def _add(actions: argparse._SubParsersAction, name: str) -> None:
    command = actions.add_parser(name, help=HELP[name])
    command.add_argument("--template", required=True, metavar="KÜRZEL", help="Vorlage")
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--class",
        dest="classes",
        action="extend",
        nargs="+",
        metavar="KLASSE",
        help="eine oder mehrere Klassen, z. B. --class 7b 7c",
    )
    which.add_argument("--all-classes", action="store_true", help="alle Klassen der Schule")
    which.add_argument(
        "--student",
        dest="students",
        action="extend",
        nargs="+",
        type=int,
        metavar="NR",
        help="nur diese Schüler (Nummern wie in „roster students“), z. B. für einen Nachdruck",
    )
    command.add_argument("--option", metavar="KÜRZEL", help="nur diese Option (Teilnahmeliste)")
    command.add_argument(
        "--duplex", action="store_true", help="für beidseitigen Druck: jedes Stück beginnt vorn"
    )
    add_date_option(command, "--on", "Druckdatum (Alter und Stand), sonst heute")
    command.add_argument(
        "--two-per-sheet",
        action="store_true",
        help="Rücklaufzettel zu zweit je A4-Blatt (A5, mit Schnittlinie)",
    )
    output = OUTPUT_HELP + (" (Statusliste auch .xlsx oder .csv)" if name == "status-list" else "")
    command.add_argument("-o", "--output", required=True, metavar="DATEI", help=output)
    add_school_option(command)
    command.set_defaults(handler=_print, print_document=name)


def add_consent_forms_print(actions: argparse._SubParsersAction) -> None:
    _add(actions, "consent-forms")


def add_signature_sheet_print(actions: argparse._SubParsersAction) -> None:
    _add(actions, "signature-sheet")


def add_reminders_print(actions: argparse._SubParsersAction) -> None:
    _add(actions, "reminders")


def add_participants_print(actions: argparse._SubParsersAction) -> None:
    _add(actions, "participants")


def add_all(actions: argparse._SubParsersAction) -> None:
    """All consent printouts (one line in the ``print`` group)."""
    add_consent_forms_print(actions)
    add_signature_sheet_print(actions)
    add_reminders_print(actions)
    add_participants_print(actions)
    for name in ("return-slips", "slips", "teacher-list", "status-list"):
        _add(actions, name)


def _print(args: argparse.Namespace) -> int:
    from dpo_desk.services.printing.documents import PrintDocument, PrintRequest, print_document
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school_id = find_school(ctx, args.school).id
    request = PrintRequest(
        document=PrintDocument(args.print_document),
        template_key=args.template,
        class_names=tuple(args.classes or ()),
        option_key=args.option,
        duplex=args.duplex,
        printed_on=args.on,
        student_ids=tuple(args.students or ()),
        two_per_sheet=args.two_per_sheet,
    )
    result = print_document(ctx, school_id, request, args.output)
    for warning in result.warnings:
        print(f"Hinweis: {warning}", file=sys.stderr)
    saved = saved_text(result) if result.pages else str(result.path)
    print(f"{DONE[args.print_document]} gespeichert: {saved}.")
    return 0
