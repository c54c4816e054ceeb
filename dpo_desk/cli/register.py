"""``dpo-desk vvt list|check|catalogue|add|release|print|info-sheet``: the record of
processing activities. ``add_register_print`` and ``add_info_sheet_print`` let the ``print``
group offer the same commands as ``print vvt`` and ``print info-sheet``."""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.support import (
    OUTPUT_HELP,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
    saved_text,
)

LIST_COLUMNS = [
    ("key", "Schlüssel"),
    ("name", "Bezeichnung"),
    ("status", "Status"),
    ("version", "Version"),
    ("legal_basis", "Rechtsgrundlage"),
    ("processors", "Auftragsverarbeiter"),
    ("next_review", "Nächste Prüfung"),
]
CHECK_COLUMNS = [
    ("severity", "Stufe"),
    ("code", "Prüfung"),
    ("entity_type", "Art"),
    ("key", "Schlüssel"),
    ("field", "Feld"),
    ("message", "Befund"),
]
CATALOGUE_COLUMNS = [("key", "Schlüssel"), ("name", "Bezeichnung"), ("purposes", "Zwecke")]


def add_commands(commands: argparse._SubParsersAction) -> None:
    vvt = commands.add_parser("vvt", help="Verzeichnis der Verarbeitungstätigkeiten")
    actions = vvt.add_subparsers(dest="vvt_command", metavar="AKTION", required=True)

    listing = actions.add_parser("list", help="Einträge des Verzeichnisses auflisten")
    add_school_option(listing)
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    check = actions.add_parser(
        "check", help="Prüfungen: fehlende Pflichtangaben, Verträge, Drittländer, Fristen"
    )
    add_school_option(check)
    add_format_option(check)
    check.set_defaults(handler=_check)

    catalogue = actions.add_parser("catalogue", help="Vorlagen typischer Schul-Verarbeitungen")
    add_format_option(catalogue)
    catalogue.set_defaults(handler=_catalogue)

    add = actions.add_parser("add", help="Entwurf aus einer Katalog-Vorlage anlegen")
    add.add_argument("--from-catalogue", required=True, metavar="VORLAGE", help="Schlüssel")
    add_school_option(add)
    add.set_defaults(handler=_add)

    release = actions.add_parser("release", help="Eintrag freigeben (Version einfrieren)")
    release.add_argument("key", metavar="SCHLÜSSEL", help="Schlüssel des Eintrags")
    add_school_option(release)
    release.set_defaults(handler=_release)

    add_register_print(actions, "print")
    add_info_sheet_print(actions, "info-sheet")
    add_entry_print(actions, "entry")


def add_register_print(actions: argparse._SubParsersAction, name: str = "vvt") -> None:
    """``… NAME -o FILE.pdf``: the dated register; also offered to the ``print`` group."""
    command = actions.add_parser(
        name, help="Verzeichnis als PDF oder DOCX (nur freigegebene Einträge)"
    )
    command.add_argument("-o", "--output", required=True, metavar="DATEI", help=OUTPUT_HELP)
    add_school_option(command)
    command.set_defaults(handler=_print_register)


def add_info_sheet_print(actions: argparse._SubParsersAction, name: str = "info-sheet") -> None:
    """``… NAME --activity KEY -o FILE.pdf``: the Art. 13 information sheet of one entry."""
    command = _add_activity_print(
        actions, name, "Informationsblatt nach Art. 13 DSGVO als PDF oder DOCX", _print_info_sheet
    )
    command.add_argument(
        "--zielgruppe",
        dest="audience",
        choices=("schueler", "beschaeftigte", "andere"),
        help="Wen das Blatt anspricht (ohne Angabe: aus den Betroffenen des Eintrags)",
    )


def add_entry_print(actions: argparse._SubParsersAction, name: str = "vvt-entry") -> None:
    """``… NAME --activity KEY -o FILE.pdf``: one entry of the register as released."""
    _add_activity_print(
        actions, name, "Einen Eintrag des Verzeichnisses als PDF oder DOCX", _print_entry
    )


def _add_activity_print(
    actions: argparse._SubParsersAction, name: str, help_text: str, handler
) -> argparse.ArgumentParser:
    command = actions.add_parser(name, help=help_text)
    command.add_argument("--activity", required=True, metavar="SCHLÜSSEL", help="Eintrag")
    command.add_argument("-o", "--output", required=True, metavar="DATEI", help=OUTPUT_HELP)
    command.add_argument(
        "--entwurf",
        dest="draft",
        action="store_true",
        help="Trotz offener Fehler drucken, auf jeder Seite als Entwurf gekennzeichnet",
    )
    add_school_option(command)
    command.set_defaults(handler=handler)
    return command


