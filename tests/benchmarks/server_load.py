"""``make server-load``: ten secretaries record consent forms at once on a real PostgreSQL,
while the data protection officer edits the school's profile.

A throwaway cluster (``tests.postgres.cluster``) gets a school of 2,000 students with a
consent template (built in a local file, moved over with the copier of ``dpo-desk move``).
Each of ``PROCESSES`` processes signs in as its own secretary and records ``PER_PROCESS``
returned forms, one service call (one transaction) each, for students no other process
touches; one more process, the DPO, saves the school's profile again and again (each save
with the version it read, reloading after a stale refusal). Afterwards the server must
hold exactly one new form event per recording (nothing lost, nothing doubled) and one
audit entry per event naming the secretary who recorded it. Prints p50/p95 per recording;
exit code 1 when anything is lost or doubled.

``python -m tests.benchmarks.server_load --processes 3 --per-process 10`` runs a small
version (the test of this script does).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PROCESSES = 10
PER_PROCESS = 200
PASSWORD = "Last-Passwort-2026"
DATABASE = "dpo_last"
DPO_SAVES = 40


@dataclass(frozen=True)
class Job:
    url: str
    school_id: int
    students: list[tuple[int, tuple[str, ...]]]  # (student id, required signers)


def secretary(job: Job, folder: str) -> list[float]:
    """One process: sign in, record one form per student; milliseconds per recording."""
    from bench_consent import KEY

    from dpo_desk.app import open_app
    from dpo_desk.core.consent.values import SignerRole
    from dpo_desk.services.consent.recording import FormEntry, record_form

    ctx = open_app(folder, database_url=job.url)
    timings = []
    try:
        for student_id, signers in job.students:
            entry = FormEntry(
                student_id,
                {"audio": True, "video": student_id % 3 != 0},
                date.today(),
                signed_by=frozenset(SignerRole(s) for s in signers),
            )
            start = time.perf_counter()
            record_form(ctx, job.school_id, KEY, entry)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        ctx.db.close()
    return timings


def dpo(url: str, school_id: int, folder: str, saves: int) -> tuple[int, int]:
    """The DPO edits the school's profile meanwhile; (saved, refused as stale)."""
    from dpo_desk.app import open_app
    from dpo_desk.services.errors import StaleEdit
    from dpo_desk.services.schools import load_school, update_school

    ctx = open_app(folder, database_url=url)
    saved = stale = 0
    try:
        for number in range(saves):
            record = load_school(ctx, school_id)
            try:
                update_school(
                    ctx,
                    school_id,
                    replace(record.profile, phone=f"0211 {number}"),
                    record.row_version,
                )
                saved += 1
            except StaleEdit:
                stale += 1
    finally:
        ctx.db.close()
    return saved, stale


@dataclass(frozen=True)
class LoadResult:
    recordings: int
    new_events: int
    doubled: int
    audited: int
    p50_ms: float
    p95_ms: float
    dpo_saved: int
    seconds: float

    @property
    def lossless(self) -> bool:
        return (
            self.new_events == self.recordings
            and self.doubled == 0
            and (self.audited == self.recordings)
        )


def prepare(cluster, work: Path, logins: list[str], students: int | None = None):  # type: ignore[no-untyped-def]
    """The school on the server (2,000 students, or ``students``); its id and the students
    with their required signers."""
    from bench_consent import KEY, STUDENTS, school_with_consents

    from dpo_desk.app import open_app
    from dpo_desk.core.access import Role
    from dpo_desk.services.consent.overview import template_status
    from dpo_desk.services.moving.copy import copy_schools
    from dpo_desk.services.schools import list_schools
    from dpo_desk.services.users import accounts
    from dpo_desk.services.users.setup import create_administrator, prepare_server
    from dpo_desk.store.server.target import parse_url

    cluster.create_database(DATABASE)
    owner = parse_url(cluster.url(DATABASE))
    prepare_server(owner)
    create_administrator(owner, "last_dsb", "Dora DSB", PASSWORD)
    (work / "lokal").mkdir(parents=True, exist_ok=True)
    local, _ = school_with_consents(work / "lokal", students or STUDENTS)
    server = open_app(
        str(work / "server"), database_url=cluster.url(DATABASE, "last_dsb", PASSWORD)
    )
    try:
        copy_schools(local, server)
        school_id = list_schools(server)[0].id
        for login in logins:
            accounts.add_user(server, login, f"Sekretariat {login[-2:]}", PASSWORD)
            accounts.grant(server, login, school_id, Role.SECRETARY)
        rows = template_status(server, school_id, KEY).rows
        students = [(r.student_id, tuple(str(s) for s in r.required_signers)) for r in rows]
    finally:
        server.db.close()
        local.db.close()
    return school_id, students


