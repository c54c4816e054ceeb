"""The starter templates a DPO copies: complete, valid, and honest about voluntariness."""

from __future__ import annotations

import pytest

from dpo_desk.core.consent.catalogue import CATALOGUE, starter_template, starter_templates
from dpo_desk.core.consent.validation import template_problems
from dpo_desk.core.consent.values import ConsentTemplateVersion, DurationKind
from dpo_desk.resource_files import load_json

ENTRY_FIELDS = {
    "key",
    "title",
    "purpose",
    "information_text",
    "declaration_text",
    "voluntary_note",
    "options",
    "signers",
    "duration",
    "retention_years",
    "grades",
}
TEMPLATES = starter_templates()


def test_catalogue_has_the_four_promised_templates_with_their_options() -> None:
    keys = {t.template_key: t.option_keys for t in TEMPLATES}
    assert len(TEMPLATES) >= 4
    assert keys["videokonferenzen"] == ("audio", "video")
    assert keys["fotos"] == ("jahrbuch", "homepage", "presse")
    assert "lernplattform" in keys and "messenger" in keys
    assert len(keys) == len(TEMPLATES), "template keys must be unique"
    photos = starter_template("fotos")
    assert photos is not None
    assert [o.label for o in photos.options] == [
        "Jahrbuch (Druck)",
        "Schulhomepage",
        "Presse (örtliche Zeitung)",
    ]


@pytest.mark.parametrize("entry", load_json(*CATALOGUE)["vorlagen"], ids=lambda e: e["key"])
def test_every_entry_states_every_field(entry: dict) -> None:
    assert set(entry) == ENTRY_FIELDS
    assert set(entry["signers"]) == {"co_signature_age", "student_alone_age"}
    assert set(entry["duration"]) == {"kind", "end_date", "condition", "renewal_years"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.template_key)
def test_every_template_is_complete(template: ConsentTemplateVersion) -> None:
    assert template_problems(template) == []
    assert template.version == 1
    for text in (template.purpose, template.information_text, template.declaration_text):
        assert len(text) > 60, "a text this short cannot inform anyone"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.template_key)
def test_every_template_says_consent_is_voluntary_and_revocable(
    template: ConsentTemplateVersion,
) -> None:
    note = template.voluntary_note
    assert "freiwillig" in note
    assert "keinen Nachteil" in note
    assert "jederzeit" in note and "widerrufen" in note
    assert "für die Zukunft" in note


def test_durations_cover_the_common_kinds() -> None:
    kinds = {t.duration.kind for t in TEMPLATES}
    assert {DurationKind.UNTIL_LEAVING, DurationKind.UNTIL_REVOKED} <= kinds
    assert any(t.duration.renewal_years for t in TEMPLATES)
