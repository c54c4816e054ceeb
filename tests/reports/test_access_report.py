"""The access report (Art. 15) read back: every consent event with its text version, the
class history, the processing with storage periods, the rights and the authority; the JSON
copy says the same; an unknown student is refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dpo_desk.core.consent.values import SignerRole
from dpo_desk.core.requests.values import RequestData
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.demo import register as register_demo
from dpo_desk.services.demo.schools import DemoSchool
from dpo_desk.services.requests.access import write_access_report
from dpo_desk.services.requests.records import create_request
from tests.reports import pdf_reading
from tests.services.consent_support import TODAY, fill_school

GUARDIANS = frozenset({SignerRole.GUARDIANS})


@pytest.fixture
def student(ctx, school_id, tmp_path: Path):
    ids = fill_school(ctx, school_id, tmp_path)
    register_demo.seed(ctx, [DemoSchool(school_id, "123456", "small")])
    ctx.clock = FixedClock(TODAY)
    becker = ids["Becker"]
    record_form(
        ctx,
        school_id,
        "videokonferenzen",
        FormEntry(
            becker, {"audio": True, "video": False}, date(2026, 9, 10), date(2026, 9, 9), GUARDIANS
        ),
        on=date(2026, 9, 10),
    )
    create_request(
        ctx,
        school_id,
        RequestData(received_on=TODAY, student_id=becker, requester_name="Eva Becker"),
    )
    return school_id, becker


def test_pdf_has_everything_stored_and_the_art_15_information(ctx, student, tmp_path: Path) -> None:
    school_id, becker = student
    target = tmp_path / "auskunft.pdf"
    write_access_report(ctx, school_id, becker, target, reference="2026-01")
    text = pdf_reading.all_text(target.read_bytes())
    for expected in (
        "Auskunft nach Art. 15 DSGVO",
        "Jonas Becker",
        "20.11.2010",
        "2026/27",  # class history
        "Teilnahme per Audio (Mikrofon): JA",
        "Teilnahme per Video (Kamera): NEIN",
        "unterschrieben am 09.09.2026",
        "Videokonferenzen (1)",  # template and version
        "Wortlaut der Einwilligungstexte",
        "Schulverwaltung",  # a register entry processing students' data
        "Daten und Speicherdauer",
        "Recht",
        "Beschwerderecht",
        "Berliner Beauftragte für Datenschutz",
        "2026-01",
    ):
        assert expected in text, expected


def test_json_copy_with_stable_keys(ctx, student, tmp_path: Path) -> None:
    school_id, becker = student
    target = tmp_path / "auskunft.json"
    write_access_report(ctx, school_id, becker, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["student"]["last_name"] == "Becker"
    assert data["student"]["birth_date"] == "2010-11-20"
    [event] = data["consent_events"]
    assert [a[1] for a in event["answers"]] == [True, False]
    assert data["consent_texts"][0]["version"] == 1
    assert "Schulverwaltung (Schülerstammdaten)" in {p["name"] for p in data["processing"]}
    assert data["authority"]["name"].startswith("Berliner Beauftragte")


def test_unknown_student_is_refused_and_nothing_written(ctx, student, tmp_path: Path) -> None:
    school_id, _ = student
    target = tmp_path / "auskunft.pdf"
    with pytest.raises(ValidationError) as caught:
        write_access_report(ctx, school_id, 99999, target)
    assert "Schülerin/Schüler: „99999“ gibt es in dieser Schule nicht" in str(caught.value)
    assert not target.exists()
