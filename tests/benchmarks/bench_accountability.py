"""Export and import of a 2,000-student school, and the change log viewer's filter.

Targets (issue 16): export with all parts ≤ 2 s; import of the same archive into an empty
installation ≤ 3 s (checking the archive, the preview and the import together); the viewer
filters 100,000 entries in ≤ 200 ms (by text, and by school and date range).

The school: 2,000 students in classes of 30 with a consent template and about 1,700
recorded consent forms (bench_scale.district), plus the TOM starter set. Each import goes
into a new empty installation (opening and migrating it is not timed)."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_scale import district
from harness import Figure, bench_app, median_ms

from dpo_desk.core.audit.filtering import LogFilter, LogRow, matching, search_text
from dpo_desk.services.exchange.apply import apply_import
from dpo_desk.services.exchange.archive import read_archive
from dpo_desk.services.exchange.export import export_school
from dpo_desk.services.exchange.preview import preview_import
from dpo_desk.services.register.toms import add_starter_set

STUDENTS = 2_000
EVENTS = 100_000
REPEAT = 3


def _import_ms(work: Path, archive: Path) -> float:
    samples = []
    for round_ in range(REPEAT):
        ctx = bench_app(str(work / f"leer_{round_}"))
        try:
            start = time.perf_counter()
            checked = read_archive(archive)
            apply_import(ctx, checked, preview_import(ctx, checked, None))
            samples.append((time.perf_counter() - start) * 1000)
        finally:
            ctx.db.close()
    return sorted(samples)[len(samples) // 2]


def log_rows(count: int = EVENTS) -> list[LogRow]:
    """Entries as the viewer holds them: ten schools, a year of days, a few users."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    actors = ["Sekretariat Müller", "Frau Öztürk", "Herr Đặng", "root"]
    rows = []
    for number in range(count):
        moment = start + timedelta(minutes=5 * number)
        school = 1 + number % 10
        actor = actors[number % len(actors)]
        record = f"Schüler/in Nachname{number % 2000}, Vorname{number % 37}"
        changes = {"class": [f"{5 + number % 9}a", f"{5 + number % 9}b"], "note": "Umzug"}
        rows.append(
            LogRow(
                number,
                moment,
                moment.date().toordinal(),
                actor,
                school,
                f"Schule {school}",
                "roster",
                "student",
                number % 2000,
                record,
                "update",
                changes,
                None,
                "",
                search_text(actor, f"Schule {school}", record, "geändert", str(changes)),
            )
        )
    return rows


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ctx, school_id = district(work, STUDENTS)
        add_starter_set(ctx, school_id)
        target = work / "schule.zip"
        export = median_ms(lambda: export_school(ctx, school_id, target), repeat=REPEAT)
        ctx.db.close()
        imported = _import_ms(work, target)
    rows = log_rows()
    by_text = median_ms(lambda: matching(rows, LogFilter(text="nachname1234")))
    by_school = median_ms(
        lambda: matching(rows, LogFilter(school=3, since=date(2026, 3, 1), until=date(2026, 6, 30)))
    )
    return [
        Figure(f"Export einer Schule ({STUDENTS} Schüler, alle Teile)", export, "ms", 2000),
        Figure("Import desselben Archivs in eine leere Installation", imported, "ms", 3000),
        Figure("Änderungsprotokoll: 100.000 Einträge nach Text filtern", by_text, "ms", 200),
        Figure("Änderungsprotokoll: 100.000 nach Schule und Zeitraum", by_school, "ms", 200),
    ]
