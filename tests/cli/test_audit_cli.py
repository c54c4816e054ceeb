"""``dpo-desk audit list``: the change log of a school since a day, as JSON with each
changed field's old and new value, as CSV and as a table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dpo_desk.cli import main
from tests.conftest import sample_profile


@pytest.fixture
def two_schools(ctx, data_dir: Path) -> Path:
    from dpo_desk.services.schools import create_school, get_profile, update_school

    first = create_school(ctx, sample_profile())
    create_school(ctx, sample_profile(name="Zweite Schule", school_number="654321"))
    profile = get_profile(ctx, first.id)
    update_school(ctx, first.id, type(profile)(**(profile.as_dict() | {"phone": "030 123"})))
    return data_dir


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "audit", "list", *args])


def test_json_lists_a_schools_entries_with_old_and_new(two_schools, capsys) -> None:
    assert run(two_schools, "--school", "123456", "--since", "01.01.2020", "--format", "json") == 0
    entries = json.loads(capsys.readouterr().out)
    assert {e["school"] for e in entries} == {"Testschule am See"}
    update = entries[0]
    assert update["action"] == "geändert" and update["record"] == "Schule „Testschule am See“"
    assert {"field": "phone", "label": "Telefon", "old": "—", "new": "030 123"} in update["changes"]
    assert update["key"] > entries[1]["key"]


def test_since_tomorrow_lists_nothing_and_csv_has_headings(two_schools, capsys) -> None:
    assert run(two_schools, "--since", "2999-01-01", "--format", "csv") == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    assert lines == [["key", "time", "actor", "school", "area", "record", "action", "summary"]]


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_table_names_both_schools_without_school_option(two_schools, capsys) -> None:
    assert run(two_schools) == 0
    captured = capsys.readouterr()
    assert "Zweite Schule" in captured.out and "Testschule am See" in captured.out
    assert "Telefon: 030 123" in captured.out
    assert "5 Einträge" in captured.err  # and the two of naming who works (user set)


def test_a_wrong_date_is_a_german_usage_error(two_schools, capsys) -> None:
    assert run(two_schools, "--since", "31.02.2026") == 2
    assert "--since" in capsys.readouterr().err
