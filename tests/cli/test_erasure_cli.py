"""``dpo-desk roster erase``: shows what would go, asks (or takes --yes), erases the person
everywhere; the leavers whose retention ended go together."""

from __future__ import annotations

import builtins
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from dpo_desk.cli import main
from dpo_desk.services.roster import students as roster
from tests.services.consent_support import fill_school


@pytest.fixture
def school(ctx, school_id, data_dir: Path, tmp_path: Path) -> dict[str, int]:
    return fill_school(ctx, school_id, tmp_path)


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_shows_the_plan_asks_and_keeps_the_student_on_no(school, data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda question: "nein")
    assert run(data_dir, "roster", "erase", "--student", str(school["Becker"])) == 2
    err = capsys.readouterr().err
    assert "Jonas Becker, geboren 20.11.2010" in err and "Stammdaten" in err
    assert "Es wurde nichts gelöscht" in err
    assert run(data_dir, "roster", "list", "--format", "json") == 0
    assert "Becker" in capsys.readouterr().out


def test_without_a_terminal_yes_is_required(school, data_dir, capsys) -> None:
    assert run(data_dir, "roster", "erase", "--student", str(school["Becker"])) == 2
    assert "--yes" in capsys.readouterr().err


def test_yes_erases_and_reports_no_copy_left(school, data_dir, capsys) -> None:
    code = run(
        data_dir, "roster", "erase", "--student", str(school["Becker"]), "--reason", "A-17", "--yes"
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Gelöscht: 1 Person(en)" in out and "Keine ungewollte Kopie der Namen gefunden" in out
    assert run(data_dir, "roster", "list", "--format", "json") == 0
    assert "Becker" not in json.dumps(json.loads(capsys.readouterr().out))
    assert run(data_dir, "roster", "erase", "--student", str(school["Becker"]), "--yes") == 2
    assert "gibt es nicht" in capsys.readouterr().err


def test_leavers_whose_retention_ended(ctx, school, data_dir, capsys) -> None:
    roster.mark_left(ctx, school["Zimmermann"], date(2019, 6, 1))
    assert run(data_dir, "roster", "erase", "--leavers", "--yes") == 0
    captured = capsys.readouterr()
    assert "Paul Zimmermann (abgegangen 01.06.2019" in captured.err
    assert "Gelöscht: 1 Person(en)" in captured.out
    assert run(data_dir, "roster", "erase", "--leavers", "--yes") == 0
    assert "Keine Abgegangenen" in capsys.readouterr().out
