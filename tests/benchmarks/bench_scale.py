"""A district in one database: 20,000 students in classes of 30, next to the same school
figures at 2,000, and how each grows (10 × the students; linear growth is 10 ×).

Targets (issue 19) at 20,000: search per keystroke ≤ 50 ms, the students page opens in
≤ 300 ms, the consent status of a template ≤ 200 ms, the signature sheets of all classes
≤ 15 s; growth from 2,000 to 20,000 linear or better (≤ 10 ×, a margin of 10 % for the
noise of a shared machine)."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_roster import fresh_school
from harness import Figure, median_ms

from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.consent.recording import FormEntry, record_forms
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.demo.roster import NamePool
from dpo_desk.services.printing.documents import PrintDocument, PrintRequest, print_document
from dpo_desk.services.roster.importing import apply_import, prepare_import

KEY = "videokonferenzen"
SIZES = (2_000, 20_000)
CLASS_SIZE = 30
DAY = date(2026, 11, 23)
GROWTH_LIMIT = 11.0


def class_name(index: int) -> str:
    """5a, 6a, … 13a, 5b, …, then 5a2, …: nine grades, 26 letters, numbered rounds."""
    grade = 5 + index % 9
    letter = "abcdefghijklmnopqrstuvwxyz"[(index // 9) % 26]
    round_ = index // (9 * 26)
    return f"{grade}{letter}{round_ + 1 if round_ else ''}"


def write_district(path: Path, count: int) -> None:
    rng = random.Random(count)
    names = NamePool(rng)
    lines = ["Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse"]
    seen: set[tuple[str, str, date]] = set()
    for number in range(count):
        name = class_name(number // CLASS_SIZE)
        grade = int(name[:2]) if name[:2].isdigit() else int(name[0])
        while True:  # the same name and birthday twice would be refused as a duplicate
            last, first, _ = names.person()
            born = date(2026 - grade - 6, 8, 1) + timedelta(days=rng.randrange(365))
            if (last, first, born) not in seen:
                seen.add((last, first, born))
                break
        lines.append(f"{90000 + number};{last};{first};{born:%d.%m.%Y};{name}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def district(work: Path, count: int):
    roster = work / f"bezirk_{count}.csv"
    write_district(roster, count)
    ctx, school_id = fresh_school(work / f"daten_{count}")
    apply_import(ctx, prepare_import(ctx, school_id, roster, "2026/27"))
    copy_from_catalogue(ctx, school_id, KEY)
    rng = random.Random(7)
    rows = template_status(ctx, school_id, KEY).rows
    # The app records a returned form only against a logged printout of its text version.
    log_printed(ctx, school_id, KEY, 1, [row.student_id for row in rows], "consent-forms")
    entries = [
        FormEntry(
            row.student_id,
            {"audio": True, "video": rng.random() < 0.8},
            date.today() - timedelta(days=rng.randrange(1, 40)),
            signed_by=frozenset(row.required_signers),
        )
        for row in rows
        if rng.random() < 0.85
    ]
    record_forms(ctx, school_id, KEY, entries)
    return ctx, school_id


def roster_page_figures(ctx, school_id: int, count: int) -> tuple[float, float]:
    """Median ms to open the students page, and per keystroke of a search."""
    from PySide6.QtWidgets import QApplication

    from dpo_desk.ui.roster.page import RosterPage
    from dpo_desk.ui.signals import AppSignals

    app = QApplication.instance() or QApplication([])
    signals = AppSignals()
    opened, pages = [], []
    for attempt in range(4):
        start = time.perf_counter()
        page = RosterPage(ctx, signals)
        page.resize(1100, 700)
        page.set_school(school_id)
        page.show()
        app.processEvents()
        if attempt:
            opened.append((time.perf_counter() - start) * 1000)
        assert page.proxy.rowCount() == count
        page.hide()
        pages.append(page)
    page.show()
    keystrokes = []
    for word in ("müller", "yilmaz", "7b", "9001", "nguy"):
        page.search.clear()
        app.processEvents()
        text = ""
        for letter in word:
            text += letter
            start = time.perf_counter()
            page.search.setText(text)
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
    for page in pages:
        page.close()
        page.deleteLater()
    app.processEvents()
    return statistics.median(opened), statistics.median(keystrokes)


def sheets_seconds(ctx, school_id: int, work: Path) -> float:
    request = PrintRequest(PrintDocument.SIGNATURE_SHEET, KEY, printed_on=DAY)
    start = time.perf_counter()
    print_document(ctx, school_id, request, work / "listen.pdf")
    return time.perf_counter() - start


def measure(work: Path, count: int) -> dict[str, float]:
    ctx, school_id = district(work, count)
    try:
        opened, keystroke = roster_page_figures(ctx, school_id, count)
        status = median_ms(lambda: template_status(ctx, school_id, KEY), repeat=5)
        sheets = sheets_seconds(ctx, school_id, work)
    finally:
        ctx.db.close()
    return {"keystroke": keystroke, "opened": opened, "status": status, "sheets": sheets}


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        small, large = (measure(Path(folder), count) for count in SIZES)
    labels = {
        "keystroke": ("Suche je Tastendruck", "ms", 50),
        "opened": ("Seite Schüler & Klassen öffnen", "ms", 300),
        "status": ("Stand einer Vorlage", "ms", 200),
        "sheets": ("Unterschriftenlisten aller Klassen", "s", 15),
    }
    figures = []
    for key, (label, unit, target) in labels.items():
        figures.append(
            Figure(
                f"20.000: {label}",
                large[key],
                unit,
                target,
                small[key],
                "20.000: dasselbe bei 2.000 Schülern (Wachstum, linear = 10 ×)",
                GROWTH_LIMIT,
            )
        )
    return figures
