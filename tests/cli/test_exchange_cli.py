"""``dpo-desk export`` and ``dpo-desk import``: chosen parts plus what they need, a dry run
that names what would happen, and the move of a school into another installation."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from dpo_desk.cli import main


def test_export_of_consents_takes_students_and_templates_along(
    demo, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "einwilligungen.zip"
    args = ["--data-dir", str(data_dir), "export", "--school", "199001", "--parts", "consents"]
    assert main([*args, "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert "students" in captured.err and "consent_templates" in captured.err
    assert "Exportiert:" in captured.out
    names = zipfile.ZipFile(target).namelist()
    assert "parts/consents.json" in names and "parts/students.json" in names
    assert "parts/register.json" not in names


@pytest.mark.sqlite_only  # the file itself, its backups or the local user name
def test_a_school_moves_to_another_installation(
    demo, data_dir: Path, tmp_path: Path, prepared, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "umzug.zip"
    assert (
        main(["--data-dir", str(data_dir), "export", "--school", "199001", "-o", str(archive)]) == 0
    )
    laptop = tmp_path / "neuer_laptop"
    prepared.install("empty", laptop)
    capsys.readouterr()

    assert main(["--data-dir", str(laptop), "import", str(archive), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "als neue Schule" in captured.err and "nichts importiert" in captured.out

    assert main(["--data-dir", str(laptop), "import", str(archive)]) == 0
    assert "Importiert:" in capsys.readouterr().out
    assert main(["--data-dir", str(laptop), "import", str(archive), "--school", "199001"]) == 0
    captured = capsys.readouterr()
    assert " 0 neu" in captured.out and "0 ersetzt" in captured.out
