"""``dpo-desk library …``: records shared between the schools of one installation
(services/library): the library kept once for all schools (``list``, ``add``, ``take``,
``remove``), copying from one school to another (``copy``), and the later changes offered
to a school (``updates``)."""

from __future__ import annotations

import argparse

from dpo_desk.cli.exchange import add_import_options, run_import
from dpo_desk.cli.support import (
    CliError,
    add_format_option,
    add_school_option,
    open_context,
    print_rows,
)


def add_commands(commands: argparse._SubParsersAction) -> None:
    from dpo_desk.services.library.copying import SHARED_PARTS

    library = commands.add_parser("library", help="Einträge zwischen Schulen teilen")
    actions = library.add_subparsers(dest="action", required=True, metavar="AKTION")
    copy = actions.add_parser("copy", help="Einträge einer Schule in eine andere kopieren")
    copy.add_argument("--from", dest="source", required=True, metavar="NAME", help="Quelle")
    copy.add_argument("--to", dest="target", required=True, metavar="NAME", help="Ziel")
    copy.add_argument(
        "--parts",
        metavar="TEILE",
        help="nur diese Teile, mit Komma getrennt: " + ", ".join(SHARED_PARTS),
    )
    add_import_options(copy)
    copy.set_defaults(handler=_copy)
    updates = actions.add_parser(
        "updates", help="kopierte Einträge, die in ihrer Ursprungsschule geändert wurden"
    )
    add_school_option(updates)
    updates.set_defaults(handler=_updates)
    _library_commands(actions)


def _library_commands(actions: argparse._SubParsersAction) -> None:
    from dpo_desk.services.library.items import LIBRARY_KINDS

    listing = actions.add_parser("list", help="die Einträge der Bibliothek")
    listing.add_argument("--kind", choices=LIBRARY_KINDS, help="nur diese Art")
    add_format_option(listing)
    listing.set_defaults(handler=_list)
    add = actions.add_parser(
        "add", help="einen Eintrag einer Schule in die Bibliothek stellen (oder erneuern)"
    )
    add_school_option(add)
    add.add_argument("--kind", required=True, choices=LIBRARY_KINDS, help="Art")
    add.add_argument(
        "--key",
        required=True,
        metavar="SCHLÜSSEL",
        help="Kürzel (VVT, Auftragsverarbeiter, Vorlage) oder Titel (TOM, DSFA-Szenario)",
    )
    add.set_defaults(handler=_add)
    take = actions.add_parser(
        "take", help="Einträge der Bibliothek in eine Schule übernehmen (mit Vorschau)"
    )
    add_school_option(take)
    chosen = take.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--items", metavar="NUMMERN", help="Nummern aus „library list“")
    chosen.add_argument(
        "--updates", action="store_true", help="die seit der Übernahme geänderten Einträge"
    )
    add_import_options(take)
    take.set_defaults(handler=_take)
    remove = actions.add_parser(
        "remove", help="einen Eintrag aus der Bibliothek entfernen (Kopien bleiben)"
    )
    remove.add_argument("item", type=int, metavar="NUMMER")
    remove.set_defaults(handler=_remove)


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.items import list_library

    ctx = open_context(args)
    rows = [
        {
            "id": e.id,
            "kind": e.kind_label,
            "title": e.title,
            "revision": e.revision,
            "updated": e.updated_at.strftime("%d.%m.%Y"),
            "by": e.updated_by,
            "source": e.source_school,
            "copies": e.copies,
        }
        for e in list_library(ctx, args.kind)
    ]
    if not rows and args.format == "table":
        print("Die Bibliothek ist leer (hinzufügen mit „dpo-desk library add“).")
        return 0
    columns = [
        ("id", "Nr."),
        ("kind", "Art"),
        ("title", "Titel"),
        ("revision", "Stand"),
        ("updated", "geändert"),
        ("by", "von"),
        ("source", "aus Schule"),
        ("copies", "Schulen mit Kopie"),
    ]
    print_rows(rows, columns, args.format)
    return 0


def _add(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.items import add_to_library
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    result = add_to_library(ctx, school.id, args.kind, args.key)
    if result.created:
        print(f"In die Bibliothek aufgenommen (Nr. {result.item_id}).")
    elif result.changed:
        print(
            f"Bibliothekseintrag Nr. {result.item_id} erneuert; die Schulen mit einer Kopie "
            "bekommen die Änderung angeboten."
        )
    else:
        print(f"Bibliothekseintrag Nr. {result.item_id} ist schon auf diesem Stand.")
    return 0


def _take(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.items import library_archive, library_updates
    from dpo_desk.services.library.scenarios import KIND as SCENARIO
    from dpo_desk.services.library.scenarios import renew_scenarios
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    if args.updates:
        offered = library_updates(ctx, school.id)
        if not offered:
            print("Keine Einträge der Bibliothek wurden seit der Übernahme geändert.")
            return 0
        scenarios = [u.item_id for u in offered if u.kind == SCENARIO]
        ids = [u.item_id for u in offered if u.item_id not in scenarios]
        if scenarios and not args.dry_run:
            renewed = renew_scenarios(ctx, school.id, scenarios)
            print(f"{renewed.count} DSFA-Szenario(s) mit dem Stand der Bibliothek erneuert.")
        elif scenarios:
            print(f"{len(scenarios)} DSFA-Szenario(s) würden erneuert.")
        if not ids:
            return 0
    else:
        try:
            ids = [int(p) for p in args.items.split(",") if p.strip()]
        except ValueError:
            raise CliError("Fehler: --items erwartet Nummern, z. B. 3,5.", 2) from None
    return run_import(ctx, library_archive(ctx, ids), school.id, args)


def _remove(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.items import remove_from_library

    ctx = open_context(args)
    remove_from_library(ctx, [args.item])
    print(f"Bibliothekseintrag Nr. {args.item} entfernt (die Kopien in den Schulen bleiben).")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.copying import school_as_archive
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    source, target = find_school(ctx, args.source), find_school(ctx, args.target)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()] if args.parts else None
    return run_import(ctx, school_as_archive(ctx, source.id, parts), target.id, args)


def _updates(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.copying import offered_updates
    from dpo_desk.services.library.items import library_updates
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    offered = offered_updates(ctx, school.id)
    from_library = library_updates(ctx, school.id)
    for update in from_library:
        print(
            f"Bibliothek: {update.kind_label} „{update.title}“ hat jetzt Stand "
            f"{update.revision} (Nr. {update.item_id})."
        )
    if from_library:
        print(f'Übernehmen mit: dpo-desk library take --school "{school.name}" --updates')
    if not offered:
        if not from_library:
            print("Keine übernommenen Einträge wurden in ihrem Ursprung geändert.")
        return 0
    for item in offered:
        print(f"{item.source_name}: {item.kind_label} „{item.identity}“ wurde dort geändert.")
    print(
        "Übernehmen mit: dpo-desk library copy --from QUELLE --to "
        f'"{school.name}" (Vorschau mit --dry-run).'
    )
    return 0
