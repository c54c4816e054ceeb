"""Word documents: the register, one entry, the Art. 13 sheet, the DSFA report and the
consent printouts as DOCX, opened with python-docx and read back (headings, tables, the
letterhead in the page header, the footer, pictures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from reportlab.platypus import Flowable

from dpo_desk.cli import main
from dpo_desk.reports.docx.writer import render_docx
from dpo_desk.reports.engine import DocumentInfo, DocumentPart, Letterhead
from dpo_desk.reports.flowables import YesNoBoxes
from dpo_desk.reports.styles import styles
from dpo_desk.reports.text import para
from dpo_desk.services.register.printing import print_entry, print_info_sheet, print_register
from tests.services.consent_support import fill_school

PRINT_DAY = date(2026, 11, 23)


def texts(document) -> str:
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        body += _table_texts(table)
    return "\n".join(body)


def _table_texts(table) -> list[str]:
    found = []
    for row in table.rows:
        for cell in row.cells:
            found += [p.text for p in cell.paragraphs]
            for inner in cell.tables:
                found += _table_texts(inner)
    return found


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def letterhead(document) -> str:
    return "\n".join(_table_texts(document.sections[0].header.tables[0]))


def test_register_with_letterhead_headings_and_tables(ctx, register_demo, tmp_path) -> None:
    large = register_demo.schools[1]
    result = print_register(ctx, large.id, tmp_path / "vvt.docx", today=PRINT_DAY)
    document = docx.Document(result.path)
    assert "Gesamtschule Rheinblick" in letterhead(document)
    assert "Verzeichnis von Verarbeitungstätigkeiten" in headings(document, 1)
    text = texts(document)
    assert "Stand: 23.11.2026" in text and "Mehmet Yıldız" in text
    assert "Anlage A: Auftragsverarbeiter" in text and "PushRelay Inc." in text
    assert "Löschfristen" in text
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert grids and any(t.rows[0].cells[0].text == "Angabe" for t in grids)
    assert len(document.sections) == result.pages  # one section per part
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Gesamtschule Rheinblick" in footer and "Gedruckt am 23.11.2026" in footer


def test_one_entry_and_its_information_sheet(ctx, register_demo, tmp_path) -> None:
    from dpo_desk.services.register.activities import find_activity

    large = register_demo.schools[1]
    entry = find_activity(ctx, large.id, "lernplattform")
    document = docx.Document(print_entry(ctx, entry.id, tmp_path / "e.docx", PRINT_DAY).path)
    assert "Lernplattform" in texts(document)
    sheet = docx.Document(print_info_sheet(ctx, entry.id, tmp_path / "i.docx", PRINT_DAY).path)
    text = texts(sheet)
    assert "Lernplattform" in text and "Wo können Sie sich beschweren?" in text


def test_dsfa_report_has_the_matrix_as_a_table(ctx, demo, tmp_path, capsys) -> None:
    target = tmp_path / "dsfa.docx"
    code = main(
        ["print", "dsfa", "--school", "199002", "--activity", "lernplattform", "-o", str(target)]
    )
    assert code == 0, capsys.readouterr().err
    assert f"{target} (Word-Dokument, 1 Teil)" in capsys.readouterr().out
    document = docx.Document(target)
    assert "Vor den Maßnahmen" in headings(document, 3)
    matrix = next(t for t in document.tables if "Wahrscheinlichkeit" in t.cell(0, 0).text)
    cells = {c.text.split("\n")[0] for row in matrix.rows for c in row.cells}
    assert {"geringes Risiko", "Risiko", "hohes Risiko"} <= cells
    assert "Stellungnahme der/des Datenschutzbeauftragten" in "\n".join(headings(document, 2))


def test_consent_forms_as_docx_with_qr_codes_and_boxes(ctx, school_id, data_dir, tmp_path) -> None:
    fill_school(ctx, school_id, tmp_path)
    target = tmp_path / "formulare.docx"
    args = ["print", "consent-forms", "--template", "videokonferenzen", "--class", "7b"]
    assert main(["--data-dir", str(data_dir), *args, "-o", str(target)]) == 0
    document = docx.Document(target)
    text = texts(document)
    assert "Einwilligung: Teilnahme an Videokonferenzen" in text and "Ola Wałęsa" in text
    assert "☐ JA" in text and "☐ NEIN" in text
    assert len(document.inline_shapes) == 4  # one scan code per student
    assert len(document.sections) == 4


def test_logo_in_the_header_and_an_unknown_piece_is_named() -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (20, 90, 160)).save(buffer, "PNG")

    class Odd(Flowable):
        def draw(self) -> None:  # pragma: no cover - never drawn here
            pass

    info = DocumentInfo("Test", Letterhead("Schule & <Söhne>", ("Weg 1",), "", buffer.getvalue()))
    parts = [DocumentPart([para("Zeile 1\nZeile 2 & <b>", styles().body), YesNoBoxes(True), Odd()])]
    data, warnings = render_docx(info, parts)
    document = docx.Document(io.BytesIO(data))
    assert "Schule & <Söhne>" in letterhead(document)
    assert len(document.sections[0].header.tables[0].rows[0].cells[1].paragraphs[0].runs) == 1
    assert document.paragraphs[0].text == "Zeile 1\nZeile 2 & <b>"
    assert document.paragraphs[1].text == "☒ JA    ☐ NEIN"
    assert warnings == ("Ein Element (Odd) konnte nicht in das Word-Dokument übernommen werden.",)


def test_a_docx_that_cannot_be_written_is_a_german_error(ctx, register_demo, tmp_path) -> None:
    from dpo_desk.reports.atomic import DocumentError

    with pytest.raises(DocumentError, match="existiert nicht"):
        print_register(ctx, register_demo.schools[1].id, tmp_path / "fehlt" / "v.docx")
    assert not list(tmp_path.glob("**/*.docx"))


def test_every_print_command_writes_docx(demo, data_dir, tmp_path: Path, capsys) -> None:
    """Each subcommand of ``print`` takes a .docx name and writes a Word file."""
    commands = {
        "vvt": ["--school", "199002"],
        "vvt-entry": ["--school", "199002", "--activity", "lernplattform"],
        "info-sheet": ["--school", "199002", "--activity", "lernplattform"],
        "dsfa": ["--school", "199002", "--activity", "lernplattform"],
    }
    for document in ("consent-forms", "signature-sheet", "reminders", "participants"):
        commands[document] = [
            "--school",
            "199002",
            "--template",
            "videokonferenzen",
            "--class",
            "7a",
        ]
    for name, args in commands.items():
        target = tmp_path / f"{name}.docx"
        code = main(["--data-dir", str(data_dir), "print", name, *args, "-o", str(target)])
        assert code == 0, (name, capsys.readouterr().err)
        assert docx.Document(target).paragraphs, name