def _school(ctx, args: argparse.Namespace) -> int:
    from dpo_desk.services.schools import find_school

    return find_school(ctx, args.school).id


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.services.register.activities import list_activities

    ctx = open_context(args)
    rows = [
        {
            "key": a.key,
            "name": a.name,
            "status": a.status if args.format != "table" else a.status_label,
            "version": a.released_version,
            "legal_basis": a.legal_basis,
            "processors": a.processors,
            "next_review": a.next_review.isoformat() if a.next_review else None,
        }
        for a in list_activities(ctx, _school(ctx, args))
    ]
    print_rows(rows, LIST_COLUMNS, args.format)
    return 0


def _check(args: argparse.Namespace) -> int:
    """Findings go to stdout; the exit code stays 0 (findings are no failure)."""
    from dpo_desk.services.register.findings import school_findings

    ctx = open_context(args)
    findings = school_findings(ctx, _school(ctx, args))
    if args.format == "table" and not findings:
        print("Keine Befunde: Das Verzeichnis ist vollständig und aktuell.")
        return 0
    rows = [
        {
            "severity": f.severity if args.format != "table" else f.severity_label,
            "code": f.code,
            "entity_type": f.entity_type,
            "entity_id": f.entity_id,
            "key": f.entity_key,
            "name": f.entity_name,
            "field": f.field,
            "message": f.message,
        }
        for f in findings
    ]
    columns = CHECK_COLUMNS
    if args.format == "json":
        columns = [*CHECK_COLUMNS[:4], ("entity_id", ""), ("name", ""), *CHECK_COLUMNS[4:]]
    print_rows(rows, columns, args.format)
    if args.format == "table":
        print(f"{len(findings)} Befund(e).", file=sys.stderr)
    return 0


def _catalogue(args: argparse.Namespace) -> int:
    from dpo_desk.services.register.catalogue import catalogue_entries

    rows = [vars(e) for e in catalogue_entries()]
    print_rows(rows, CATALOGUE_COLUMNS, args.format)
    return 0


def _add(args: argparse.Namespace) -> int:
    from dpo_desk.services.register.catalogue import add_from_catalogue

    ctx = open_context(args)
    created = add_from_catalogue(ctx, _school(ctx, args), args.from_catalogue)
    print(f"Entwurf „{created.data.name}“ angelegt (Schlüssel {created.key}).")
    return 0


def _release(args: argparse.Namespace) -> int:
    from dpo_desk.services.register.activities import find_activity
    from dpo_desk.services.register.lifecycle import release_activity

    ctx = open_context(args)
    entry = find_activity(ctx, _school(ctx, args), args.key)
    released = release_activity(ctx, entry.id)
    print(f"„{released.data.name}“ freigegeben als Version {released.released_version}.")
    return 0


def _print_register(args: argparse.Namespace) -> int:
    from dpo_desk.services.register.printing import print_register

    ctx = open_context(args)
    result = print_register(ctx, _school(ctx, args), args.output)
    print(f"Verzeichnis gespeichert: {saved_text(result)}.")
    return 0


def _print_entry(args: argparse.Namespace) -> int:
    from dpo_desk.services.register.activities import find_activity
    from dpo_desk.services.register.printing import print_entry

    ctx = open_context(args)
    entry = find_activity(ctx, _school(ctx, args), args.activity)
    result = print_entry(ctx, entry.id, args.output, draft=args.draft)
    print(f"Eintrag gespeichert: {saved_text(result)}.")
    return 0


def _print_info_sheet(args: argparse.Namespace) -> int:
    from dpo_desk.core.register.info_text import OTHERS, STAFF, STUDENTS
    from dpo_desk.services.register.activities import find_activity
    from dpo_desk.services.register.printing import print_info_sheet

    audience = {"schueler": STUDENTS, "beschaeftigte": STAFF, "andere": OTHERS}.get(
        args.audience or ""
    )
    ctx = open_context(args)
    entry = find_activity(ctx, _school(ctx, args), args.activity)
    result = print_info_sheet(ctx, entry.id, args.output, audience=audience, draft=args.draft)
    print(f"Informationsblatt gespeichert: {saved_text(result)}.")
    return 0
