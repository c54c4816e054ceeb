"""Register entries: drafts, release with validation, frozen versions, audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from dpo_desk.core.register.snapshot import compare_snapshots, snapshot_rows
from dpo_desk.core.register.values import ActivityData, DataCategory, Recipient, Transfer
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.register import activities
from dpo_desk.services.register.archive import archive_activity
from dpo_desk.services.register.catalogue import (
    add_from_catalogue,
    catalogue_activity,
    catalogue_entries,
)
from dpo_desk.services.register.lifecycle import list_versions, release_activity, released_snapshots
from dpo_desk.services.schools import create_school
from dpo_desk.store.models import AuditEvent
from tests.conftest import sample_profile


def complete(name: str = "Lernplattform") -> ActivityData:
    return ActivityData(
        name=name,
        purposes="Unterrichtsmaterial bereitstellen",
        data_subjects=["Schülerinnen und Schüler", " "],
        data_categories=[DataCategory(" Name, Klasse ", "3 Monate nach Abgang")],
        recipients=[Recipient("Lehrkräfte"), Recipient("Betreiber", external=True)],
        legal_bases=["art6_1e"],
        legal_basis_text="§ 120 SchulG NRW",
        tom_description="TOM-Katalog der Schule",
        dsfa="not_required",
    )


def audit_actions(ctx: ServiceContext, entity_id: int) -> list[str]:
    with ctx.reading() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity_type == "activity", AuditEvent.entity_id == entity_id)
                .order_by(AuditEvent.id)
            )
        )


@pytest.mark.both_backends
def test_a_new_entry_is_a_draft_with_a_key_and_cleaned_values(ctx, school_id) -> None:
    created = activities.create_activity(ctx, school_id, complete("Schul-Messenger (App)"))
    assert created.status == "draft"
    assert created.key == "schul-messenger-app"
    assert created.data.data_subjects == ["Schülerinnen und Schüler"]
    assert created.data.data_categories == [DataCategory("Name, Klasse", "3 Monate nach Abgang")]
    assert audit_actions(ctx, created.id) == ["create"]
    listed = activities.list_activities(ctx, school_id)
    assert [(a.key, a.status_label) for a in listed] == [("schul-messenger-app", "Entwurf")]


def test_same_name_twice_gets_a_second_key(ctx, school_id) -> None:
    first = activities.create_activity(ctx, school_id, ActivityData(name="Mensa"))
    second = activities.create_activity(ctx, school_id, ActivityData(name="Mensa"))
    assert (first.key, second.key) == ("mensa", "mensa-2")


def test_an_incomplete_draft_can_be_saved_but_not_released(ctx, school_id) -> None:
    draft = activities.create_activity(ctx, school_id, ActivityData(name="Bibliothek"))
    with pytest.raises(ValidationError) as caught:
        release_activity(ctx, draft.id)
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == "Freigabe nicht möglich. Es fehlen noch:"
    assert "Zwecke der Verarbeitung (Art. 30 Abs. 1 lit. b): fehlt." in messages
    assert "Empfänger (Art. 30 Abs. 1 lit. d): fehlt." in messages
    assert activities.get_activity(ctx, draft.id).status == "draft"
    assert list_versions(ctx, draft.id) == []


@pytest.mark.both_backends
def test_saving_without_a_name_is_rejected_and_nothing_written(ctx, school_id) -> None:
    with pytest.raises(ValidationError) as caught:
        activities.create_activity(ctx, school_id, ActivityData(name="  "))
    assert caught.value.problems[0].message == "Bezeichnung: Bitte ausfüllen."
    assert activities.list_activities(ctx, school_id) == []


@pytest.mark.both_backends
def test_release_freezes_a_dated_version_and_sets_the_next_review(ctx, school_id) -> None:
    draft = activities.create_activity(ctx, school_id, complete())
    released = release_activity(ctx, draft.id, today=date(2026, 11, 23))
    assert (released.status, released.released_version) == ("released", 1)
    assert released.data.next_review == date(2027, 11, 23)
    (version,) = list_versions(ctx, draft.id)
    assert version.number == 1 and version.snapshot["activity"]["name"] == "Lernplattform"
    assert audit_actions(ctx, draft.id) == ["create", "release"]
    with pytest.raises(ValidationError, match="bereits freigegeben"):
        release_activity(ctx, draft.id)


@pytest.mark.both_backends
def test_editing_a_released_entry_starts_a_new_draft_and_keeps_the_old_version(
    ctx, school_id
) -> None:
    entry = activities.create_activity(ctx, school_id, complete())
    release_activity(ctx, entry.id)
    changed = complete()
    changed.purposes = "Unterrichtsmaterial und Abgaben"
    changed.next_review = activities.get_activity(ctx, entry.id).data.next_review
    draft = activities.update_activity(ctx, entry.id, changed)
    assert draft.status == "draft" and draft.released_version == 1
    summary = activities.list_activities(ctx, school_id)[0]
    assert summary.status_label == "Entwurf (gültig: Version 1)"
    (frozen,) = released_snapshots(ctx, school_id)
    assert frozen["activity"]["purposes"] == "Unterrichtsmaterial bereitstellen"
    release_activity(ctx, entry.id)
    old, new = list_versions(ctx, entry.id)
    rows = {
        label: (a, b, diff) for label, a, b, diff in compare_snapshots(old.snapshot, new.snapshot)
    }
    assert rows["Zwecke (lit. b)"] == (
        "Unterrichtsmaterial bereitstellen",
        "Unterrichtsmaterial und Abgaben",
        True,
    )
    assert rows["Bezeichnung"][2] is False
    assert released_snapshots(ctx, school_id)[0]["version"] == 2


def test_saving_unchanged_values_keeps_a_released_entry_released(ctx, school_id) -> None:
    entry = activities.create_activity(ctx, school_id, complete())
    released = release_activity(ctx, entry.id)
    again = activities.update_activity(ctx, entry.id, released.data)
    assert again.status == "released"
    assert audit_actions(ctx, entry.id) == ["create", "release"]


def test_release_needs_the_dpo_in_the_school_profile(ctx) -> None:
    school = create_school(ctx, sample_profile(dpo_name="", dpo_email=""))
    entry = activities.create_activity(ctx, school.id, complete())
    with pytest.raises(ValidationError) as caught:
        release_activity(ctx, entry.id)
    assert [p.field for p in caught.value.problems[1:]] == ["school.dpo_name", "school.dpo_email"]


def test_transfer_without_safeguard_blocks_release(ctx, school_id) -> None:
    data = complete()
    data.transfers = [Transfer("us", "Videodienst Inc.")]
    entry = activities.create_activity(ctx, school_id, data)
    assert entry.data.transfers[0].country == "US"
    with pytest.raises(ValidationError, match="Vereinigte Staaten"):
        release_activity(ctx, entry.id)


def test_snapshot_rows_read_like_the_register(ctx, school_id) -> None:
    entry = activities.create_activity(ctx, school_id, complete())
    release_activity(ctx, entry.id, today=date(2026, 1, 31))
    rows = dict(snapshot_rows(list_versions(ctx, entry.id)[0].snapshot))
    assert rows["Rechtsgrundlage"] == (
        "Art. 6 Abs. 1 lit. e DSGVO (öffentliche Aufgabe); § 120 SchulG NRW"
    )
    assert rows["Empfänger extern (lit. d)"] == "Betreiber"
    assert rows["Datenkategorien und Löschfristen (lit. c, f)"] == (
        "Name, Klasse – Löschfrist: 3 Monate nach Abgang"
    )
    assert rows["Nächste Überprüfung"] == "31.01.2027"
    today = f"{date.today():%d.%m.%Y}"
    assert (rows["Angelegt am"], rows["Zuletzt geändert am"]) == (today, today)


@pytest.mark.both_backends
def test_deleting_an_entry_removes_it_and_its_versions(ctx, school_id) -> None:
    entry = activities.create_activity(ctx, school_id, complete())
    release_activity(ctx, entry.id)
    with pytest.raises(ValidationError) as refused:
        activities.delete_activity(ctx, entry.id)
    assert "bitte archivieren" in str(refused.value)
    archive_activity(ctx, entry.id, "Dienst abgelöst", date(2020, 1, 31), date(2023, 1, 31))
    activities.delete_activity(ctx, entry.id, today=date(2023, 2, 1))
    assert activities.list_activities(ctx, school_id) == []
    assert released_snapshots(ctx, school_id) == []
    assert audit_actions(ctx, entry.id)[-1] == "delete"


def test_the_catalogue_has_at_least_twelve_complete_school_activities() -> None:
    entries = catalogue_entries()
    assert len(entries) >= 12
    keys = {e.key for e in entries}
    for needed in ("schulverwaltung", "lernplattform", "videokonferenz", "messenger", "homepage"):
        assert needed in keys
    for entry in entries:
        data = catalogue_activity(entry.key)
        assert data.purposes and data.data_subjects and data.recipients
        assert data.legal_bases
        assert all(c.erasure_period for c in data.data_categories), entry.key


def test_adding_from_the_catalogue_creates_an_adaptable_draft(ctx, school_id) -> None:
    draft = add_from_catalogue(ctx, school_id, "homepage")
    assert draft.status == "draft" and draft.catalogue_key == "homepage"
    assert draft.data.consent_based is True
    assert any("Fotos" in c.name for c in draft.data.data_categories)
    released = release_activity(ctx, draft.id)
    assert released.status == "released"


def test_unknown_catalogue_key_is_named(ctx, school_id) -> None:
    with pytest.raises(LookupError, match="„gibtsnicht“"):
        add_from_catalogue(ctx, school_id, "gibtsnicht")


def test_find_activity_by_key_or_name(ctx, school_id) -> None:
    activities.create_activity(ctx, school_id, complete("Videokonferenzen"))
    assert activities.find_activity(ctx, school_id, "videokonferenzen").data.name == (
        "Videokonferenzen"
    )
    with pytest.raises(LookupError, match="Keine Verarbeitungstätigkeit „xyz“"):
        activities.find_activity(ctx, school_id, "xyz")
