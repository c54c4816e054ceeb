"""``dpo-desk roster erase --student NR | --leavers [--yes]``: a person deleted everywhere.

Shows what would go (and which backups still hold the person) and asks, as the window
does; ``--yes`` erases without asking (scripts)."""

from __future__ import annotations

import argparse
import sys

from dpo_desk.cli.support import EXIT_USAGE, CliError, add_school_option, open_context


def add_erase(actions: argparse._SubParsersAction) -> None:
    erase = actions.add_parser(
        "erase", help="eine Schülerin / einen Schüler mit allen Daten endgültig löschen"
    )
    which = erase.add_mutually_exclusive_group(required=True)
    which.add_argument("--student", metavar="NR", type=int, help="Schlüssel aus „roster list“")
    which.add_argument(
        "--leavers",
        action="store_true",
        help="alle Abgegangenen, deren Aufbewahrungsfrist abgelaufen ist",
    )
    add_school_option(erase)
    erase.add_argument("--reason", metavar="TEXT", help="Anlass (ohne Namen), z. B. Antragsnummer")
    erase.add_argument("--yes", action="store_true", help="ohne Rückfrage löschen")
    erase.set_defaults(handler=_erase)


def _confirm(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise CliError(
            "Zum Löschen bitte mit --yes bestätigen. Es wurde nichts gelöscht.", EXIT_USAGE
        )
    answer = input(f"{question} [ja/nein] ")
    return answer.strip().lower() in ("j", "ja")


def _erase(args: argparse.Namespace) -> int:
    from dpo_desk.services.erasure.service import erase_student, erasure_plan
    from dpo_desk.services.errors import RecordGone

    ctx = open_context(args)
    if args.leavers:
        return _erase_leavers(ctx, args)
    try:
        plan = erasure_plan(ctx, args.student)
    except RecordGone:
        raise CliError(
            f"Fehler: Eine Schülerin / einen Schüler Nr. {args.student} gibt es nicht."
        ) from None
    print("\n".join(plan.lines()), file=sys.stderr)
    if not _confirm(args, "Diese Person endgültig löschen?"):
        print("Abgebrochen. Es wurde nichts gelöscht.", file=sys.stderr)
        return EXIT_USAGE
    result = erase_student(
        ctx,
        args.student,
        reason=args.reason or "Person gelöscht",
        expected_version=plan.row_version,
    )
    print("\n".join(result.lines()))
    return 0 if result.traces.clean else 1


def _erase_leavers(ctx, args: argparse.Namespace) -> int:
    from dpo_desk.services.erasure.leavers import due_leavers, erase_due_leavers
    from dpo_desk.services.schools import find_school

    school = find_school(ctx, args.school)
    due = due_leavers(ctx, school.id)
    if not due:
        print("Keine Abgegangenen, deren Aufbewahrungsfrist abgelaufen ist.")
        return 0
    for leaver in due:
        print(
            f"{leaver.name} (abgegangen {leaver.left_on:%d.%m.%Y}, aufzubewahren bis "
            f"{leaver.kept_until:%d.%m.%Y})",
            file=sys.stderr,
        )
    if not _confirm(args, f"Diese {len(due)} Personen mit allen Daten endgültig löschen?"):
        print("Abgebrochen. Es wurde nichts gelöscht.", file=sys.stderr)
        return EXIT_USAGE
    result = erase_due_leavers(ctx, school.id, due)
    print("\n".join(result.lines()))
    return 0 if result.traces.clean else 1
