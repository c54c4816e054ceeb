"""``dpo-desk consent templates|status``: lists for scripts and for the teacher's question."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from dpo_desk.cli import main
from dpo_desk.core.consent.values import (
    SignerRole,
)
from dpo_desk.services.consent.recording import FormEntry, record_form
from tests.services.consent_support import fill_school

TODAY = date.today()


@pytest.fixture
def filled(ctx, school_id, data_dir: Path, tmp_path: Path) -> dict[str, int]:
    ids = fill_school(ctx, school_id, tmp_path)
    entry = FormEntry(
        ids["Zimmermann"],
        {"audio": True, "video": False},
        TODAY,
        TODAY,
        frozenset({SignerRole.GUARDIANS}),
    )
    record_form(ctx, school_id, "videokonferenzen", entry)
    return ids


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_templates_as_json_carry_stable_keys(filled, data_dir, capsys) -> None:
    assert run(data_dir, "consent", "templates", "--format", "json") == 0
    (template,) = json.loads(capsys.readouterr().out)
    assert template["key"] == "videokonferenzen"
    assert template["version"] == 1
    assert template["options"] == ["audio", "video"]
    assert template["consents"] == 1


@pytest.mark.both_backends
def test_status_of_one_class_as_json_one_row_per_student(filled, data_dir, capsys) -> None:
    args = ("consent", "status", "--template", "videokonferenzen", "--class", "7b")
    assert run(data_dir, *args, "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 4
    paul = next(r for r in rows if r["last_name"] == "Zimmermann")
    assert paul == {
        "key": str(filled["Zimmermann"]),
        "class": "7b",
        "last_name": "Zimmermann",
        "first_names": "Paul",
        "audio": "granted",
        "video": "refused",
        "versions": {"audio": 1, "video": 1},
    }
    assert {r["audio"] for r in rows if r["last_name"] != "Zimmermann"} == {"not_returned"}


def test_status_on_an_earlier_day_and_as_csv(filled, data_dir, capsys) -> None:
    yesterday = (TODAY - timedelta(days=1)).strftime("%d.%m.%Y")
    args = ("consent", "status", "--template", "videokonferenzen", "--on", yesterday)
    assert run(data_dir, *args, "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    assert len(rows) == 6 and {r["audio"] for r in rows} == {"not_returned"}


def test_status_table_speaks_german(filled, data_dir, capsys) -> None:
    assert run(data_dir, "consent", "status", "--template", "videokonferenzen") == 0
    captured = capsys.readouterr()
    assert "Teilnahme per Video (Kamera)" in captured.out
    assert "abgelehnt" in captured.out and "nicht abgegeben" in captured.out
    assert "6 Schüler" in captured.err


@pytest.mark.both_backends
def test_unknown_template_class_or_date_exit_2_with_german_message(
    filled, data_dir, capsys
) -> None:
    assert run(data_dir, "consent", "status", "--template", "zoo") == 2
    assert "Einwilligungsvorlage „zoo“ gibt es" in capsys.readouterr().err
    args = ("consent", "status", "--template", "videokonferenzen")
    assert run(data_dir, *args, "--class", "9z") == 2
    assert "Klasse „9z“ gibt es nicht" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:  # one date type for every option (argparse)
        run(data_dir, *args, "--on", "31.02.2026")
    assert refused.value.code == 2
    assert "--on: „31.02.2026“ ist kein gültiges Datum" in capsys.readouterr().err


@pytest.mark.both_backends
def test_erase_expired_proof_lists_first_and_then_erases(filled, ctx, data_dir, capsys) -> None:
    from dpo_desk.services.roster import students as roster

    roster.mark_left(ctx, filled["Zimmermann"], date(2024, 12, 1))
    assert run(data_dir, "consent", "erase-expired-proof", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Paul Zimmermann (abgegangen 01.12.2024)" in out and "nichts gelöscht" in out
    assert run(data_dir, "consent", "erase-expired-proof") == 0
    assert "Gelöscht: 1 Einträge zu 1 Nachweisen." in capsys.readouterr().out
    assert run(data_dir, "consent", "templates", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)[0]["consents"] == 0
