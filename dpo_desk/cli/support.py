"""Shared pieces of the command line: German argparse, output formats, context."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NoReturn

from dpo_desk.core.dates import parse_date
from dpo_desk.core.export import neutralise_cell

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class GermanParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "diese Angaben fehlen")
            .replace("unrecognized arguments", "unbekannte Angaben")
            .replace("invalid choice", "ungültige Wahl")
            .replace("expected one argument", "erwartet einen Wert")
            .replace("argument", "Angabe")
        )
        self.exit(EXIT_USAGE, f"{self.prog}: Fehler: {translated}\n")


DATE_METAVAR = "DATUM"
DATE_HELP = "TT.MM.JJJJ oder JJJJ-MM-TT"


def cli_date(text: str) -> date:
    """The argparse ``type`` of every date option: TT.MM.JJJJ and JJJJ-MM-TT alike.

    A wrong date is a usage error (exit 2) naming the option and what was typed.
    """
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_date_option(parser: argparse.ArgumentParser, option: str, help_text: str) -> None:
    """A date option with the one date format of the command line."""
    parser.add_argument(
        option, type=cli_date, metavar=DATE_METAVAR, help=f"{help_text} ({DATE_HELP})"
    )


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="Ausgabeformat"
    )


def add_school_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--school", metavar="NAME", help="Name oder Schulnummer (entfällt bei nur einer Schule)"
    )


_opened: list[Any] = []


def open_context(args: argparse.Namespace, *, rescue: bool = False):  # -> ServiceContext
    """Open the app's data; an encrypted database is unlocked with ``cli_passphrase``.
    ``rescue`` (check, backup): a file that fails the structure check opens all the same.
    ``close_contexts`` (called when a command ends) closes it and releases its lock."""
    from dpo_desk.cli.passphrase import open_with_passphrase

    ctx = open_with_passphrase(args, rescue)
    _opened.append(ctx)
    return ctx


def close_later(ctx):  # type: ignore[no-untyped-def]
    """Register a context opened without ``open_context`` so the command's end closes it."""
    _opened.append(ctx)
    return ctx


def close_contexts() -> None:
    while _opened:
        _opened.pop().db.close()


def print_rows(
    rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], fmt: str
) -> None:
    """``columns`` pairs a stable English key with its German table heading."""
    out = sys.stdout
    if fmt == "json":
        json.dump(
            [{k: row.get(k) for k, _ in columns} for row in rows],
            out,
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        out.write("\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([k for k, _ in columns])
        for row in rows:
            writer.writerow([neutralise_cell(row.get(k)) for k, _ in columns])
        out.write(buffer.getvalue())
    else:
        out.write(format_table(rows, columns))


def format_table(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    rows = list(rows)
    cells = [[("" if r.get(k) is None else str(r.get(k))) for k, _ in columns] for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h) in enumerate(columns)]
    lines = ["  ".join(h.ljust(w) for (_, h), w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def saved_text(result: Any) -> str:
    """Where a printout went: PDF with its pages, a Word file with its parts."""
    from dpo_desk.core.wording import counted, pages

    if str(result.path).lower().endswith(".docx"):
        return f"{result.path} (Word-Dokument, {counted(result.pages, 'Teil', 'Teile')})"
    return f"{result.path} ({pages(result.pages)})"


OUTPUT_HELP = "Zieldatei: .pdf, oder .docx für ein Word-Dokument"


def day_option(text: str | None, option: str):  # -> date | None
    """A date typed on the command line (TT.MM.JJJJ or JJJJ-MM-TT); a wrong one is rejected
    input naming the option (exit 3)."""
    from dpo_desk.core.dates import parse_date
    from dpo_desk.core.validation import Problem, ValidationError

    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ValidationError([Problem(option, f"{option}: {exc}")]) from None


def instant_option(text: str | None, option: str, now):  # -> datetime | None
    """A point in time "TT.MM.JJJJ HH:MM" (or ISO) in local time, as an aware instant."""
    from datetime import datetime

    from dpo_desk.core.dates import from_local_time, local_time, parse_entered_datetime
    from dpo_desk.core.validation import Problem, ValidationError

    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            moment = parse_entered_datetime(text, local_time(now))
        except ValueError as exc:
            raise ValidationError([Problem(option, f"{option}: {exc}")]) from None
    return moment if moment.tzinfo else from_local_time(moment)


def school_id_of(ctx, args: argparse.Namespace) -> int:
    from dpo_desk.services.schools import find_school

    return find_school(ctx, args.school).id
