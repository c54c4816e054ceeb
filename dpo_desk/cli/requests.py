"""``dpo-desk request list|add``: requests of data subjects; ``print access-report``
(``add_access_report_print``) writes the Art. 15 report as PDF, or JSON by the extension."""

from __future__ import annotations

import argparse

from dpo_desk.cli.support import (
    add_format_option,
    add_school_option,
    day_option,
    open_context,
    print_rows,
    school_id_of,
)
from dpo_desk.core.requests.values import CHANNELS, KIND_LABELS, REQUESTER_ROLES

LIST_COLUMNS = [
    ("key", "Nr."),
    ("received_on", "Eingang"),
    ("kind", "Art"),
    ("subject", "Betroffene Person"),
    ("requester", "Anfrage von"),
    ("status", "Stand"),
    ("deadline", "Frist"),
    ("overdue", "Überfällig"),
    ("answered_on", "Beantwortet"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("request", help="Anfragen betroffener Personen (Art. 15–22)")
    actions = group.add_subparsers(dest="request_command", metavar="AKTION", required=True)
    listing = actions.add_parser("list", help="Anfragen mit Frist und Stand")
    listing.add_argument("--year", type=int, metavar="JJJJ", help="nur dieses Jahr")
    listing.add_argument("--open", action="store_true", help="nur offene")
    add_school_option(listing)
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    add = actions.add_parser("add", help="Anfrage erfassen (Frist: ein Monat)")
    add.add_argument("--received", required=True, metavar="TT.MM.JJJJ", help="eingegangen am")
    add.add_argument("--kind", required=True, choices=list(KIND_LABELS), help="Art")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--student", metavar="NR", help="Schüler (Schlüssel aus „roster list“)")
    who.add_argument("--subject", metavar="NAME", help="betroffene Person (ohne Schülerdatensatz)")
    add.add_argument(
        "--requester-role",
        choices=list(REQUESTER_ROLES),
        default="guardian",
        help="Anfrage von (Voreinstellung: guardian = Erziehungsberechtigte)",
    )
    add.add_argument(
        "--requester-name", default="", metavar="NAME", help="Name der anfragenden Person"
    )
    add.add_argument(
        "--channel",
        choices=list(CHANNELS),
        default="letter",
        help="Eingang per (Voreinstellung: letter)",
    )
    add.add_argument("--identity-checked", metavar="TT.MM.JJJJ", help="Identität geprüft am")
    add.add_argument("--identity-method", default="", metavar="TEXT", help="wie geprüft")
    add.add_argument("--note", default="", metavar="TEXT", help="Notiz")
    add_school_option(add)
    add.set_defaults(handler=_add)


def add_access_report_print(documents: argparse._SubParsersAction) -> None:
    command = documents.add_parser(
        "access-report", help="Auskunft nach Art. 15 über eine Schülerin/einen Schüler"
    )
    command.add_argument(
        "--student", required=True, metavar="NR", help="Schlüssel aus „roster list“"
    )
    command.add_argument(
        "-o", "--output", required=True, metavar="DATEI.pdf|DATEI.json", help="Zieldatei"
    )
    command.add_argument("--request", metavar="NR", help="die Anfrage, auf die sie antwortet")
    add_school_option(command)
    command.set_defaults(handler=_access_report)


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.services.requests.records import list_requests

    ctx = open_context(args)
    today = ctx.clock.today()
    table = args.format == "table"

    def day(value):
        if value is None:
            return None
        return f"{value:%d.%m.%Y}" if table else value.isoformat()

    rows = [
        {
            "key": r.reference,
            "received_on": day(r.received_on),
            "kind": r.kind_label if table else r.kind,
            "subject": r.subject_name,
            "requester": r.requester_label if table else r.requester_role,
            "status": r.status_label if table else r.status,
            "deadline": day(r.deadline),
            "overdue": ("ja" if r.is_overdue(today) else "") if table else r.is_overdue(today),
            "answered_on": day(r.answered_on),
        }
        for r in list_requests(ctx, school_id_of(ctx, args), args.year)
        if not args.open or r.is_open()
    ]
    if table and not rows:
        print("Keine Anfragen erfasst.")
        return 0
    print_rows(rows, LIST_COLUMNS, args.format)
    return 0


def _student_number(text: str | None) -> int | None:
    from dpo_desk.core.validation import Problem, ValidationError

    if text is None:
        return None
    if not text.strip().isdigit():
        raise ValidationError(
            [Problem("--student", f"--student: „{text}“ ist keine Schülernummer (key).")]
        )
    return int(text)


def _add(args: argparse.Namespace) -> int:
    from dpo_desk.core.requests.values import RequestData
    from dpo_desk.services.requests.records import create_request

    ctx = open_context(args)
    data = RequestData(
        received_on=day_option(args.received, "--received"),
        requester_role=args.requester_role,
        requester_name=args.requester_name,
        channel=args.channel,
        student_id=_student_number(args.student),
        subject_name=args.subject or "",
        kind=args.kind,
        identity_checked_on=day_option(args.identity_checked, "--identity-checked"),
        identity_method=args.identity_method,
        note=args.note,
    )
    detail = create_request(ctx, school_id_of(ctx, args), data)
    summary = detail.summary
    print(
        f"Anfrage {detail.reference} erfasst ({summary.kind_label}); "
        f"Antwort fällig bis {summary.deadline:%d.%m.%Y}."
    )
    return 0


def _access_report(args: argparse.Namespace) -> int:
    from dpo_desk.services.requests.access import write_access_report
    from dpo_desk.services.requests.records import find_request

    ctx = open_context(args)
    school_id = school_id_of(ctx, args)
    reference = find_request(ctx, school_id, args.request).reference if args.request else ""
    written = write_access_report(
        ctx, school_id, _student_number(args.student) or 0, args.output, reference
    )
    path = getattr(written, "path", written)
    print(f"Auskunft nach Art. 15 gespeichert: {path}")
    return 0
