"""The due list across 5 schools with 2,000 students each (< 100 ms), and the access report
of a student with 50 consent events (< 0.5 s).

Each school has the demo register, breaches and requests, the photo consent (renewal every
two years) returned by 85 % of its students and the video consent; so the consent renewals
are computed over 8,500 forms.
"""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_consent import write_roster
from harness import Figure, bench_app, median_ms

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.core.consent.values import Channel, SignerRole
from dpo_desk.core.requests.values import RequestData
from dpo_desk.services.breaches.records import create_breach
from dpo_desk.services.consent.overview import template_status
from dpo_desk.services.consent.print_log import log_printed
from dpo_desk.services.consent.recording import (
    FormEntry,
    RevocationEntry,
    record_forms,
    record_revocation,
)
from dpo_desk.services.consent.template_edit import copy_from_catalogue
from dpo_desk.services.demo import register as register_demo
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.due.items import due_list
from dpo_desk.services.requests.access import write_access_report
from dpo_desk.services.requests.records import create_request
from dpo_desk.services.roster.importing import apply_import, prepare_import
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile

SCHOOLS = 5
GUARDIANS = frozenset({SignerRole.GUARDIANS})
DAY = date(2026, 11, 20)


def _school(ctx, number: int, roster: Path) -> int:
    school_id = create_school(
        ctx, sample_profile(name=f"Messschule {number}", school_number=f"9{number:05d}")
    ).id
    apply_import(ctx, prepare_import(ctx, school_id, roster, "2026/27"))
    register_demo.seed(ctx, [DemoSchool(school_id, str(number), "large")])
    rng = random.Random(number)
    for key, options in (
        ("fotos", ("jahrbuch", "homepage", "presse")),
        ("videokonferenzen", ("audio", "video")),
    ):
        copy_from_catalogue(ctx, school_id, key)
        rows = template_status(ctx, school_id, key).rows
        # The forms went out first: a form is recorded against the version printed for it.
        log_printed(ctx, school_id, key, 1, [row.student_id for row in rows], "consent-forms")
        entries = [
            FormEntry(
                row.student_id,
                {o: rng.random() < 0.9 for o in options},
                DAY - timedelta(days=rng.randrange(30, 700)),
                signed_by=frozenset(row.required_signers),
            )
            for row in rows
            if rng.random() < 0.85
        ]
        record_forms(ctx, school_id, key, entries)
    for n in range(3):
        create_breach(
            ctx,
            school_id,
            BreachData(title=f"Panne {n}", aware_at=datetime(2026, 11, 18 + n, 8, tzinfo=UTC)),
        )
        create_request(
            ctx,
            school_id,
            RequestData(received_on=DAY - timedelta(days=10 * n), subject_name=f"Person {n}"),
        )
    return school_id


def _student_with_50_events(ctx, school_id: int) -> int:
    rows = template_status(ctx, school_id, "fotos").rows
    student = rows[0].student_id
    for n in range(25):
        day = DAY - timedelta(days=400 - 15 * n)
        record_forms(
            ctx,
            school_id,
            "fotos",
            [
                FormEntry(
                    student,
                    {"jahrbuch": True, "homepage": n % 2 == 0, "presse": False},
                    day,
                    signed_on=day - timedelta(days=1),  # dated: no "which is newer?" question
                    signed_by=GUARDIANS,
                )
            ],
        )
        record_revocation(
            ctx,
            school_id,
            "fotos",
            RevocationEntry(
                student,
                day + timedelta(days=3),
                Channel.EMAIL,
                frozenset({"homepage"}),
                note=f"Nr. {n}",
            ),
            on=day + timedelta(days=4),  # received the day after: the order is clear
        )
    return student


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        roster = work / "schueler.csv"
        write_roster(roster)
        ctx = bench_app(str(work / "daten"))
        schools = [_school(ctx, n, roster) for n in range(1, SCHOOLS + 1)]
        due = due_list(ctx)
        assert len({i.school_id for i in due.items if i.school_id}) == SCHOOLS
        assert any(i.kind == "consent_renewal" for i in due.items)
        due_ms = median_ms(lambda: due_list(ctx), repeat=9)
        student = _student_with_50_events(ctx, schools[0])
        target = work / "auskunft.pdf"
        report_ms = median_ms(
            lambda: write_access_report(ctx, schools[0], student, target), repeat=5
        )
        assert target.stat().st_size > 0
        ctx.db.close()
    return [
        Figure("Fällig-Liste: 5 Schulen mit je 2.000 Schülern", due_ms, "ms", 100),
        Figure("Auskunft (PDF) mit 50 Einwilligungseinträgen", report_ms, "ms", 500),
    ]


if __name__ == "__main__":
    for figure in run():
        print(f"{figure.name}: {figure.value:.1f} {figure.unit} (Ziel {figure.target})")
