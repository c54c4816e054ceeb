"""Backup of a 2,000-student database (< 1 s) and what encryption adds to the start.

The extra start-up time is the key derivation (Argon2id at about SQLCipher's own cost,
issue 15); its target is the unlock figure in bench_safety.py (< 0.5 s), so it is shown
here for comparison.

The data: the demo schools (with whatever consents the demo records), topped up to 2,000
students with enrolments, plus five answered consent options per student as audit events of
realistic size, so that the volume matches a school with its consents even where the demo
records fewer: the backup copies pages, so the volume is what counts.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from harness import Figure, bench_app, median_ms
from sqlalchemy import func, inspect, select

from dpo_desk.services.context import ServiceContext
from dpo_desk.services.demo import load_demo
from dpo_desk.services.safety.backup import create_backup
from dpo_desk.store.backup import table_counts
from dpo_desk.store.crypto import crypto_available
from dpo_desk.store.models import AuditEvent

STUDENTS = 2000
CONSENT_OPTIONS_PER_STUDENT = 5
PASSPHRASE = "Benchmark-Passphrase-2026"


def _fill(ctx: ServiceContext) -> None:
    load_demo(ctx)
    rng = random.Random(2000)
    with ctx.unit_of_work() as uow:
        session = uow.session
        tables = set(inspect(session.get_bind()).get_table_names())
        student_ids: list[int] = []
        if "student" in tables:
            from dpo_desk.store.models import Enrolment, SchoolClass, Student

            have = session.scalar(select(func.count()).select_from(Student)) or 0
            school_class = session.scalars(select(SchoolClass)).first()
            for i in range(max(0, STUDENTS - have)):
                student = Student(
                    school_id=school_class.school_id if school_class else 1,
                    external_id=f"B{i:05d}",
                    last_name=f"Nachname{i}",
                    first_names=f"Vorname{i}",
                    birth_date=date(2010 + i % 8, 1 + i % 12, 1 + i % 28),
                )
                session.add(student)
                session.flush()
                if school_class is not None:
                    session.add(
                        Enrolment(
                            student_id=student.id,
                            class_id=school_class.id,
                            school_year=school_class.school_year,
                        )
                    )
            student_ids = list(session.scalars(select(Student.id)))
        else:
            student_ids = list(range(1, STUDENTS + 1))
        for student_id in student_ids:
            for option in range(CONSENT_OPTIONS_PER_STUDENT):
                session.add(
                    AuditEvent(
                        actor="Sekretariat",
                        entity_type="consent",
                        entity_id=student_id,
                        action="record",
                        changes={
                            "option": f"Option {option}",
                            "answer": rng.choice(["ja", "nein"]),
                            "signed_by": "Erziehungsberechtigte",
                            "received_on": "2026-09-01",
                            "text_version": 3,
                        },
                    )
                )


def _backup_ms(ctx: ServiceContext) -> float:
    def once() -> None:
        create_backup(ctx, "benchmark")

    return median_ms(once, repeat=5, warmup=1)


def _startup_ms(data_dir: Path, passphrase: str | None) -> float:
    def once() -> None:
        ctx = bench_app(str(data_dir), passphrase)
        ctx.db.close()

    return median_ms(once, repeat=7, warmup=2)


def run() -> list[Figure]:
    root = Path(tempfile.mkdtemp(prefix="dpo_bench_backup_"))
    try:
        plain_dir = root / "klar"
        ctx = bench_app(str(plain_dir))
        start = time.perf_counter()
        _fill(ctx)
        size_mb = ctx.db.path.stat().st_size / 1e6
        conn = ctx.db.connect_raw(readonly=True)
        counts = table_counts(conn)
        conn.close()
        print(
            f"  Testdaten: {counts.get('students', 0)} Schüler, "
            f"{counts.get('consents', 0)} Einwilligungsvorgänge, dazu "
            f"{STUDENTS * CONSENT_OPTIONS_PER_STUDENT} Antworten als Protokolleinträge; "
            f"{size_mb:.1f} MB, angelegt in {time.perf_counter() - start:.1f} s"
        )
        figures = [Figure("Sicherung 2.000 Schüler (geprüft)", _backup_ms(ctx), "ms", 1000)]
        ctx.db.close()
        if crypto_available():
            enc_dir = root / "geheim"
            shutil.copytree(plain_dir, enc_dir)
            shutil.rmtree(enc_dir / "backups")
            from dpo_desk.services.safety.encryption import change_passphrase

            enc = bench_app(str(enc_dir))
            change_passphrase(enc, PASSPHRASE)
            figures.append(
                Figure("Sicherung 2.000 Schüler, verschlüsselt", _backup_ms(enc), "ms", 1000)
            )
            enc.db.close()
            plain_ms = _startup_ms(plain_dir, None)
            enc_ms = _startup_ms(enc_dir, PASSPHRASE)
            print(f"  Start ohne Verschlüsselung {plain_ms:.0f} ms, mit {enc_ms:.0f} ms")
            figures.append(
                Figure("Start: Mehrzeit mit Verschlüsselung", enc_ms - plain_ms, "ms", float("inf"))
            )
        return figures
    finally:
        shutil.rmtree(root, ignore_errors=True)
