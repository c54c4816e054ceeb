"""``dpo-desk consent templates|status|record|revoke|erase-expired-proof``: consent
templates, who has consented, and entries from a script (``cli.record_consent``)."""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.record_consent import add_entry_commands
from dpo_desk.cli.support import (
    CliError,
    add_date_option,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
)

TEMPLATE_COLUMNS = [
    ("key", "Kürzel"),
    ("title", "Titel"),
    ("version", "Version"),
    ("options", "Optionen"),
    ("consents", "Einträge"),
    ("consents_on_older_versions", "davon ältere Versionen"),
    ("retired", "stillgelegt"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    consent = commands.add_parser("consent", help="Einwilligungen: Vorlagen und Stand")
    actions = consent.add_subparsers(dest="consent_command", metavar="AKTION", required=True)

    templates = actions.add_parser("templates", help="Einwilligungsvorlagen der Schule")
    add_school_option(templates)
    add_format_option(templates)
    templates.set_defaults(handler=_templates)

    status = actions.add_parser(
        "status", help="Stand je Schüler und Option (eine Zeile je Schüler)"
    )
    status.add_argument("--template", required=True, metavar="KÜRZEL", help="Vorlage, z. B. fotos")
    status.add_argument("--class", dest="class_name", metavar="KLASSE", help="nur diese Klasse")
    add_date_option(status, "--on", "Stand an diesem Tag")
    add_school_option(status)
    add_format_option(status)
    status.set_defaults(handler=_status)

    erase = actions.add_parser(
        "erase-expired-proof",
        help="Nachweise abgegangener Schüler löschen, deren Aufbewahrungsfrist abgelaufen ist",
    )
    add_school_option(erase)
    erase.add_argument("--dry-run", action="store_true", help="nur auflisten, nichts löschen")
    erase.set_defaults(handler=_erase)
    add_entry_commands(actions)


def _templates(args: argparse.Namespace) -> int:
    from dpo_desk.services.consent.templates import list_templates
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    rows = [t.as_dict() for t in list_templates(ctx, school.id)]
    if args.format == "table":
        for row in rows:
            row["options"] = ", ".join(row["option_labels"])  # type: ignore[arg-type]
            row["retired"] = "ja" if row["retired"] else ""
    elif args.format == "csv":
        for row in rows:
            row["options"] = ",".join(row["options"])  # type: ignore[arg-type]
    print_rows(rows, TEMPLATE_COLUMNS, args.format)
    if args.format == "table":
        print(f"{len(rows)} Vorlagen", file=sys.stderr)
    return 0


def _status(args: argparse.Namespace) -> int:
    from dpo_desk.services.consent.overview import template_status
    from dpo_desk.services.roster import students as roster
    from dpo_desk.services.schools import find_school

    day = args.on
    ctx = open_context(args)
    school = find_school(ctx, args.school)
    if args.class_name:
        known = {c.name.casefold() for c in roster.list_classes(ctx, school.id)}
        if args.class_name.strip().casefold() not in known:
            raise CliError(f"Fehler: --class: Eine Klasse „{args.class_name}“ gibt es nicht.")
    status = template_status(ctx, school.id, args.template, on=day, class_name=args.class_name)
    columns = [
        ("key", "Nr."),
        ("class", "Klasse"),
        ("last_name", "Nachname"),
        ("first_names", "Vorname(n)"),
    ] + [(key, label) for key, label in status.options]
    rows = status.as_rows()
    if args.format == "json":  # the text version each status rests on, per option
        columns.append(("versions", "Textversionen"))
    if args.format == "table":
        for row, student in zip(rows, status.rows, strict=True):
            for key, _ in status.options:
                row[key] = student.state(key).label
        print(
            f"{status.template.title} (Version {status.template.current_version}), Stand "
            f"{status.day:%d.%m.%Y}",
            file=sys.stderr,
        )
    print_rows(rows, columns, args.format)
    if args.format == "table":
        print(f"{len(rows)} Schüler", file=sys.stderr)
    return 0


def _erase(args: argparse.Namespace) -> int:
    from dpo_desk.services.consent.retention import erase_expired_proof, expired_proof
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    due = expired_proof(ctx, school.id)
    for proof in due:
        print(
            f"{proof.student_name} (abgegangen {proof.left_on:%d.%m.%Y}), {proof.template_title}: "
            f"{proof.entries} Einträge, aufzubewahren bis {proof.kept_until:%d.%m.%Y}"
        )
    if args.dry_run:
        print(f"Probelauf (--dry-run): {len(due)} Nachweise wären zu löschen; nichts gelöscht.")
        return 0
    erased = erase_expired_proof(ctx, school.id).count
    print(f"Gelöscht: {erased} Einträge zu {len(due)} Nachweisen.")
    return 0
