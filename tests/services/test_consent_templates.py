"""Consent templates: copied from the catalogue, edited, and versioned once used."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from dpo_desk.core.consent.values import ChangeKind, SignerRole
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.clock import FixedClock
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.consent.template_edit import (
    copy_from_catalogue,
    create_template,
    text_changes,
    update_template,
)
from dpo_desk.services.consent.template_lifecycle import delete_template, set_retired
from dpo_desk.services.consent.templates import TemplateDraft, get_template, list_templates
from dpo_desk.store.models import AuditEvent
from tests.services.consent_support import TODAY, fill_school, hand_out

GUARDIANS = frozenset({SignerRole.GUARDIANS})


def _draft(**changes: object) -> TemplateDraft:
    values: dict[str, object] = dict(
        key="ag-fotos",
        title="Fotos der Foto-AG",
        purpose="Ausstellung im Schulhaus",
        information_text="Die AG fotografiert im Unterricht.",
        declaration_text="Ich bin einverstanden.",
        voluntary_note="Freiwillig, jederzeit widerrufbar.",
        options=[("aushang", "Aushang im Schulhaus")],
    )
    values.update(changes)
    return TemplateDraft(**values)  # type: ignore[arg-type]


def test_every_starter_template_can_be_copied_and_is_listed(ctx, school_id) -> None:
    for key in ("videokonferenzen", "fotos", "lernplattform", "messenger"):
        copy_from_catalogue(ctx, school_id, key)
    listed = {t.key: t for t in list_templates(ctx, school_id)}
    assert set(listed) == {"videokonferenzen", "fotos", "lernplattform", "messenger"}
    video = listed["videokonferenzen"]
    assert video.current_version == 1
    assert [o.label for o in video.current.options] == [
        "Teilnahme per Audio (Mikrofon)",
        "Teilnahme per Video (Kamera)",
    ]
    assert listed["fotos"].current.signers.co_signature_age == 14


def test_copying_the_same_key_twice_is_refused_in_german(ctx, school_id) -> None:
    copy_from_catalogue(ctx, school_id, "fotos")
    with pytest.raises(ValidationError, match="„fotos“ gibt es schon"):
        copy_from_catalogue(ctx, school_id, "fotos")
    copy_from_catalogue(ctx, school_id, "fotos", key="fotos-grundschule")
    assert len(list_templates(ctx, school_id)) == 2


def test_a_template_without_options_or_with_a_bad_key_is_refused(ctx, school_id) -> None:
    with pytest.raises(ValidationError) as caught:
        create_template(ctx, school_id, _draft(key="Fotos AG!", options=[]))
    messages = " ".join(p.message for p in caught.value.problems)
    assert "kein gültiges Kürzel" in messages
    assert "Mindestens eine Option" in messages
    assert list_templates(ctx, school_id) == []


def test_an_unused_version_is_edited_in_place(ctx, school_id) -> None:
    created = create_template(ctx, school_id, _draft())
    changed = update_template(ctx, created.id, _draft(purpose="Ausstellung und Jahresbericht"))
    assert changed.current_version == 1
    assert changed.current.purpose == "Ausstellung und Jahresbericht"


def test_a_used_version_stays_and_the_edit_becomes_version_2(ctx, school_id, tmp_path: Path):
    ids = fill_school(ctx, school_id, tmp_path)
    video = get_template(ctx, school_id, "videokonferenzen")
    record_form(
        ctx,
        school_id,
        "videokonferenzen",
        FormEntry(ids["Zimmermann"], {"audio": True, "video": True}, TODAY, TODAY, GUARDIANS),
        on=TODAY,
    )
    draft = TemplateDraft.from_version(video.current)
    draft.declaration_text = "Geänderte Erklärung."
    with pytest.raises(ValidationError, match="redaktionelle Korrektur oder eine neue Fassung"):
        update_template(ctx, video.id, draft)
    changed = update_template(ctx, video.id, draft, change=ChangeKind.WORDING)
    assert changed.current_version == 2
    assert changed.core.version(1).declaration_text == video.current.declaration_text
    assert changed.current.declaration_text == "Geänderte Erklärung."
    assert changed.current.change_kind is ChangeKind.WORDING
    assert not changed.current.renew_consents
    assert changed.consents_on_older_versions == 1
    # Changing only the classes is no new text: still version 2.
    draft.class_names = ["7b"]
    again = update_template(ctx, video.id, draft, change=ChangeKind.WORDING)
    assert again.current_version == 2 and again.class_names == ("7b",)


def test_a_printed_version_is_never_changed_in_place(ctx, school_id, tmp_path: Path) -> None:
    fill_school(ctx, school_id, tmp_path)  # version 1 handed out, no consent yet
    video = get_template(ctx, school_id, "videokonferenzen")
    assert video.versions[0].print_count == 1 and video.versions[0].handed_out
    draft = TemplateDraft.from_version(video.current)
    draft.information_text = draft.information_text.replace("Aufzeichnungen", "Aufzeichungen")
    fixed = update_template(ctx, video.id, draft, change=ChangeKind.EDITORIAL)
    assert fixed.current_version == 2 and fixed.current.change_kind is ChangeKind.EDITORIAL
    assert fixed.core.version(1).information_text == video.current.information_text


def test_saving_unchanged_texts_twice_makes_no_version(ctx, school_id, tmp_path: Path) -> None:
    """A double click on Speichern: the second save finds nothing changed."""
    fill_school(ctx, school_id, tmp_path)
    video = get_template(ctx, school_id, "videokonferenzen")
    draft = TemplateDraft.from_version(video.current, list(video.class_names))
    assert text_changes(video, draft) == {}
    for _ in range(2):
        video = update_template(ctx, video.id, draft, video.row_version, ChangeKind.WORDING)
    assert video.current_version == 1
    with ctx.reading() as session:
        audited = session.scalars(
            select(AuditEvent.entity_type).where(AuditEvent.action == "update")
        ).all()
    assert "consent_template_version" not in audited


def test_an_editorial_fix_may_not_change_options_or_terms(ctx, school_id, tmp_path: Path) -> None:
    fill_school(ctx, school_id, tmp_path)
    video = get_template(ctx, school_id, "videokonferenzen")
    draft = TemplateDraft.from_version(video.current)
    draft.options = [*draft.options, ("chat", "Chat")]
    draft.renewal_years = 2
    with pytest.raises(ValidationError, match=r"Erneuerung, Optionen\. Das ist keine"):
        update_template(ctx, video.id, draft, change=ChangeKind.EDITORIAL)
    assert get_template(ctx, school_id, "videokonferenzen").current_version == 1


def test_a_new_wording_can_ask_for_consent_again(ctx, school_id, tmp_path: Path) -> None:
    from dpo_desk.services.consent.overview import template_status

    ids = fill_school(ctx, school_id, tmp_path)
    ctx.clock = FixedClock(TODAY)
    record_form(
        ctx,
        school_id,
        "videokonferenzen",
        FormEntry(ids["Zimmermann"], {"audio": True, "video": False}, TODAY, TODAY, GUARDIANS),
    )
    video = get_template(ctx, school_id, "videokonferenzen")
    draft = TemplateDraft.from_version(video.current)
    draft.information_text += " Neu: Die Sitzungen werden aufgezeichnet."
    ctx.clock = FixedClock(TODAY + timedelta(days=3))
    renewed = update_template(ctx, video.id, draft, change=ChangeKind.WORDING, renew_consents=True)
    assert renewed.current.renew_consents and renewed.current.released_on == TODAY + timedelta(3)
    rows = template_status(ctx, school_id, "videokonferenzen", on=TODAY + timedelta(days=3)).rows
    states = next(r for r in rows if r.student_id == ids["Zimmermann"]).states
    assert states["audio"].state.label == "neu einzuholen"
    assert states["video"].state.label == "abgelehnt"


def test_a_used_template_cannot_be_deleted_but_retired(ctx, school_id, tmp_path: Path) -> None:
    ids = fill_school(ctx, school_id, tmp_path)
    video = get_template(ctx, school_id, "videokonferenzen")
    record_form(
        ctx,
        school_id,
        "videokonferenzen",
        FormEntry(ids["Çelik"], {"audio": True, "video": False}, TODAY, TODAY, GUARDIANS),
        on=TODAY,
    )
    with pytest.raises(ValidationError, match="bleibt als Nachweis erhalten"):
        delete_template(ctx, video.id)
    set_retired(ctx, video.id, True)
    assert list_templates(ctx, school_id, include_retired=False) == []
    unused = create_template(ctx, school_id, _draft())
    delete_template(ctx, unused.id)
    assert [t.key for t in list_templates(ctx, school_id)] == ["videokonferenzen"]
    with ctx.reading() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "consent_template")
        ).all()
    assert "delete" in actions and "update" in actions


def test_when_the_condition_ends_the_consents_expire(ctx, school_id, tmp_path: Path) -> None:
    from dpo_desk.services.consent.overview import template_status
    from dpo_desk.services.consent.template_lifecycle import set_condition_ended

    ids = fill_school(ctx, school_id, tmp_path)
    remote = create_template(
        ctx,
        school_id,
        _draft(
            key="distanz",
            duration_kind="while_condition",
            condition="für die Dauer des Distanzunterrichts",
        ),
    )
    hand_out(ctx, school_id, [ids["Çelik"]], key="distanz")
    entry = FormEntry(ids["Çelik"], {"aushang": True}, TODAY - timedelta(30), None, GUARDIANS)
    record_form(ctx, school_id, "distanz", entry, on=TODAY)
    set_condition_ended(ctx, remote.id, TODAY - timedelta(days=1))
    rows = {r.last_name: r for r in template_status(ctx, school_id, "distanz", on=TODAY).rows}
    assert rows["Çelik"].state("aushang").value == "expired"
    earlier = template_status(ctx, school_id, "distanz", on=TODAY - timedelta(days=2)).rows
    assert next(r for r in earlier if r.last_name == "Çelik").state("aushang").value == "granted"
