"""Printing figures for a school of 2,000 students: the signature sheets of all classes
(< 3 s), the consent forms of one class of 30 (< 1 s), the forms of the whole school
(< 30 s, with progress)."""

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
            classes = list_classes(ctx, school_id)
            big = max(classes, key=lambda c: c.student_count)

            def job(document: PrintDocument, classes: tuple[str, ...] = ()) -> None:
                request = PrintRequest(document, TEMPLATE, classes, printed_on=DAY)
                print_document(ctx, school_id, request, work / f"{document}.pdf")

            job(PrintDocument.SIGNATURE_SHEET, (big.name,))  # warm up fonts and caches
            sheets = min(_seconds(lambda: job(PrintDocument.SIGNATURE_SHEET)) for _ in range(2))
            one_class = min(
                _seconds(lambda: job(PrintDocument.CONSENT_FORMS, (big.name,))) for _ in range(3)
            )
            seen: list[int] = []

            def whole_school() -> None:
                request = PrintRequest(PrintDocument.CONSENT_FORMS, TEMPLATE, printed_on=DAY)
                print_document(
                    ctx,
                    school_id,
                    request,
                    work / "alle.pdf",
                    progress=lambda done, total: seen.append(done),
                )

            everyone = _seconds(whole_school)
            assert len(seen) > STUDENTS, "progress was not reported for each form"
        finally:
            ctx.db.close()
    return [
        Figure(f"Unterschriftenlisten aller {len(classes)} Klassen", sheets, "s", 3),
        Figure(
            f"Einwilligungsformulare Klasse {big.name} ({big.student_count})", one_class, "s", 1
        ),
        Figure(f"Einwilligungsformulare für {STUDENTS} Schüler", everyone, "s", 30),
    ]
