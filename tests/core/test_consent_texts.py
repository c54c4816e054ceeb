"""Printed sentences and formatted texts of templates: every duration kind reads as correct
German, the Markdown subset is understood, anything else is kept as typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dpo_desk.core.consent.events import FormReturned
from dpo_desk.core.consent.gaps import GapKind, consent_gaps
from dpo_desk.core.consent.markup import BlockKind, Span, parse, plain_text, spans
from dpo_desk.core.consent.status import consent_status
from dpo_desk.core.consent.values import (
    Duration,
    DurationKind,
    SignerRole,
    StudentFacts,
)
from dpo_desk.core.consent.wording import condition_phrase, duration_sentences
from tests.core.test_consent_status import VIDEO

LEAVING = "längstens bis zum Verlassen der Schule."


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (Duration(), f"Die Einwilligung gilt bis auf Widerruf, {LEAVING}"),
        (
            Duration(DurationKind.UNTIL_DATE, end_date=date(2027, 7, 31)),
            f"Die Einwilligung gilt bis zum 31.07.2027, {LEAVING}",
        ),
        (
            Duration(DurationKind.UNTIL_LEAVING),
            "Die Einwilligung gilt bis zum Verlassen der Schule.",
        ),
        (
            Duration(
                DurationKind.WHILE_CONDITION, condition="Dauer der eingeschränkten Beschulung"
            ),
            f"Die Einwilligung gilt für die Dauer der eingeschränkten Beschulung, {LEAVING}",
        ),
        (
            Duration(DurationKind.UNTIL_REVOKED, renewal_years=2),
            f"Die Einwilligung gilt bis auf Widerruf, {LEAVING} Nach zwei Jahren bitten wir um "
            "eine erneute Erklärung.",
        ),
        (
            Duration(DurationKind.UNTIL_LEAVING, renewal_years=1),
            "Die Einwilligung gilt bis zum Verlassen der Schule. Nach einem Jahr bitten wir um "
            "eine erneute Erklärung.",
        ),
        (
            Duration(DurationKind.WHILE_CONDITION, condition="Distanzunterricht", renewal_years=12),
            "Die Einwilligung gilt, solange folgender Umstand besteht: Distanzunterricht; sie "
            "endet spätestens mit dem Verlassen der Schule. Nach 12 Jahren bitten wir um eine "
            "erneute Erklärung.",
        ),
    ],
)
def test_every_duration_kind_reads_as_a_correct_sentence(duration: Duration, expected: str) -> None:
    assert duration_sentences(duration) == expected


def test_the_until_date_kind_without_a_date_falls_back_to_until_revoked() -> None:
    assert duration_sentences(Duration(DurationKind.UNTIL_DATE)).startswith(
        "Die Einwilligung gilt bis auf Widerruf,"
    )


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [
        ("Dauer der eingeschränkten Beschulung", "für die Dauer der eingeschränkten Beschulung"),
        ("für die Dauer des Distanzunterrichts.", "für die Dauer des Distanzunterrichts"),
        ("Für die Zeit der Schulschließung", "für die Zeit der Schulschließung"),
        ("solange der Distanzunterricht dauert", "solange der Distanzunterricht dauert"),
        ("So lange die Schule geschlossen ist", "solange die Schule geschlossen ist"),
        ("der Distanzunterricht andauert", "solange der Distanzunterricht andauert"),
        ("während des Wechselunterrichts", "während des Wechselunterrichts"),
        ("die Zeit des Wechselunterrichts", "für die Zeit des Wechselunterrichts"),
        ("Wechselunterricht", "solange folgender Umstand besteht: Wechselunterricht"),
        ("  ", "solange der vereinbarte Umstand besteht"),
    ],
)
def test_a_condition_typed_in_any_way_follows_die_einwilligung_gilt(
    typed: str, phrase: str
) -> None:
    assert condition_phrase(typed) == phrase
    sentence = duration_sentences(Duration(DurationKind.WHILE_CONDITION, condition=typed))
    comma = "," if phrase.startswith("solange") else ""
    assert sentence.startswith(f"Die Einwilligung gilt{comma} {phrase}")
    assert "gilt Dauer" not in sentence and ".." not in sentence


def test_markdown_subset_headings_paragraphs_bullets_and_bold() -> None:
    text = (
        "# Elternbrief\n\nLiebe Eltern,\nwir **bitten** um Ihre Zustimmung.\n\n"
        "## Was wir tun\n- Unterricht per **Video**\n* nur mit Ton\n• keine Aufzeichnung\n"
        "Danach ein Absatz."
    )
    blocks = parse(text)
    assert [(b.kind, b.level) for b in blocks] == [
        (BlockKind.HEADING, 1),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.HEADING, 2),
        (BlockKind.BULLETS, 0),
        (BlockKind.PARAGRAPH, 0),
    ]
    assert blocks[1].lines[1] == (Span("wir "), Span("bitten", True), Span(" um Ihre Zustimmung."))
    assert blocks[3].plain == "Unterricht per Video\nnur mit Ton\nkeine Aufzeichnung"
    assert blocks[3].lines[0][1] == Span("Video", True)


@pytest.mark.parametrize(
    "unknown",
    [
        "#### vierte Ebene",
        "#ohne Leerzeichen",
        "*kursiv* und _unterstrichen_",
        "1. erster Punkt",
        "> ein Zitat",
        "<b>HTML</b> & <script>",
        "[Link](https://example.org)",
        "| Tabelle | Spalte |",
        "zwei ** Sterne ohne Ende",
        "****",
        "`Code`",
    ],
)
def test_unknown_markup_stays_as_typed(unknown: str) -> None:
    blocks = parse(unknown)
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH]
    assert blocks[0].plain == unknown
    assert all(not span.bold for line in blocks[0].lines for span in line)


def test_bold_needs_text_inside_and_nothing_is_lost() -> None:
    assert spans("a **b** c **d") == (Span("a "), Span("b", True), Span(" c **d"))
    assert "".join(s.text for s in spans("** x **")) == "** x **"


def test_plain_text_removes_only_the_known_marks() -> None:
    assert plain_text("## Titel\n\n- **eins**\n- zwei\n\n#### bleibt") == (
        "Titel\n\n• eins\n• zwei\n\n#### bleibt"
    )


def test_gaps_name_a_missing_student_signature_and_a_blank_answer() -> None:
    sixteen = StudentFacts(birth_date=date(2010, 1, 1))
    form = FormReturned(
        1,
        1,
        {"audio": True, "video": None},
        date(2026, 11, 2),
        date(2026, 11, 1),
        frozenset({SignerRole.GUARDIANS}),
    )
    states = consent_status(sixteen, VIDEO, [form], date(2026, 11, 23))
    gaps = consent_gaps(states, form, VIDEO, sixteen)
    assert [g.kind for g in gaps] == [GapKind.SIGNATURE_MISSING, GapKind.ANSWER_MISSING]
    assert gaps[0].text == "Unterschrift der Schülerin/des Schülers fehlt"
    assert "„Video“" in gaps[1].text
    complete = replace(
        form, answers={"audio": True, "video": False}, signed_by=frozenset(SignerRole)
    )
    states = consent_status(sixteen, VIDEO, [complete], date(2026, 11, 23))
    assert consent_gaps(states, complete, VIDEO, sixteen) == []


def test_gaps_of_a_missing_form() -> None:
    states = consent_status(StudentFacts(), VIDEO, [], date(2026, 11, 23))
    gaps = consent_gaps(states, None, VIDEO, StudentFacts())
    assert [(g.kind, g.text) for g in gaps] == [
        (GapKind.NOT_RETURNED, "Das Formular ist nicht zurückgekommen.")
    ]