def count_events(cluster, school_id: int) -> tuple[int, dict[int, int], int]:  # type: ignore[no-untyped-def]
    """Form events, form events per student, audit entries of secretaries' recordings."""
    with cluster.admin(DATABASE) as conn:
        per_student = dict(
            conn.execute(
                "SELECT student_id, count(*) FROM consent_event WHERE kind = 'form' "
                "GROUP BY student_id"
            ).fetchall()
        )
        audited = conn.execute(
            "SELECT count(*) FROM audit_event WHERE entity_type = 'consent_event' "
            "AND action = 'create' AND actor LIKE 'Sekretariat %%' AND school_id = %s",
            (school_id,),
        ).fetchone()[0]
    return sum(per_student.values()), per_student, audited


def run_load(  # type: ignore[no-untyped-def]
    cluster, processes: int, per_process: int, work: Path, school_size: int | None = None
) -> LoadResult:
    logins = [f"last_sek_{n:02d}" for n in range(processes)]
    school_id, students = prepare(cluster, work, logins, school_size)
    needed = processes * per_process
    if needed > len(students):
        raise SystemExit(f"nur {len(students)} Schüler für {needed} Erfassungen")
    before, per_student_before, _ = count_events(cluster, school_id)
    jobs = [
        Job(
            cluster.url(DATABASE, login, PASSWORD),
            school_id,
            students[n * per_process : (n + 1) * per_process],
        )
        for n, login in enumerate(logins)
    ]
    dpo_url = cluster.url(DATABASE, "last_dsb", PASSWORD)
    spawn = multiprocessing.get_context("spawn")
    start = time.perf_counter()
    with spawn.Pool(processes + 1) as pool:
        edits = pool.apply_async(dpo, (dpo_url, school_id, str(work / "dsb"), DPO_SAVES))
        timings = pool.starmap(
            secretary, [(job, str(work / f"p{n}")) for n, job in enumerate(jobs)]
        )
        saved, _stale = edits.get()
    seconds = time.perf_counter() - start
    after, per_student, audited = count_events(cluster, school_id)
    recorded = {sid for job in jobs for sid, _ in job.students}
    doubled = sum(
        1 for sid in recorded if per_student.get(sid, 0) - per_student_before.get(sid, 0) != 1
    )
    flat = sorted(t for process in timings for t in process)
    return LoadResult(
        recordings=len(flat),
        new_events=after - before,
        doubled=doubled,
        audited=audited,
        p50_ms=statistics.median(flat),
        p95_ms=flat[min(len(flat) - 1, int(len(flat) * 0.95))],
        dpo_saved=saved,
        seconds=seconds,
    )


def main(argv: list[str] | None = None) -> int:
    from tests.postgres.cluster import start_cluster

    parser = argparse.ArgumentParser(prog="make server-load", description=__doc__)
    parser.add_argument("--processes", type=int, default=PROCESSES)
    parser.add_argument("--per-process", type=int, default=PER_PROCESS)
    args = parser.parse_args(argv)
    cluster = start_cluster(extra={"max_connections": str(args.processes * 3 + 20)})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = run_load(cluster, args.processes, args.per_process, Path(tmp))
    finally:
        cluster.stop()
    print(
        f"{args.processes} Prozesse × {args.per_process} Erfassungen auf PostgreSQL: "
        f"{result.recordings} erfasst, {result.new_events} neue Ereignisse, "
        f"{result.doubled} Schüler nicht genau einmal, {result.audited} Protokolleinträge; "
        f"p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms pro Erfassung; "
        f"DSB speicherte das Schulprofil {result.dpo_saved}-mal; {result.seconds:.1f} s"
    )
    if not result.lossless:
        print("FEHLER: Ereignisse verloren oder doppelt", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
