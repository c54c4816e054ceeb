"""Printing figures for a school of 2,000 students, next to raw ReportLab.

The signature sheets of all classes against their floor: raw ReportLab with the same
embedded font laying out the same page count (one plain table per class). The consent
forms of one class and of the whole school (2,000 forms, with progress; both cores where
the job is split), the latter next to raw ReportLab drawing the same number of pages with
the same font (one title, one paragraph and a name per page)."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_roster import STUDENTS, fresh_school, write_roster
from floors import raw_forms, raw_signature_sheets
from harness import Figure

from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.printing.documents import PrintDocument, PrintRequest, print_document
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.roster.students import list_classes

TEMPLATE = "videokonferenzen"
DAY = date(2026, 11, 23)


def _seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def sheet_floor_input(ctx, school_id: int) -> tuple[list[tuple[str, list[str]]], list[str]]:
    status = template_status(ctx, school_id, TEMPLATE, on=DAY)
    by_class: dict[str, list[str]] = {}
    for row in status.rows:
        by_class.setdefault(row.class_name, []).append(row.name)
    return list(by_class.items()), [label for _, label in status.options]


def matching_padding(classes, options, pages: int, folder: Path) -> float:
    """The cell padding at which the raw tables fill as many pages as the sheets."""
    low, high = 0.0, 20.0
    for _ in range(14):
        padding = (low + high) / 2
        got = raw_signature_sheets(classes, options, padding, folder / "roh.pdf")
        if got == pages:
            return padding
        low, high = (padding, high) if got < pages else (low, padding)
    raise RuntimeError(f"floor: no cell padding gives {pages} pages")


def sheets_against_floor(ctx, school_id: int, work: Path) -> tuple[float, float, int]:
    def job() -> int:
        request = PrintRequest(PrintDocument.SIGNATURE_SHEET, TEMPLATE, printed_on=DAY)
        return print_document(ctx, school_id, request, work / "listen.pdf").pages

    pages = job()  # warms fonts and caches
    classes, options = sheet_floor_input(ctx, school_id)
    padding = matching_padding(classes, options, pages, work)
    ours, floor = [], []
    for _ in range(3):
        ours.append(_seconds(job))
        floor.append(
            _seconds(lambda: raw_signature_sheets(classes, options, padding, work / "roh.pdf"))
        )
    return statistics.median(ours), statistics.median(floor), pages


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = work / "schule.csv"
        write_roster(roster, STUDENTS)
        ctx, school_id = fresh_school(work / "db")
        try:
            apply_import(ctx, prepare_import(ctx, school_id, roster, "2026/27"))
            copy_from_catalogue(ctx, school_id, TEMPLATE)
            classes = list_classes(ctx, school_id)
            big = max(classes, key=lambda c: c.student_count)
            sheets, sheets_floor, sheet_pages = sheets_against_floor(ctx, school_id, work)

            def job(document: PrintDocument, classes: tuple[str, ...] = ()) -> None:
                request = PrintRequest(document, TEMPLATE, classes, printed_on=DAY)
                print_document(ctx, school_id, request, work / f"{document}.pdf")

            one_class = min(
                _seconds(lambda: job(PrintDocument.CONSENT_FORMS, (big.name,))) for _ in range(3)
            )
            seen: list[int] = []
            result = []

            def whole_school() -> None:
                request = PrintRequest(PrintDocument.CONSENT_FORMS, TEMPLATE, printed_on=DAY)
                result.append(
                    print_document(
                        ctx,
                        school_id,
                        request,
                        work / "alle.pdf",
                        progress=lambda done, total: seen.append(done),
                    )
                )

            everyone = _seconds(whole_school)
            assert len(seen) > STUDENTS, "progress was not reported for each form"
            names = [row.name for row in template_status(ctx, school_id, TEMPLATE, on=DAY).rows]
            forms_floor = _seconds(lambda: raw_forms(names, result[0].pages, work / "roh2.pdf"))
        finally:
            ctx.db.close()
    return [
        Figure(
            f"Unterschriftenlisten aller {len(classes)} Klassen ({sheet_pages} Seiten)",
            sheets,
            "s",
            3,
            sheets_floor,
            "Listen: ReportLab roh, dieselbe eingebettete Schrift, dieselbe Seitenzahl, "
            "einfache Tabellen",
            1.5,
        ),
        Figure(
            f"Einwilligungsformulare Klasse {big.name} ({big.student_count})", one_class, "s", 1
        ),
        Figure(
            "Einwilligungsformulare für 2.000 Schüler",
            everyone,
            "s",
            4,
            forms_floor,
            "Formulare: ReportLab roh, dieselbe Schrift und Seitenzahl, Titel, Absatz und "
            "Name je Seite, ein Kern",
        ),
    ]
