"""Consent figures: one form from keypress to commit, the status of a template for 2,000
students, opening the recording grid for a class."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from floors import commit_floor, raw_class_rows, raw_commit, raw_status_rows
from harness import Figure, bench_app, paired_ms

from dpo_desk.core.authorities import with_authority
from dpo_desk.core.schools import SchoolProfile
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.consent.recording import FormEntry, record_forms
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo.roster import NamePool
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.roster.students import school_year_of_school
from dpo_desk.services.schools import create_school

KEY = "videokonferenzen"
STUDENTS = 2000


def write_roster(path: Path, students: int = STUDENTS) -> None:
    """2,000 students (or ``students``) in classes 5a to 13g (about 30 each)."""
    rng = random.Random(2000)
    names = NamePool(rng)
    lines = ["Schüler-ID;Nachname;Vorname;Geburtsdatum;Klasse"]
    for number in range(students):
        grade = 5 + number % 9
        last, first, _ = names.person()
        born = date(2026 - grade - 6, 8, 1) + timedelta(days=rng.randrange(365))
        lines.append(
            f"{80000 + number};{last};{first};{born:%d.%m.%Y};{grade}{'abcdefg'[number % 7]}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fresh_school(folder: Path) -> tuple[ServiceContext, int]:
    ctx = bench_app(str(folder))
    profile = SchoolProfile(
        name="Messschule", street="Weg 1", postcode="12345", town="Ort", state="NW"
    )
    return ctx, create_school(ctx, with_authority(profile)).id


def school_with_consents(work: Path, students: int = STUDENTS) -> tuple[ServiceContext, int]:
    csv_path = work / "schueler.csv"
    write_roster(csv_path, students)
    ctx, school_id = fresh_school(work / "daten")
    apply_import(ctx, prepare_import(ctx, school_id, csv_path, "2026/27"))
    copy_from_catalogue(ctx, school_id, KEY)
    rng = random.Random(4)
    rows = template_status(ctx, school_id, KEY).rows
    # The forms went out first: a form is recorded against the version printed for it.
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


def status_ms(ctx: ServiceContext, school_id: int) -> tuple[float, float]:
    """The status of the template for every student, next to fetching the same rows raw."""
    status = template_status(ctx, school_id, KEY)
    assert len(status.rows) == STUDENTS, len(status.rows)
    year = school_year_of_school(ctx, school_id)
    database = ctx.db.path
    return paired_ms(
        lambda: template_status(ctx, school_id, KEY),
        lambda: raw_status_rows(database, school_id, year, status.template.id),
        repeat=9,
    )


def ui_figures(ctx: ServiceContext, school_id: int) -> tuple[float, float, float, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from dpo_desk.ui.consent.page import ConsentPage
    from dpo_desk.ui.signals import AppSignals

    app = QApplication.instance() or QApplication([])
    page = ConsentPage(ctx, AppSignals())
    page.resize(1200, 760)
    page.set_school(school_id)
    page.show()
    app.processEvents()
    recorder = page.recorder
    classes = [recorder.class_box.itemData(i) for i in range(recorder.class_box.count())]
    year = school_year_of_school(ctx, school_id)
    opened, floor = [], []
    for name in classes[:13]:
        start = time.perf_counter()
        recorder.class_box.setCurrentIndex(recorder.class_box.findData(name))
        app.processEvents()
        opened.append((time.perf_counter() - start) * 1000)
        assert recorder.model.rowCount() > 0
        start = time.perf_counter()
        raw_class_rows(ctx.db.path, school_id, year, name)
        floor.append((time.perf_counter() - start) * 1000)
    grid = recorder.grid
    grid.setFocus()
    grid.go_to(0, 1)
    saved, committed = [], []
    floor_connection = commit_floor(ctx.db.path.with_name("boden.sqlite"))
    for _ in range(20):
        QTest.keyClick(grid, Qt.Key_J, Qt.NoModifier)
        QTest.keyClick(grid, Qt.Key_N, Qt.NoModifier)
        app.processEvents()
        before = len(recorder.undo_stack)
        start = time.perf_counter()
        QTest.keyClick(grid, Qt.Key_U, Qt.NoModifier)  # completes the row: committed on return
        app.processEvents()  # and what changed repainted, as Qt does it for the user
        saved.append((time.perf_counter() - start) * 1000)
        assert len(recorder.undo_stack) == before + 1, recorder.message.text()
        start = time.perf_counter()
        raw_commit(floor_connection)
        committed.append((time.perf_counter() - start) * 1000)
    floor_connection.close()
    page.close()
    page.deleteLater()
    app.processEvents()
    return (
        statistics.median(saved),
        statistics.median(committed),
        statistics.median(opened[1:]),
        statistics.median(floor[1:]),
    )


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        ctx, school_id = school_with_consents(Path(tmp))
        status, status_floor = status_ms(ctx, school_id)
        recorded, commit, opened, opened_floor = ui_figures(ctx, school_id)
        ctx.db.close()
    return [
        Figure(
            "Ein Formular erfassen (Taste bis gespeichert + gezeichnet)",
            recorded,
            "ms",
            10,
            commit,
            "Speichern: eine Zeile roh einfügen und dauerhaft festschreiben (WAL, fsync)",
        ),
        Figure(
            "Stand einer Vorlage für 2.000 Schüler",
            status,
            "ms",
            30,
            status_floor,
            "Stand: dieselben Zeilen (Schüler mit Klasse, Einwilligungen) roh abfragen",
        ),
        Figure(
            "Erfassungsraster einer Klasse öffnen",
            opened,
            "ms",
            20,
            opened_floor,
            "Klasse: ihre Schüler und Einwilligungen roh abfragen",
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(f"{figure.name}: {figure.value:.1f} {figure.unit} (Ziel {figure.target})")
