"""The printed impact assessment, read back as a PDF viewer would."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from dpo_desk.core.dsfa.risk import HIGH, RiskMatrix
from dpo_desk.core.dsfa.threshold import ThresholdAnswers
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.dsfa import assessments as dsfa
from dpo_desk.services.dsfa import scenarios
from dpo_desk.services.dsfa.matrix import set_matrix
from dpo_desk.services.dsfa.printing import print_activity_assessment, print_assessment
from dpo_desk.services.register import toms
from dpo_desk.services.register.catalogue import add_from_catalogue
from tests.reports import pdf_reading
from tests.services.test_dsfa import DAY, rate, ready_assessment


@pytest.fixture
def platform(ctx, school_id) -> int:
    toms.add_starter_set(ctx, school_id)
    activity_id = add_from_catalogue(ctx, school_id, "lernplattform").id
    dsfa.record_threshold(ctx, activity_id, ThresholdAnswers({"vulnerable", "scoring"}), today=DAY)
    return activity_id


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_signed_off_report_has_every_part_and_signature_lines(ctx, platform, tmp_path) -> None:
    assessment_id = ready_assessment(ctx, platform)
    dsfa.sign_off(ctx, assessment_id, today=DAY)
    target = tmp_path / "dsfa.pdf"
    result = print_assessment(ctx, assessment_id, target, today=date(2026, 9, 2))
    data = target.read_bytes()
    text = flat(pdf_reading.all_text(data))
    for expected in (
        "Datenschutz-Folgenabschätzung: Lernplattform",
        "Version 1, abgeschlossen am",
        "DSFA erforderlich (2 von 9 Kriterien der WP 248 erfüllt; vom 01.09.2026)",
        "Erfüllte Kriterien der WP 248:",
        "1. Systematische Beschreibung der Verarbeitung",
        "2. Zwecke der Verarbeitung",
        "3. Notwendigkeit und Verhältnismäßigkeit",
        "Ohne Plattform kein Distanzunterricht.",
        "Vor den Maßnahmen",
        "Nach den Maßnahmen",
        "Identitätsdiebstahl",
        "Profilbildung",
        "Zwei-Faktor-Anmeldung",
        "5. Abhilfemaßnahmen",
        "Nach den Maßnahmen vertretbar.",
        "Die Verarbeitung wird wie beschrieben durchgeführt.",
        "Datenschutzbeauftragte/r: Bernd Schutz",
        "Schulleitung: Anna Leiterin",
        "Höchstes Restrisiko Risiko",
        "Gedruckt am 02.09.2026",
    ):
        assert expected in text, expected
    assert "Art. 36" not in text
    assert result.pages >= 2
    assert {f.base_name for f in pdf_reading.fonts(data)} <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
    }
    assert all(f.embedded_truetype for f in pdf_reading.fonts(data))
    metadata = pdf_reading.reader(data).metadata
    assert metadata.title == "DSFA: Lernplattform"


def test_the_matrix_is_vector_graphics_with_class_labels(ctx, platform, tmp_path) -> None:
    assessment_id = ready_assessment(ctx, platform)
    target = tmp_path / "dsfa.pdf"
    print_assessment(ctx, assessment_id, target)
    reader = pdf_reading.reader(target.read_bytes())
    images = sum(len(page.images) for page in reader.pages)
    assert images == 0
    matrix_page = next(p for p in reader.pages if "Vor den Maßnahmen" in p.extract_text())
    content = matrix_page.get_contents().get_data().decode("latin-1")
    assert content.count(" re") >= 32  # two grids of 16 cells
    text = matrix_page.extract_text()
    assert text.count("hohes Risiko") >= 8 and text.count("geringes Risiko") >= 8
    assert "Eintrittswahrscheinlichkeit" in text and "Schwere" in text


def test_a_high_residual_risk_prints_the_art36_note(ctx, platform, tmp_path) -> None:
    assessment_id = ready_assessment(ctx, platform)
    detail = dsfa.get_assessment(ctx, assessment_id)
    rate(ctx, detail.scenarios[1].id, (4, 4), (3, 4))
    target = tmp_path / "dsfa.pdf"
    print_assessment(ctx, assessment_id, target)
    text = flat(pdf_reading.all_text(target.read_bytes()))
    assert "Vorherige Konsultation erforderlich (Art. 36 DSGVO)" in text
    assert "muss die Schule die zuständige Aufsichtsbehörde konsultieren" in text
    assert "Entwurf – noch nicht abgeschlossen" in text


def test_a_signed_version_prints_the_matrix_stored_with_it(ctx, platform, school_id, tmp_path):
    assessment_id = ready_assessment(ctx, platform)
    dsfa.sign_off(ctx, assessment_id, today=DAY)
    set_matrix(ctx, school_id, RiskMatrix.default().with_cell(2, 4, HIGH))
    old = tmp_path / "v1.pdf"
    print_assessment(ctx, assessment_id, old)
    assert "Art. 36" not in flat(pdf_reading.all_text(old.read_bytes()))
    revision = dsfa.revise(ctx, assessment_id)
    dsfa.update_assessment(ctx, revision.id, replace(revision.data, head_decision="approved"))
    new = tmp_path / "v2.pdf"
    print_activity_assessment(ctx, platform, new)
    text = flat(pdf_reading.all_text(new.read_bytes()))
    assert "Version 2, Entwurf" in text
    assert "Vorherige Konsultation erforderlich (Art. 36 DSGVO)" in text


def test_twenty_scenarios_and_markup_in_user_text_print(ctx, platform, tmp_path) -> None:
    created = dsfa.create_assessment(ctx, platform)
    dsfa.update_assessment(
        ctx, created.id, replace(created.data, necessity="Müller & <Söhne> prüfen")
    )
    keys = [e.key for e in scenarios.scenario_catalogue()]
    for i in range(20):
        scenario_id = scenarios.add_from_catalogue(ctx, created.id, keys[i % len(keys)]).id
        rate(ctx, scenario_id, (1 + i % 4, 1 + (i // 4) % 4), (1, 1 + (i // 4) % 4))
    target = tmp_path / "dsfa.pdf"
    print_assessment(ctx, created.id, target)
    text = flat(pdf_reading.all_text(target.read_bytes()))
    assert "Müller & <Söhne> prüfen" in text
    assert "20 " in text


def test_printing_an_activity_without_assessment_is_refused(ctx, platform, tmp_path) -> None:
    with pytest.raises(ValidationError) as caught:
        print_activity_assessment(ctx, platform, tmp_path / "x.pdf")
    assert "Für „Lernplattform“ gibt es noch keine Folgenabschätzung." in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()
