"""Server mode against a local PostgreSQL (issue 20): opening a school of 2,000 students
(sign in, then the students page with all of them shown) under 1 s, recording one form
under 20 ms, the consent status of the school under 200 ms.

The school is built as in ``bench_consent`` in a local file and moved to a throwaway
cluster (``tests.postgres.cluster``) with the copier of ``dpo-desk move``; the figures
are taken as a signed-in DPO. Each figure is shown next to the same work on the local
file (the floor: what the laptop needs), so the cost of the network round trips and of
the server's row-level security is visible."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_consent import KEY, STUDENTS
from harness import Figure, median_ms
from server_load import DATABASE, PASSWORD, prepare

from dpo_desk.app import open_app
from dpo_desk.core.consent.values import SignerRole
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.recording import FormEntry, record_form


def open_school_ms(folder: Path, url: str | None, school_id: int) -> float:
    """Median ms from opening the database (signing in) to the students page showing all
    2,000 students of the school."""
    from PySide6.QtWidgets import QApplication

    from dpo_desk.ui.roster.page import RosterPage
    from dpo_desk.ui.signals import AppSignals

    app = QApplication.instance() or QApplication([])
    samples = []
    for attempt in range(4):
        start = time.perf_counter()
        ctx = open_app(str(folder), database_url=url) if url else open_app(str(folder))
        page = RosterPage(ctx, AppSignals())
        page.resize(1100, 700)
        page.set_school(school_id)
        page.show()
        app.processEvents()
        if attempt:
            samples.append((time.perf_counter() - start) * 1000)
        assert page.proxy.rowCount() == STUDENTS
        page.close()
        page.deleteLater()
        app.processEvents()
        ctx.db.close()
    return statistics.median(samples)


def record_ms(ctx, school_id: int, students) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for student_id, signers in students[:25]:
        entry = FormEntry(
            student_id,
            {"audio": True, "video": False},
            date.today(),
            signed_by=frozenset(SignerRole(s) for s in signers),
        )
        start = time.perf_counter()
        record_form(ctx, school_id, KEY, entry)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples[5:])


def run() -> list[Figure]:
    from tests.postgres.cluster import start_cluster

    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            school_id, students = prepare(cluster, work, [])
            url = cluster.url(DATABASE, "last_dsb", PASSWORD)
            local_folder = work / "lokal" / "daten"
            local_school = open_app(str(local_folder))
            local_id = next(iter(_school_ids(local_school)))
            local_school.db.close()
            opened = open_school_ms(work / "server", url, school_id)
            opened_local = open_school_ms(local_folder, None, local_id)
            ctx = open_app(str(work / "server"), database_url=url)
            local = open_app(str(local_folder))
            try:
                status = median_ms(lambda: template_status(ctx, school_id, KEY), repeat=7)
                status_local = median_ms(lambda: template_status(local, local_id, KEY), repeat=7)
                recorded = record_ms(ctx, school_id, students)
                local_students = [
                    (r.student_id, tuple(str(s) for s in r.required_signers))
                    for r in template_status(local, local_id, KEY).rows
                ]
                recorded_local = record_ms(local, local_id, local_students)
            finally:
                ctx.db.close()
                local.db.close()
    finally:
        cluster.stop()
    laptop = "dieselbe Arbeit auf der lokalen Datei"
    return [
        Figure(
            "Server: Schule mit 2.000 Schülern öffnen (Anmeldung bis Schülerliste)",
            opened,
            "ms",
            1000,
            opened_local,
            laptop,
        ),
        Figure("Server: ein Formular erfassen", recorded, "ms", 20, recorded_local, laptop),
        Figure(
            "Server: Einwilligungsstand der Schule (2.000 Schüler)",
            status,
            "ms",
            200,
            status_local,
            laptop,
        ),
    ]


def _school_ids(ctx) -> list[int]:  # type: ignore[no-untyped-def]
    from dpo_desk.services.schools import list_schools

    return [school.id for school in list_schools(ctx)]


if __name__ == "__main__":
    for figure in run():
        print(f"{figure.name}: {figure.value:.1f} {figure.unit} (Ziel {figure.target})")
