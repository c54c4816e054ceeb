"""``dpo-desk print consent-forms|signature-sheet|reminders|participants``."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpo_desk.cli import main
from tests.reports import pdf_reading
from tests.services.consent_support import fill_school


@pytest.fixture
def school(ctx, school_id, tmp_path) -> int:
    fill_school(ctx, school_id, tmp_path)
    return school_id


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "print", *args])


@pytest.mark.parametrize(
    ("document", "pages", "expected", "also"),
    [
        ("consent-forms", 4, "Einwilligung: Teilnahme an Videokonferenzen", "Ola Wałęsa"),
        ("signature-sheet", 1, "Unterschriftenliste: Teilnahme an Videokonferenzen", "Wałęsa"),
        ("reminders", 8, "Erinnerung: Einwilligung", "Ola Wałęsa"),
        ("participants", 1, "Wer darf teilnehmen?", "Niemand"),  # no form has come back
    ],
)
def test_each_document_for_one_class(
    school, data_dir, tmp_path, capsys, document, pages, expected, also
) -> None:
    target = tmp_path / f"{document}.pdf"
    code = run(
        data_dir, document, "--template", "videokonferenzen", "--class", "7b", "-o", str(target)
    )
    assert code == 0, capsys.readouterr().err
    counted = "1 Seite" if pages == 1 else f"{pages} Seiten"  # never "1 Seiten"
    assert f"gespeichert: {target} ({counted})" in capsys.readouterr().out
    texts = pdf_reading.page_texts(target.read_bytes())
    assert len(texts) == pages
    assert expected in texts[0] and also in "".join(texts)


def test_all_classes_duplex_and_print_date(school, data_dir, tmp_path, capsys) -> None:
    target = tmp_path / "alle.pdf"
    args = ["consent-forms", "--template", "videokonferenzen", "--all-classes", "--duplex"]
    assert run(data_dir, *args, "--on", "2026-11-23", "-o", str(target)) == 0
    texts = pdf_reading.page_texts(target.read_bytes())
    assert len(texts) == 11
    assert "Gedruckt am 23.11.2026" in texts[0]
    assert "Yılmaz" in texts[8] or "Yılmaz" in texts[10]


def test_participants_of_one_option(school, data_dir, tmp_path) -> None:
    target = tmp_path / "video.pdf"
    args = ["participants", "--template", "videokonferenzen", "--class", "7b", "10a"]
    assert run(data_dir, *args, "--option", "video", "-o", str(target)) == 0
    texts = pdf_reading.page_texts(target.read_bytes())
    assert len(texts) == 2
    assert all("Teilnahme per Video (Kamera): 0 von" in t and "Audio" not in t for t in texts)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--class", "9z"], "Die Klasse „9z“ gibt es im aktuellen Schuljahr nicht."),
        (["--all-classes", "--option", "presse"], "keine Option „presse“"),
        (["--class", "7b", "-o", "/nirgends/ordner/x.pdf"], "existiert nicht"),
    ],
)
def test_rejected_input_exits_3_with_a_german_message_and_no_file(
    school, data_dir, tmp_path, capsys, args, message
) -> None:
    target = tmp_path / "x.pdf"
    command = ["participants", "--template", "videokonferenzen", "-o", str(target), *args]
    assert run(data_dir, *command) == 3
    assert message in capsys.readouterr().err
    assert not target.exists() and not Path("/nirgends").exists()


def test_unknown_template_exits_3(school, data_dir, tmp_path, capsys) -> None:
    target = tmp_path / "x.pdf"
    assert run(data_dir, "consent-forms", "--template", "xy", "--all-classes", "-o", str(target))
    assert "„xy“" in capsys.readouterr().err
    assert not target.exists()


def test_class_or_all_classes_is_required(school, data_dir, tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(data_dir, "signature-sheet", "--template", "videokonferenzen", "-o", "x.pdf")
    assert exit_info.value.code == 2
    assert "--class" in capsys.readouterr().err
