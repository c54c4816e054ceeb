"""Schools through the services: validation, audit trail, lookup by name or number."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dpo_desk.core.validation import ValidationError
from dpo_desk.services import schools, settings
from dpo_desk.store.models import AuditEvent
from tests.conftest import sample_profile


def _events(ctx) -> list[AuditEvent]:
    with ctx.reading() as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        session.expunge_all()  # keep the loaded values readable after the session ends
        return events


@pytest.mark.sqlite_only
def test_creating_a_school_writes_one_audit_event_with_the_user_name(ctx) -> None:
    settings.set_person(ctx, "Zofia Wałęsa", "Sekretariat")
    created = schools.create_school(ctx, sample_profile())
    events = [e for e in _events(ctx) if e.entity_type == "school"]
    assert len(events) == 1
    assert events[0].actor == "Zofia Wałęsa (Sekretariat)"
    assert events[0].action == "create"
    assert events[0].entity_id == created.id
    assert events[0].changes["name"] == "Testschule am See"
    assert events[0].occurred_at.tzinfo is not None


@pytest.mark.both_backends
def test_update_audits_only_what_changed(ctx, school_id) -> None:
    profile = schools.get_profile(ctx, school_id)
    profile.town = "Neustadt"
    schools.update_school(ctx, school_id, profile)
    update = [e for e in _events(ctx) if e.action == "update" and e.entity_type == "school"]
    assert update[-1].changes == {"town": ["Seestadt", "Neustadt"]}


@pytest.mark.both_backends
def test_invalid_profile_lists_every_problem_and_writes_nothing(ctx) -> None:
    before = len(_events(ctx))  # a server database has the set-up's event already
    with pytest.raises(ValidationError) as caught:
        schools.create_school(
            ctx, sample_profile(name=" ", postcode="1234", email="keine-adresse", state="XX")
        )
    messages = [p.message for p in caught.value.problems]
    assert "Name der Schule: Bitte ausfüllen." in messages
    assert "PLZ: „1234“ ist keine Postleitzahl (fünf Ziffern)." in messages
    assert "E-Mail: „keine-adresse“ ist keine gültige E-Mail-Adresse." in messages
    assert any("Bundesland" in m for m in messages)
    assert schools.list_schools(ctx) == []
    assert len(_events(ctx)) == before


@pytest.mark.both_backends
def test_the_same_school_twice_is_refused(ctx, school_id) -> None:
    with pytest.raises(ValidationError, match="gibt es schon"):
        schools.create_school(ctx, sample_profile(name="testschule AM see", school_number=""))


@pytest.mark.both_backends
def test_find_school_by_name_or_number_and_ask_when_several(ctx, school_id) -> None:
    assert schools.find_school(ctx, None).id == school_id
    schools.create_school(ctx, sample_profile(name="Zweite Schule", school_number="222222"))
    assert schools.find_school(ctx, "222222").name == "Zweite Schule"
    assert schools.find_school(ctx, "zweite schule").school_number == "222222"
    with pytest.raises(LookupError, match="--school"):
        schools.find_school(ctx, None)


@pytest.mark.both_backends
def test_logo_must_be_png_or_jpeg(ctx, school_id) -> None:
    with pytest.raises(ValidationError, match="PNG- oder JPEG"):
        schools.set_logo(ctx, school_id, b"GIF89a....")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    schools.set_logo(ctx, school_id, png)
    assert schools.get_logo(ctx, school_id) == png
    schools.set_logo(ctx, school_id, None)
    assert schools.get_logo(ctx, school_id) is None
