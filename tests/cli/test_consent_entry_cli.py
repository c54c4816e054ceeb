"""``dpo-desk consent record|revoke`` and the new ``print`` documents, as a script uses them:
the same rules as the window, conflicts refused with exit 3 unless ``--force``."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from dpo_desk.cli import main
from dpo_desk.services.consent.history import student_history
from tests.reports import pdf_reading
from tests.reports.print_samples import decode_qr_codes
from tests.services.consent_support import fill_school

KEY = "videokonferenzen"
TODAY = date.today()


@pytest.fixture
def ids(ctx, school_id, data_dir: Path, tmp_path: Path) -> dict[str, int]:
    return fill_school(ctx, school_id, tmp_path)


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def status(data_dir: Path, capsys, student_id: int) -> dict:
    capsys.readouterr()
    assert run(data_dir, "consent", "status", "--template", KEY, "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    return next(r for r in rows if r["key"] == str(student_id))


def test_record_then_a_revocation_dated_before_it_asks_for_force(
    ctx, school_id, ids, data_dir, capsys
) -> None:
    celik = str(ids["Çelik"])
    record = ("consent", "record", "--template", KEY, "--student", celik)
    assert run(data_dir, *record, "--answers", "audio=ja,video=ja", "--signatures", "eltern") == 0
    assert "Formular gespeichert" in capsys.readouterr().out
    row = status(data_dir, capsys, ids["Çelik"])
    assert (row["audio"], row["video"]) == ("granted", "granted")
    assert row["versions"] == {"audio": 1, "video": 1}

    earlier = (TODAY - timedelta(days=2)).isoformat()
    revoke = ("consent", "revoke", "--template", KEY, "--student", celik, "--options", "video")
    assert run(data_dir, *revoke, "--effective", earlier) == 3
    err = capsys.readouterr().err
    assert "Es wurde nichts gespeichert." in err and "Widerruf" in err
    assert [h.kind for h in student_history(ctx, school_id, ids["Çelik"])] == ["form"]
    assert run(data_dir, *revoke, "--effective", earlier, "--force") == 0
    row = status(data_dir, capsys, ids["Çelik"])
    assert (row["audio"], row["video"]) == ("granted", "revoked")


def test_bad_answers_and_unknown_signers_exit_with_german_messages(ids, data_dir, capsys):
    record = ("consent", "record", "--template", KEY, "--student", str(ids["Çelik"]))
    assert run(data_dir, *record, "--answers", "audio=vielleicht") != 0
    assert "verstehe ich nicht" in capsys.readouterr().err
    assert run(data_dir, *record, "--answers", "audio=ja", "--signatures", "oma") != 0
    assert "keine Unterschrift" in capsys.readouterr().err


def test_return_slips_for_a_class_and_a_reprint_for_one_student(
    ids, data_dir, tmp_path, capsys
) -> None:
    target = tmp_path / "briefe.pdf"
    args = ("print", "return-slips", "--template", KEY)
    assert run(data_dir, *args, "--class", "7b", "-o", str(target)) == 0
    pages = pdf_reading.page_texts(target.read_bytes())
    assert len(pages) == 8 and "Rücklaufzettel" in pages[1]
    assert decode_qr_codes(target.read_bytes(), 2)
    slips = tmp_path / "nachdruck.pdf"
    assert run(data_dir, "print", "slips", "--template", KEY, "--student", str(ids["Becker"]),
               "--two-per-sheet", "-o", str(slips)) == 0  # fmt: skip
    assert "Jonas Becker" in pdf_reading.all_text(slips.read_bytes())


def test_status_list_as_csv_and_teacher_list_as_pdf(ids, data_dir, tmp_path) -> None:
    table = tmp_path / "stand.csv"
    args = ("print", "status-list", "--template", KEY, "--class", "7b", "-o", str(table))
    assert run(data_dir, *args) == 0
    rows = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Klasse", "Nachname", "Vorname(n)"] and len(rows) == 5
    teachers = tmp_path / "lehrkraefte.pdf"
    args = ("print", "teacher-list", "--template", KEY, "--class", "7b", "-o", str(teachers))
    assert run(data_dir, *args) == 0
    assert "keine Teilnahme" in pdf_reading.all_text(teachers.read_bytes())
