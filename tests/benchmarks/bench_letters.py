"""Issue 14's figures: letter + return slips for a class of 30 (under 1 s) and for 2,000
students with progress (under 20 s), and the status list of 2,000 students as XLSX (under
1 s)."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from bench_roster import STUDENTS, fresh_school, write_roster
from harness import Figure

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


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = work / "schule.csv"
        write_roster(roster, STUDENTS)
        ctx, school_id = fresh_school(work / "db")
        try:
            apply_import(ctx, prepare_import(ctx, school_id, roster, "2026/27"))
            copy_from_catalogue(ctx, school_id, TEMPLATE)
            big = max(list_classes(ctx, school_id), key=lambda c: c.student_count)

            def save(document: PrintDocument, target: str, classes=(), progress=None) -> None:
                request = PrintRequest(document, TEMPLATE, classes, printed_on=DAY)
                print_document(ctx, school_id, request, work / target, progress=progress)

            save(PrintDocument.LETTER_AND_SLIPS, "warm.pdf", (big.name,))  # fonts, caches
            one_class = min(
                _seconds(lambda: save(PrintDocument.LETTER_AND_SLIPS, "k.pdf", (big.name,)))
                for _ in range(3)
            )
            seen: list[int] = []
            everyone = _seconds(
                lambda: save(
                    PrintDocument.LETTER_AND_SLIPS,
                    "alle.pdf",
                    progress=lambda done, total: seen.append(done),
                )
            )
            assert len(seen) >= STUDENTS, "progress was not reported for each student"
            table = min(
                _seconds(lambda: save(PrintDocument.STATUS_LIST, "stand.xlsx")) for _ in range(3)
            )
        finally:
            ctx.db.close()
    return [
        Figure(
            f"Elternbrief + Rücklaufzettel Klasse {big.name} ({big.student_count})",
            one_class,
            "s",
            1,
        ),
        Figure("Elternbrief + Rücklaufzettel für 2.000 Schüler", everyone, "s", 20),
        Figure("Statusliste XLSX für 2.000 Schüler", table, "s", 1),
    ]
