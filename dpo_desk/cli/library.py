"""``dpo-desk library copy`` and ``dpo-desk library updates``: records shared between the
schools of one installation (services/library)."""

from __future__ import annotations

import argparse

from dpo_desk.cli.exchange import add_import_options, run_import
from dpo_desk.cli.support import add_school_option, open_context


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


def _copy(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.copying import school_as_archive
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    source, target = find_school(ctx, args.source), find_school(ctx, args.target)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()] if args.parts else None
    return run_import(ctx, school_as_archive(ctx, source.id, parts), target.id, args)


def _updates(args: argparse.Namespace) -> int:
    from dpo_desk.services.library.copying import offered_updates
    from dpo_desk.services.schools import find_school

    ctx = open_context(args)
    school = find_school(ctx, args.school)
    offered = offered_updates(ctx, school.id)
    if not offered:
        print("Keine übernommenen Einträge wurden in ihrer Ursprungsschule geändert.")
        return 0
    for item in offered:
        print(f"{item.source_name}: {item.kind_label} „{item.identity}“ wurde dort geändert.")
    print(
        "Übernehmen mit: dpo-desk library copy --from QUELLE --to "
        f'"{school.name}" (Vorschau mit --dry-run).'
    )
    return 0
