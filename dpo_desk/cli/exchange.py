"""``dpo-desk export`` and ``dpo-desk import``: a school (or chosen parts) as one archive,
and back, into another school or installation (docs/EXPORT_FORMAT.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dpo_desk.cli.support import EXIT_REJECTED, CliError, add_school_option, open_context


def add_commands(commands: argparse._SubParsersAction) -> None:
    from dpo_desk.services.exchange.format import PARTS

    export = commands.add_parser("export", help="eine Schule als Archiv (ZIP) exportieren")
    add_school_option(export)
    export.add_argument(
        "--parts",
        metavar="TEILE",
        help="nur diese Teile, mit Komma getrennt: " + ", ".join(PARTS),
    )
    export.add_argument("-o", "--output", required=True, metavar="DATEI.zip", help="Zieldatei")
    export.set_defaults(handler=_export)

    imp = commands.add_parser("import", help="ein Archiv in eine Schule importieren")
    imp.add_argument("file", metavar="DATEI.zip", help="Exportdatei von dpo_desk")
    imp.add_argument(
        "--school",
        metavar="NAME",
        help="in diese vorhandene Schule importieren (sonst: als neue Schule)",
    )
    add_import_options(imp)
    imp.set_defaults(handler=_import)


def _export(args: argparse.Namespace) -> int:
    from dpo_desk.services.exchange.export import export_school
    from dpo_desk.services.schools import find_school

    parts = [p.strip() for p in args.parts.split(",") if p.strip()] if args.parts else None
    ctx = open_context(args)
    school = find_school(ctx, args.school)
    result = export_school(ctx, school.id, args.output, parts)
    if result.added:
        print(
            f"Hinweis: mit aufgenommen, weil benötigt: {', '.join(result.added)}", file=sys.stderr
        )
    print(
        f"Exportiert: {result.records} Datensätze ({', '.join(result.parts)}), "
        f"{result.attachments} Anlagen nach {result.path}."
    )
    return 0


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="nur die Vorschau, nichts importieren"
    )
    parser.add_argument(
        "--on-conflict",
        choices=["keep", "replace", "both"],
        default="keep",
        help="bei Konflikten: behalten (Standard), ersetzen oder beide behalten",
    )


def _import(args: argparse.Namespace) -> int:
    from dpo_desk.services.exchange.archive import ArchiveError, read_archive
    from dpo_desk.services.schools import find_school

    try:
        archive = read_archive(Path(args.file))
    except ArchiveError as exc:
        raise CliError(f"Fehler: {exc}", EXIT_REJECTED) from None
    ctx = open_context(args)
    school_id = find_school(ctx, args.school).id if args.school else None
    return run_import(ctx, archive, school_id, args)


def run_import(ctx, archive, school_id: int | None, args: argparse.Namespace) -> int:
    """Preview (to stderr), then, unless ``--dry-run``, the import with ``--on-conflict``
    for every conflict that allows it (else keep)."""
    from dpo_desk.services.exchange.apply import PreviewOutdated, apply_import
    from dpo_desk.services.exchange.preview import CONFLICT, preview_import

    preview = preview_import(ctx, archive, school_id)
    print("\n".join(preview.lines()), file=sys.stderr)
    if args.dry_run:
        print("Probelauf (--dry-run): Es wurde nichts importiert.")
        return 0
    choices = {
        r.key: args.on_conflict if args.on_conflict in r.choices else "keep"
        for r in preview.records
        if r.status == CONFLICT
    }
    try:
        result = apply_import(ctx, archive, preview, choices)
    except PreviewOutdated as exc:
        print("\n".join(exc.preview.lines()), file=sys.stderr)
        raise CliError(f"Fehler: {exc}", EXIT_REJECTED) from None
    print("\n".join(result.lines()))
    return 0
