"""The printed register and the Art. 13 information sheet, read back from the PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from dpo_desk.core.validation import ValidationError
from dpo_desk.services.register import activities
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.register.printing import (
    print_entry,
    print_info_sheet,
    print_register,
    render_register,
)
from tests.reports import pdf_reading

PRINT_DAY = date(2026, 11, 23)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_register_has_cover_contents_entries_and_annexes(
    ctx, register_demo, tmp_path: Path
) -> None:
    large = register_demo.schools[1]
    result = print_register(ctx, large.id, tmp_path / "vvt.pdf", today=PRINT_DAY)
    data = result.path.read_bytes()
    pages = [flat(t) for t in pdf_reading.page_texts(data)]
    cover = pages[0]
    assert "Verzeichnis von Verarbeitungstätigkeiten" in cover
    assert "Stand: 23.11.2026" in cover
    assert "Mehmet Yıldız" in cover  # head of school, not Latin-1
    assert "Dr. Jonas Albrecht" in cover
    assert "1. Lernplattform Version 1" in cover  # contents with number and version
    text = flat("\n".join(pages))
    for released in (
        "Lernplattform",
        "Schulverwaltung (Schülerstammdaten)",
        "Videokonferenzen im Unterricht",
    ):
        assert released in cover
    assert "Schul-Messenger" not in cover  # drafts are not printed
    assert "Anlage A: Auftragsverarbeiter" in text
    assert "Lernwolke Bildungsdienste GmbH (Demo)" in text
    assert "PushRelay Inc." in text
    assert "Anlage B: Technische und organisatorische Maßnahmen" in text
    joined = re.sub(r"(\w)- (\w)", r"\1\2", text)  # German hyphenation in narrow cells
    assert "Vertraulichkeit" in text and "Zutrittskontrolle" in joined
    assert "Löschfristen" in joined and "Version 1, freigegeben am" in text
    assert f"Seite 1 von {result.pages}" in pages[0]
    assert all(f.embedded_truetype for f in pdf_reading.fonts(data))


def test_register_section_shows_art30_content_of_the_frozen_version(ctx, register_demo) -> None:
    small = register_demo.schools[0]
    entry = activities.find_activity(ctx, small.id, "lernplattform")
    changed = entry.data
    changed.purposes = "GEÄNDERT IM ENTWURF"
    activities.update_activity(ctx, entry.id, changed)
    text = flat(pdf_reading.all_text(render_register(ctx, small.id, PRINT_DAY).data))
    assert "GEÄNDERT IM ENTWURF" not in text
    assert "Bereitstellen von Material und Aufgaben" in text
    assert "Art. 6 Abs. 1 lit. e DSGVO (öffentliche Aufgabe)" in text


def test_info_sheet_answers_the_art13_questions(ctx, register_demo, tmp_path: Path) -> None:
    large = register_demo.schools[1]
    entry = activities.find_activity(ctx, large.id, "videokonferenz")
    # The register-only demo has no consent templates: the open error (no template linked)
    # refuses the sheet unless it is printed as a marked draft.
    with pytest.raises(ValidationError, match="Es gibt noch offene Fehler"):
        print_info_sheet(ctx, entry.id, tmp_path / "refused.pdf", today=PRINT_DAY)
    assert not (tmp_path / "refused.pdf").exists()
    result = print_info_sheet(ctx, entry.id, tmp_path / "info.pdf", today=PRINT_DAY, draft=True)
    text = flat(pdf_reading.all_text(result.path.read_bytes()))
    assert "ENTWURF – nicht zur Weitergabe" in text
    assert "Informationen zum Datenschutz: Videokonferenzen im Unterricht" in text
    assert "Gesamtschule Rheinblick" in text
    assert "datenschutz@schulamt.example" in text
    assert "Konferenzwerk GmbH (Demo)" in text
    assert "kein Nachteil" in text and "widerrufen" in text
    assert "Auskunft über die gespeicherten Daten (Art. 15 DSGVO)" in text
    assert "Landesbeauftragte für Datenschutz" in text  # NRW authority from the profile
    assert "Nein. Die Daten werden nur in der EU" in text


def test_info_sheet_names_the_us_push_service(ctx, register_demo, tmp_path: Path) -> None:
    from dpo_desk.services.register.lifecycle import release_activity

    small = register_demo.schools[0]
    entry = activities.find_activity(ctx, small.id, "messenger")
    release_activity(ctx, entry.id)
    result = print_info_sheet(ctx, entry.id, tmp_path / "info.pdf", draft=True)
    text = flat(pdf_reading.all_text(result.path.read_bytes()))
    assert "PushRelay Inc. in den Vereinigten Staaten (Push-Benachrichtigungen)" in text
    assert "Standardvertragsklauseln" in text


def test_a_draft_cannot_be_printed_as_entry_or_info_sheet(ctx, school_id, tmp_path) -> None:
    draft = add_from_catalogue(ctx, school_id, "bibliothek")
    with pytest.raises(ValidationError, match="noch nicht freigegeben"):
        print_info_sheet(ctx, draft.id, tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="noch nicht freigegeben"):
        print_entry(ctx, draft.id, tmp_path / "y.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_single_entry_printout(ctx, register_demo, tmp_path: Path) -> None:
    entry = activities.find_activity(ctx, register_demo.schools[0].id, "schulverwaltung")
    result = print_entry(ctx, entry.id, tmp_path / "eintrag.pdf", today=PRINT_DAY)
    text = flat(pdf_reading.all_text(result.path.read_bytes()))
    assert "Verarbeitungstätigkeit: Schulverwaltung (Schülerstammdaten)" in text
    assert "Grundschule am Lindenhof" in text


def test_consent_forms_get_the_information_of_the_linked_entry(ctx, register_demo) -> None:
    from dpo_desk.reports.engine import DocumentInfo, DocumentPart, render_pdf
    from dpo_desk.reports.register.document import letterhead_of
    from dpo_desk.services.consent import template_edit as consent_template_edit
    from dpo_desk.services.consent.templates import list_templates
    from dpo_desk.services.register.lifecycle import release_activity
    from dpo_desk.services.register.printing import info_sheet_for_template
    from dpo_desk.services.schools import get_profile

    small = register_demo.schools[0]
    if "videokonferenzen" not in {t.key for t in list_templates(ctx, small.id)}:
        consent_template_edit.copy_from_catalogue(ctx, small.id, "videokonferenzen")
    assert info_sheet_for_template(ctx, small.id, "videokonferenzen") is None
    entry = activities.find_activity(ctx, small.id, "videokonferenz")
    data = entry.data
    data.consent_template_key = "videokonferenzen"
    activities.update_activity(ctx, entry.id, data)
    release_activity(ctx, entry.id)
    flowables = info_sheet_for_template(ctx, small.id, "Videokonferenzen")
    assert flowables is not None
    info = DocumentInfo(
        "Einwilligung Videokonferenzen", letterhead_of(get_profile(ctx, small.id), None)
    )
    pdf = render_pdf(info, [DocumentPart(flowables)])
    text = flat(pdf_reading.all_text(pdf.data))
    assert "Informationen zum Datenschutz: Videokonferenzen im Unterricht" in text
    assert "Grundschule am Lindenhof" in text
