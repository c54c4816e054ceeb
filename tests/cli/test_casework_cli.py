"""``dpo-desk breach|request|due`` and the new ``print`` documents on real data folders."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar

from dpo_desk.cli import main
from tests.reports import pdf_reading


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_breach_add_list_and_print(school_id, data_dir, tmp_path, capsys) -> None:
    code = run(
        data_dir,
        "breach",
        "add",
        "--title",
        "Laptop gestohlen",
        "--aware",
        "2026-11-30T08:00:00+00:00",
        "--persons",
        "30",
        "--data-category",
        "Noten",
        "--likelihood",
        "2",
        "--severity",
        "3",
    )
    assert code == 0
    assert "Datenpanne 2026-01 erfasst." in capsys.readouterr().out
    assert run(data_dir, "breach", "list", "--format", "json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["key"] == "2026-01" and row["risk"] == "medium"
    assert row["deadline"] == "2026-12-03T08:00:00+00:00"
    target = tmp_path / "meldung.pdf"
    assert (
        run(data_dir, "print", "breach-notification", "--breach", "2026-01", "-o", str(target)) == 0
    )
    assert "Laptop gestohlen" in pdf_reading.all_text(target.read_bytes())
    register = tmp_path / "register.pdf"
    assert run(data_dir, "print", "breach-register", "-o", str(register)) == 0
    assert register.exists()


def test_breach_add_rejects_awareness_after_notification(school_id, data_dir, capsys) -> None:
    code = run(
        data_dir,
        "breach",
        "add",
        "--title",
        "X",
        "--aware",
        "30.11.2026 10:00",
        "--notified",
        "30.11.2026 09:00",
    )
    assert code == 3
    err = capsys.readouterr().err
    assert "Bekannt geworden am" in err and "Meldedatum" in err
    assert "Es wurde nichts gespeichert." in err
    assert run(data_dir, "breach", "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run(data_dir, "breach", "add", "--title", "X", "--aware", "gestern") == 3
    assert "--aware:" in capsys.readouterr().err


def test_request_add_list_and_unknown_student(school_id, data_dir, tmp_path, capsys) -> None:
    assert (
        run(
            data_dir,
            "request",
            "add",
            "--received",
            "20.11.2026",
            "--kind",
            "access",
            "--subject",
            "Lena Vogt",
        )
        == 0
    )
    assert "Antwort fällig bis 20.12.2026" in capsys.readouterr().out
    assert run(data_dir, "request", "list", "--format", "csv") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("key;received_on;kind")
    assert "2026-01;2026-11-20;access;Lena Vogt" in out
    target = tmp_path / "auskunft.pdf"
    assert run(data_dir, "print", "access-report", "--student", "4711", "-o", str(target)) == 3
    assert "„4711“ gibt es in dieser Schule nicht" in capsys.readouterr().err
    assert not target.exists()


def test_access_report_for_a_demo_student_as_json(demo, data_dir, tmp_path, capsys) -> None:
    assert run(data_dir, "roster", "list", "--school", "199001", "--format", "json") == 0
    key = json.loads(capsys.readouterr().out)[0]["key"]
    target = tmp_path / "auskunft.json"
    assert (
        run(
            data_dir,
            "print",
            "access-report",
            "--school",
            "199001",
            "--student",
            key,
            "-o",
            str(target),
        )
        == 0
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["student"]["class_history"] and data["processing"]


def test_due_across_schools_and_as_calendar(demo, data_dir, tmp_path, capsys) -> None:
    assert run(data_dir, "due") == 2
    assert "--all-schools" in capsys.readouterr().err
    calendar = tmp_path / "termine.ics"
    assert run(data_dir, "due", "--all-schools", "--format", "json", "--ical", str(calendar)) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["school"] for r in rows} >= {"Grundschule am Lindenhof", "Gesamtschule Rheinblick"}
    assert [r["due"][:10] for r in rows] == sorted(r["due"][:10] for r in rows)
    assert any(r["kind"] == "request" for r in rows)
    events = Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert len(events) == len(rows)
    assert run(data_dir, "due", "--school", "199002", "--within", "0") == 0
    assert "Fällig" in capsys.readouterr().out


def test_print_annual_report(demo, data_dir, tmp_path, capsys) -> None:
    target = tmp_path / "bericht.pdf"
    assert (
        run(
            data_dir,
            "print",
            "annual-report",
            "--school",
            "199002",
            "--year",
            "2026",
            "-o",
            str(target),
        )
        == 0
    )
    assert "Tätigkeitsbericht 2026 gespeichert" in capsys.readouterr().out
    assert "Gesamtschule Rheinblick" in pdf_reading.all_text(target.read_bytes())
