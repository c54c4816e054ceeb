"""``dpo-desk vvt``: list and check for scripts and the DPO's terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dpo_desk.cli import main
from dpo_desk.core.register.values import ProcessorData, SubProcessorData
from dpo_desk.services.register import processors as records_processors
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.lifecycle import release_activity
from tests.conftest import sample_profile


@pytest.fixture
def school(ctx, data_dir: Path) -> int:
    from dpo_desk.services.schools import create_school

    return create_school(ctx, sample_profile()).id


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.mark.both_backends
def test_list_as_json_has_stable_keys(ctx, school, data_dir, capsys) -> None:
    entry = add_from_catalogue(ctx, school, "lernplattform")
    release_activity(ctx, entry.id)
    add_from_catalogue(ctx, school, "homepage")
    assert run(data_dir, "vvt", "list", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["key"], r["status"], r["version"]) for r in rows] == [
        ("lernplattform", "released", 1),
        ("homepage", "draft", 0),
    ]
    assert rows[0]["legal_basis"].startswith("Art. 6 Abs. 1 lit. e DSGVO")


def test_list_as_table_shows_german_status(ctx, school, data_dir, capsys) -> None:
    add_from_catalogue(ctx, school, "bibliothek")
    assert run(data_dir, "vvt", "list") == 0
    out = capsys.readouterr().out
    assert "Schlüssel" in out and "bibliothek" in out and "Entwurf" in out


def test_check_prints_findings_and_exits_zero(ctx, school, data_dir, capsys) -> None:
    records_processors.create_processor(
        ctx,
        school,
        ProcessorData(
            name="Messenger AG",
            sub_processors=[SubProcessorData("Push Inc.", "US", "Push")],
        ),
    )
    add_from_catalogue(ctx, school, "messenger")
    assert run(data_dir, "vvt", "check", "--format", "json") == 0
    findings = json.loads(capsys.readouterr().out)
    codes = {(f["code"], f["entity_type"], f["key"], f["field"]) for f in findings}
    assert (
        "third_country_without_safeguard",
        "processor",
        "messenger-ag",
        "sub_processors[0].safeguard",
    ) in codes
    assert ("consent_without_template", "activity", "messenger", "consent_template_key") in codes
    assert all(isinstance(f["entity_id"], int) and f["message"] for f in findings)


def test_check_on_an_empty_register_says_so(school, data_dir, capsys) -> None:
    assert run(data_dir, "vvt", "check") == 0
    out = capsys.readouterr().out
    assert "Keine Befunde" not in out
    assert "Das Verzeichnis ist leer" in out


@pytest.mark.both_backends
def test_add_from_catalogue_and_release_by_key(school, data_dir, capsys) -> None:
    assert run(data_dir, "vvt", "add", "--from-catalogue", "videokonferenz") == 0
    assert "Schlüssel videokonferenz" in capsys.readouterr().out
    assert run(data_dir, "vvt", "release", "videokonferenz") == 0
    assert "Version 1" in capsys.readouterr().out


@pytest.mark.both_backends
def test_release_of_an_incomplete_entry_is_rejected_with_exit_3(ctx, school, data_dir, capsys):
    from dpo_desk.core.register.values import ActivityData
    from dpo_desk.services.register.activities import create_activity

    create_activity(ctx, school, ActivityData(name="Neu"))
    assert run(data_dir, "vvt", "release", "neu") == 3
    err = capsys.readouterr().err
    assert "Freigabe nicht möglich" in err
    assert "Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b): fehlt." in err
    assert "Es wurde nichts gespeichert." in err


def test_unknown_catalogue_key_is_a_usage_error(school, data_dir, capsys) -> None:
    assert run(data_dir, "vvt", "add", "--from-catalogue", "xyz") == 2
    assert "„xyz“" in capsys.readouterr().err


@pytest.mark.both_backends
def test_print_register_and_info_sheet(ctx, school, data_dir, tmp_path, capsys) -> None:
    from tests.reports import pdf_reading

    entry = add_from_catalogue(ctx, school, "lernplattform")
    release_activity(ctx, entry.id)
    target = tmp_path / "vvt.pdf"
    assert run(data_dir, "vvt", "print", "-o", str(target)) == 0
    assert "Verzeichnis gespeichert" in capsys.readouterr().out
    assert "Lernplattform" in pdf_reading.all_text(target.read_bytes())
    sheet = tmp_path / "info.pdf"
    assert run(data_dir, "vvt", "info-sheet", "--activity", "lernplattform", "-o", str(sheet)) == 0
    assert "Informationen zum Datenschutz" in pdf_reading.all_text(sheet.read_bytes())


def test_print_into_a_missing_folder_fails_with_a_message(ctx, school, data_dir, tmp_path, capsys):
    assert run(data_dir, "vvt", "print", "-o", str(tmp_path / "fehlt" / "vvt.pdf")) == 3
    assert "Fehler:" in capsys.readouterr().err
    assert not (tmp_path / "fehlt").exists()


def test_info_sheet_of_a_draft_is_rejected(ctx, school, data_dir, tmp_path, capsys) -> None:
    add_from_catalogue(ctx, school, "mensa")
    code = run(data_dir, "vvt", "info-sheet", "--activity", "mensa", "-o", str(tmp_path / "m.pdf"))
    assert code == 3
    assert "noch nicht freigegeben" in capsys.readouterr().err


def test_print_group_offers_vvt_and_info_sheet(ctx, school, data_dir, tmp_path, capsys) -> None:
    from tests.reports import pdf_reading

    entry = add_from_catalogue(ctx, school, "homepage")
    release_activity(ctx, entry.id)
    target = tmp_path / "verzeichnis.pdf"
    assert run(data_dir, "print", "vvt", "-o", str(target)) == 0
    assert "Schulhomepage mit Fotos" in pdf_reading.all_text(target.read_bytes())
    sheet = tmp_path / "homepage.pdf"
    # Consent-based without a linked consent template: an open error refuses the sheet …
    assert run(data_dir, "print", "info-sheet", "--activity", "homepage", "-o", str(sheet)) == 3
    assert "keine Einwilligungsvorlage ist verknüpft" in capsys.readouterr().err
    assert not sheet.exists()
    # … unless asked for as a marked draft, here for the staff.
    args = ("--activity", "homepage", "--entwurf", "--zielgruppe", "beschaeftigte")
    assert run(data_dir, "print", "info-sheet", *args, "-o", str(sheet)) == 0
    text = pdf_reading.all_text(sheet.read_bytes())
    assert "Welche Rechte haben Sie?" in text
    assert "ENTWURF – nicht zur Weitergabe" in text


def test_print_one_entry_as_released(ctx, school, data_dir, tmp_path, capsys) -> None:
    from tests.reports import pdf_reading

    entry = add_from_catalogue(ctx, school, "lernplattform")
    release_activity(ctx, entry.id)
    target = tmp_path / "eintrag.pdf"
    assert (
        run(data_dir, "print", "vvt-entry", "--activity", "lernplattform", "-o", str(target)) == 0
    )
    assert "Eintrag gespeichert" in capsys.readouterr().out
    text = pdf_reading.all_text(target.read_bytes())
    assert "Lernplattform" in text
    assert "Schulhomepage" not in text
