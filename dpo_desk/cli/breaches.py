"""``dpo-desk breach list|add``: the breach register; the printouts ``print
breach-notification|breach-letter|breach-register`` (``add_breach_prints``)."""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.support import (
    add_format_option,
    add_school_option,
    instant_option,
    open_context,
    print_rows,
    school_id_of,
)

LIST_COLUMNS = [
    ("key", "Nr."),
    ("aware_at", "Bekannt geworden"),
    ("title", "Vorfall"),
    ("risk", "Risiko"),
    ("status", "Stand"),
    ("deadline", "Meldefrist bis"),
    ("closed_on", "Abgeschlossen"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("breach", help="Datenpannen (Art. 33/34 DSGVO)")
    actions = group.add_subparsers(dest="breach_command", metavar="AKTION", required=True)
    listing = actions.add_parser("list", help="Datenpannen mit Meldefrist und Stand")
    listing.add_argument("--year", type=int, metavar="JJJJ", help="nur dieses Jahr")
    listing.add_argument("--open", action="store_true", help="nur nicht abgeschlossene")
    add_school_option(listing)
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    add = actions.add_parser("add", help="Datenpanne erfassen (die 72-Stunden-Frist beginnt)")
    add.add_argument("--title", required=True, metavar="TEXT", help="Kurzbezeichnung")
    add.add_argument(
        "--aware", required=True, metavar="'TT.MM.JJJJ HH:MM'", help="bekannt geworden am"
    )
    add.add_argument("--occurred", metavar="'TT.MM.JJJJ HH:MM'", help="geschehen am")
    add.add_argument("--description", default="", metavar="TEXT", help="was ist passiert")
    add.add_argument("--reported-by", default="", metavar="TEXT", help="gemeldet von (intern)")
    add.add_argument(
        "--data-category",
        action="append",
        default=[],
        metavar="TEXT",
        help="betroffene Datenkategorie (mehrfach möglich)",
    )
    add.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="TEXT",
        help="betroffene Personengruppe (mehrfach möglich)",
    )
    add.add_argument("--persons", type=int, metavar="N", help="Zahl der Betroffenen (ca.)")
    add.add_argument("--records", type=int, metavar="N", help="Zahl der Datensätze (ca.)")
    add.add_argument("--consequences", default="", metavar="TEXT", help="wahrscheinliche Folgen")
    add.add_argument("--measures-taken", default="", metavar="TEXT", help="ergriffene Maßnahmen")
    add.add_argument("--measures-planned", default="", metavar="TEXT", help="geplante Maßnahmen")
    add.add_argument(
        "--likelihood",
        type=int,
        choices=range(1, 5),
        metavar="1-4",
        help="Eintrittswahrscheinlichkeit",
    )
    add.add_argument(
        "--severity", type=int, choices=range(1, 5), metavar="1-4", help="Schwere des Schadens"
    )
    add.add_argument("--notified", metavar="'TT.MM.JJJJ HH:MM'", help="gemeldet am")
    add.add_argument("--delay-reason", default="", metavar="TEXT", help="Gründe der Verzögerung")
    add.add_argument(
        "--no-notification-reason",
        default="",
        metavar="TEXT",
        help="keine Meldung, weil … (nur bei geringem Risiko)",
    )
    add_school_option(add)
    add.set_defaults(handler=_add)


def add_breach_prints(documents: argparse._SubParsersAction) -> None:
    for name, help_text in (
        ("breach-notification", "Meldung einer Datenpanne an die Aufsichtsbehörde (Art. 33)"),
        ("breach-letter", "Brief an die Betroffenen einer Datenpanne (Art. 34)"),
    ):
        command = documents.add_parser(name, help=help_text)
        command.add_argument("--breach", required=True, metavar="NR", help="z. B. 2026-01")
        command.add_argument("-o", "--output", metavar="DATEI.pdf", help="Zieldatei")
        add_school_option(command)
        command.set_defaults(handler=_print_one, document=name)
    register = documents.add_parser("breach-register", help="Verzeichnis der Datenpannen")
    register.add_argument("-o", "--output", metavar="DATEI.pdf", help="Zieldatei")
    add_school_option(register)
    register.set_defaults(handler=_print_register)


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.core.dates import local_time
    from dpo_desk.services.breaches.records import list_breaches

    ctx = open_context(args)
    now = ctx.clock.now()
    table = args.format == "table"
    rows = []
    for b in list_breaches(ctx, school_id_of(ctx, args), args.year):
        if args.open and not b.is_open():
            continue
        rows.append(
            {
                "key": b.reference,
                "aware_at": f"{local_time(b.aware_at):%d.%m.%Y %H:%M}"
                if table
                else b.aware_at.isoformat(),
                "title": b.title,
                "risk": b.risk_label if table else (b.risk_class or None),
                "status": b.status_text(now) if table else b.state(now).value,
                "deadline": f"{local_time(b.deadline):%d.%m.%Y %H:%M}"
                if table
                else b.deadline.isoformat(),
                "closed_on": _day(b.closed_on, table),
            }
        )
    if table and not rows:
        print("Keine Datenpannen dokumentiert.")
        return 0
    print_rows(rows, LIST_COLUMNS, args.format)
    return 0


def _day(day, table: bool) -> str | None:
    if day is None:
        return None
    return f"{day:%d.%m.%Y}" if table else day.isoformat()


def _add(args: argparse.Namespace) -> int:
    from dpo_desk.core.breaches.values import BreachData
    from dpo_desk.services.breaches.records import create_breach

    ctx = open_context(args)
    now = ctx.clock.now()
    data = BreachData(
        title=args.title,
        aware_at=instant_option(args.aware, "--aware", now),
        occurred_at=instant_option(args.occurred, "--occurred", now),
        description=args.description,
        reported_by=args.reported_by,
        data_categories=args.data_category,
        subject_groups=args.group,
        persons_count=args.persons,
        records_count=args.records,
        consequences=args.consequences,
        measures_taken=args.measures_taken,
        measures_planned=args.measures_planned,
        likelihood=args.likelihood,
        severity=args.severity,
        notified_at=instant_option(args.notified, "--notified", now),
        delay_reason=args.delay_reason,
        no_notification_reason=args.no_notification_reason,
    )
    detail = create_breach(ctx, school_id_of(ctx, args), data)
    print(f"Datenpanne {detail.reference} erfasst. {detail.summary.status_text(now)}.")
    return 0


def _print_one(args: argparse.Namespace) -> int:
    from dpo_desk.services.breaches.printing import print_letter, print_notification
    from dpo_desk.services.breaches.records import find_breach

    ctx = open_context(args)
    detail = find_breach(ctx, school_id_of(ctx, args), args.breach)
    if args.document == "breach-notification":
        target = args.output or f"Meldung_Datenpanne_{detail.reference}.pdf"
        result = print_notification(ctx, detail.id, target)
        what = "Meldung an die Aufsichtsbehörde"
    else:
        target = args.output or f"Brief_Betroffene_Datenpanne_{detail.reference}.pdf"
        result = print_letter(ctx, detail.id, target)
        what = "Brief an die Betroffenen"
    print(f"{what} gespeichert: {result.path}")
    return 0


def _print_register(args: argparse.Namespace) -> int:
    from dpo_desk.services.breaches.printing import print_breach_register

    ctx = open_context(args)
    result = print_breach_register(ctx, school_id_of(ctx, args), args.output or "Datenpannen.pdf")
    print(f"Verzeichnis der Datenpannen gespeichert: {result.path}", file=sys.stdout)
    return 0
