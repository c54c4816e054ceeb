"""``dpo-desk dsfa list`` and ``dpo-desk print dsfa`` on the demo data."""

from __future__ import annotations

import json
from pathlib import Path

from dpo_desk.cli import main
from tests.reports import pdf_reading


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_list_as_json_has_stable_keys(demo, data_dir, capsys) -> None:
    assert run(data_dir, "dsfa", "list", "--school", "199002", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [
        (r["key"], r["version"], r["status"], r["highest_residual"], r["consultation_needed"])
        for r in rows
    ] == [
        ("lernplattform", 1, "signed_off", "medium", False),
        ("videokonferenz", 1, "draft", "high", True),
    ]
    assert rows[0]["scenarios"] == 7 and rows[0]["next_review"] == "2027-09-21"


def test_list_as_table_in_german(demo, data_dir, capsys) -> None:
    assert run(data_dir, "dsfa", "list", "--school", "Gesamtschule Rheinblick") == 0
    out = capsys.readouterr().out
    assert "Höchstes Restrisiko" in out
    assert "Abgeschlossen (Version 1)" in out and "hohes Risiko" in out


def test_list_needs_a_school_when_there_are_two(demo, data_dir, capsys) -> None:
    assert run(data_dir, "dsfa", "list") == 2
    assert capsys.readouterr().err


def test_print_dsfa_writes_the_signed_assessment(demo, data_dir, tmp_path, capsys) -> None:
    target = tmp_path / "dsfa.pdf"
    code = run(
        data_dir,
        "print",
        "dsfa",
        "--school",
        "199002",
        "--activity",
        "lernplattform",
        "-o",
        str(target),
    )
    assert code == 0
    assert "Folgenabschätzung gespeichert:" in capsys.readouterr().out
    text = pdf_reading.all_text(target.read_bytes())
    assert "Datenschutz-Folgenabschätzung: Lernplattform" in text
    assert "Mehmet Yıldız" in text


def test_print_group_still_offers_the_register(demo, data_dir, tmp_path) -> None:
    target = tmp_path / "vvt.pdf"
    assert run(data_dir, "print", "vvt", "--school", "199002", "-o", str(target)) == 0
    assert target.exists()


def test_print_dsfa_of_an_activity_without_assessment_is_rejected(
    demo, data_dir, tmp_path, capsys
) -> None:
    target = tmp_path / "x.pdf"
    code = run(
        data_dir,
        "print",
        "dsfa",
        "--school",
        "199002",
        "--activity",
        "homepage",
        "-o",
        str(target),
    )
    assert code == 3
    assert "gibt es noch keine Folgenabschätzung" in capsys.readouterr().err
    assert not target.exists()


def test_print_an_earlier_version_after_a_revision(demo, ctx, data_dir, tmp_path, capsys) -> None:
    from dpo_desk.services.dsfa import assessments as dsfa
    from dpo_desk.services.register.activities import find_activity

    platform = find_activity(ctx, demo.schools[1].id, "lernplattform")
    dsfa.revise(ctx, dsfa.current_assessment(ctx, platform.id).id)
    args = ["print", "dsfa", "--school", "199002", "--activity", "lernplattform"]
    old, new = tmp_path / "v1.pdf", tmp_path / "v2.pdf"
    assert run(data_dir, *args, "--version", "1", "-o", str(old)) == 0
    assert run(data_dir, *args, "-o", str(new)) == 0
    assert "Version 1, abgeschlossen am" in pdf_reading.all_text(old.read_bytes())
    assert "Version 2, Entwurf" in pdf_reading.all_text(new.read_bytes())
    assert run(data_dir, *args, "--version", "7", "-o", str(old)) == 3
    assert "hat keine Version 7 (vorhanden: 1, 2)" in capsys.readouterr().err
