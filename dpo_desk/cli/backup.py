"""``dpo-desk backup create|list|verify FILE|restore FILE [--yes]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dpo_desk.cli.passphrase import read_passphrase_file
from dpo_desk.cli.support import (
    EXIT_FAILURE,
    EXIT_REJECTED,
    EXIT_USAGE,
    CliError,
    add_format_option,
    open_context,
    print_rows,
)

COLUMNS = [
    ("key", "Datei"),
    ("created", "Angelegt"),
    ("reason", "Anlass"),
    ("size_kb", "KB"),
    ("schema", "Schema"),
    ("schools", "Schulen"),
    ("students", "Schüler"),
    ("consents", "Einwill."),
    ("activities", "VVT"),
    ("encrypted", "Verschl."),
    ("problem", "Problem"),
]


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="Datensicherungen anlegen, prüfen, zurückspielen")
    actions = backup.add_subparsers(dest="backup_command", metavar="AKTION", required=True)

    create = actions.add_parser("create", help="jetzt eine geprüfte Sicherung anlegen")
    create.set_defaults(handler=_create)

    listing = actions.add_parser("list", help="alle Sicherungen mit Inhalt auflisten")
    add_format_option(listing)
    listing.set_defaults(handler=_list)

    verify = actions.add_parser("verify", help="eine Sicherungsdatei vollständig prüfen")
    verify.add_argument("file", metavar="DATEI")
    _add_backup_passphrase(verify)
    verify.set_defaults(handler=_verify)

    restore = actions.add_parser("restore", help="eine Sicherung zurückspielen")
    restore.add_argument("file", metavar="DATEI")
    restore.add_argument("--yes", action="store_true", help="ohne Rückfrage zurückspielen")
    _add_backup_passphrase(restore)
    restore.set_defaults(handler=_restore)


def _add_backup_passphrase(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--backup-passphrase-file",
        metavar="DATEI",
        help="Passphrase der Sicherung, falls sie mit einer früheren verschlüsselt ist",
    )


def _backup_passphrase(args: argparse.Namespace) -> str | None:
    path = getattr(args, "backup_passphrase_file", None)
    return read_passphrase_file(path) if path else None


def _counts_text(counts: dict[str, int]) -> str:
    labels = {
        "schools": "Schulen",
        "students": "Schüler/innen",
        "consents": "Einwilligungen",
        "activities": "Verarbeitungstätigkeiten",
    }
    return ", ".join(f"{counts[k]} {label}" for k, label in labels.items() if k in counts)


def _describe(info) -> str:  # BackupInfo
    return (
        f"{info.path}\n  angelegt {info.created:%d.%m.%Y %H:%M}, {info.size / 1024:.0f} KB, "
        f"Schema {info.revision}, {'verschlüsselt' if info.encrypted else 'unverschlüsselt'}"
        f"\n  enthält: {_counts_text(info.counts) or '–'}"
    )


def _create(args: argparse.Namespace) -> int:
    from dpo_desk.services.safety.backup import create_backup
    from dpo_desk.store.backup import BackupError

    ctx = open_context(args, rescue=True)
    try:
        info = create_backup(ctx)
    except BackupError as exc:
        raise CliError(f"Fehler: {exc}", EXIT_FAILURE) from exc
    finally:
        ctx.db.close()
    print("Sicherung angelegt und geprüft:\n" + _describe(info))
    return 0


def _list(args: argparse.Namespace) -> int:
    from dpo_desk.services.safety.backup import list_backups

    ctx = open_context(args, rescue=True)
    try:
        entries = list_backups(ctx)
    finally:
        ctx.db.close()
    rows = []
    for e in entries:
        counts = e.info.counts if e.info else {}
        rows.append(
            {
                "key": e.path.name,
                "created": e.created.strftime("%d.%m.%Y %H:%M")
                if args.format == "table"
                else e.created.isoformat(),
                "reason": e.reason,
                "size_kb": round(e.size / 1024),
                "schema": e.info.revision if e.info else None,
                "encrypted": (e.info.encrypted if e.info else None),
                "problem": e.problem or "",
                **{k: counts.get(k) for k in ("schools", "students", "consents", "activities")},
            }
        )
    if args.format == "table" and not rows:
        print("Keine Sicherungen vorhanden.", file=sys.stderr)
        return 0
    if args.format == "table":
        for row in rows:
            row["encrypted"] = {True: "ja", False: "nein", None: ""}[row["encrypted"]]
    print_rows(rows, COLUMNS, args.format)
    return 0


def _verify(args: argparse.Namespace) -> int:
    from dpo_desk.services.safety.backup import verify_backup_file
    from dpo_desk.store.backup import BackupError

    ctx = open_context(args, rescue=True)
    try:
        info = verify_backup_file(ctx, Path(args.file), _backup_passphrase(args))
    except BackupError as exc:
        raise CliError(f"Fehler: {exc}", EXIT_REJECTED) from exc
    finally:
        ctx.db.close()
    print("Die Sicherung ist in Ordnung:\n" + _describe(info))
    return 0


def _restore(args: argparse.Namespace) -> int:
    from dpo_desk.services.safety.backup import restore_backup, verify_backup_file
    from dpo_desk.store.backup import BackupError
    from dpo_desk.store.errors import UntrustedDatabase

    ctx = open_context(args, rescue=True)
    try:
        passphrase = _backup_passphrase(args)
        try:
            info = verify_backup_file(ctx, Path(args.file), passphrase)
        except BackupError as exc:
            raise CliError(f"Fehler: {exc} Es wurde nichts verändert.", EXIT_REJECTED) from exc
        print("Die Sicherung enthält:\n" + _describe(info), file=sys.stderr)
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError(
                    "Zum Zurückspielen bitte mit --yes bestätigen. Es wurde nichts verändert.",
                    EXIT_USAGE,
                )
            answer = input("Aktuelle Daten durch diese Sicherung ersetzen? [ja/nein] ")
            if answer.strip().lower() not in ("j", "ja"):
                print("Abgebrochen. Es wurde nichts verändert.", file=sys.stderr)
                return EXIT_USAGE
        try:
            result = restore_backup(ctx, Path(args.file), passphrase)
        except UntrustedDatabase as exc:
            raise CliError(f"Fehler: {exc}", EXIT_REJECTED) from exc
        except BackupError as exc:
            raise CliError(f"Fehler: {exc}", EXIT_FAILURE) from exc
    finally:
        ctx.db.close()
    print(
        "Sicherung zurückgespielt. Der vorherige Stand wurde gesichert in:\n  "
        f"{result.safety_backup.path}"
    )
    return 0
