"""The breach printouts read back: the notification carries every Art. 33(3) content and
the authority of the school's state; the letter speaks to the persons; the register lists
each breach, notified or not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dpo_desk.core.breaches.values import BreachData
from dpo_desk.core.register.values import ActivityData
from dpo_desk.services.breaches.printing import (
    print_breach_register,
    print_letter,
    print_notification,
)
from dpo_desk.services.breaches.records import create_breach
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.register.activities import create_activity
from dpo_desk.services.schools import create_school
from tests.conftest import sample_profile
from tests.reports import pdf_reading

AWARE = datetime(2026, 10, 12, 6, 15, tzinfo=UTC)


@pytest.fixture
def stick(ctx, school_id):
    ctx.clock = FixedClock(date(2026, 10, 20))
    grades = create_activity(ctx, school_id, ActivityData(name="Noten und Zeugnisse")).id
    late = AWARE + timedelta(hours=80)
    return create_breach(
        ctx,
        school_id,
        BreachData(
            title="USB-Stick mit Notenlisten verloren",
            aware_at=AWARE,
            reported_by="Lehrkraft der 7b",
            description="Ein unverschlüsselter USB-Stick mit Notenlisten ist im Bus verloren "
            "gegangen.",
            data_categories=["Namen", "Noten"],
            subject_groups=["Schülerinnen und Schüler der 7b"],
            persons_count=28,
            records_count=56,
            consequences="Bloßstellung der Kinder bei Bekanntwerden der Noten.",
            measures_taken="Fundbüro und Busunternehmen verständigt.",
            measures_planned="Nur noch verschlüsselte USB-Sticks.",
            activity_ids=[grades],
            likelihood=3,
            severity=3,
            notified_at=late,
            delay_reason="Die Schulleitung war auf Klassenfahrt.",
        ),
    )


def test_notification_has_every_art_33_3_content(ctx, school_id, stick, tmp_path: Path) -> None:
    target = tmp_path / "meldung.pdf"
    result = print_notification(ctx, stick.id, target)
    text = pdf_reading.all_text(target.read_bytes())
    # Addressed to the authority of the school's state (Berlin in the sample profile).
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in text
    assert "Alt-Moabit 59–61" in text
    for content in (
        "Art der Verletzung (Art. 33 Abs. 3 lit. a)",
        "ca. 28 Personen",
        "ca. 56 Datensätze",
        "Noten",
        "Bernd Schutz",  # the DPO (lit. b)
        "dsb@testschule.example",
        "Bloßstellung der Kinder",  # lit. c
        "Fundbüro und Busunternehmen",  # lit. d
        "Nur noch verschlüsselte USB-Sticks",
        "Noten und Zeugnisse",
        "verspätet gemeldet am",
        "Die Schulleitung war auf Klassenfahrt.",  # reasons for the delay (Art. 33(1))
        "hohes Risiko",
    ):
        assert content in text, content
    assert result.pages >= 1
    assert all(font.embedded_truetype for font in pdf_reading.fonts(target.read_bytes()))


def test_letter_to_the_persons_in_plain_language(ctx, stick, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    print_letter(ctx, stick.id, target)
    text = pdf_reading.all_text(target.read_bytes())
    assert "An die betroffenen Personen (Schülerinnen und Schüler der 7b)" in text
    assert "Was ist passiert?" in text and "im Bus verloren" in text
    assert "Wen können Sie fragen?" in text and "Bernd Schutz" in text
    assert "Art. 34" in text


def test_register_lists_every_breach(ctx, school_id, stick, tmp_path: Path) -> None:
    create_breach(
        ctx,
        school_id,
        BreachData(
            title="Fehlversand einer Elternmail",
            aware_at=AWARE + timedelta(days=1),
            likelihood=1,
            severity=2,
            no_notification_reason="nur Namen, Empfänger hat gelöscht",
        ),
    )
    other = create_school(ctx, sample_profile(name="Andere Schule", school_number="777"))
    create_breach(ctx, other.id, BreachData(title="Fremde Panne", aware_at=AWARE))
    target = tmp_path / "register.pdf"
    print_breach_register(ctx, school_id, target)
    text = pdf_reading.all_text(target.read_bytes())
    assert "Verzeichnis der Datenschutzverletzungen" in text
    assert "2026-01: USB-Stick mit Notenlisten verloren" in text
    assert "nicht gemeldet, weil nur Namen, Empfänger hat gelöscht" in text
    assert "Fremde Panne" not in text
