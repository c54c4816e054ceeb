"""The status of a school shares one evaluation among students whose histories have the same
shape (``services/consent/shapes.py``): each student still gets exactly what the rules say
for them alone, with their own entries, forms and signature lines."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dpo_desk.core.consent.status import ConsentState
from dpo_desk.core.consent.values import Channel, SignerRole
from dpo_desk.services.consent.corrections import correct_event
from dpo_desk.services.consent.overview import student_consent, template_status
from dpo_desk.services.consent.recording import (
    FormEntry,
    RevocationEntry,
    record_form,
    record_revocation,
    stored,
)
from tests.services.consent_support import KEY, TODAY, fill_school

GUARDIANS = frozenset({SignerRole.GUARDIANS})
EARLIER = TODAY - timedelta(days=30)


def test_students_with_the_same_history_each_get_their_own_status(
    ctx, school_id, tmp_path: Path
) -> None:
    ids = fill_school(ctx, school_id, tmp_path)
    same = ["Zimmermann", "Çelik", "Nguyễn", "Wałęsa"]  # class 7b: same age group
    events = {}
    for name in same:
        entry = FormEntry(ids[name], {"audio": True, "video": True}, EARLIER, EARLIER, GUARDIANS)
        events[name] = stored(record_form(ctx, school_id, KEY, entry, on=EARLIER)).id
    # Two of the four change their minds alike: one by revocation, one corrected to NEIN.
    for name in ("Çelik", "Nguyễn"):
        record_revocation(
            ctx,
            school_id,
            KEY,
            RevocationEntry(ids[name], TODAY, Channel.LETTER, frozenset({"video"})),
            on=TODAY,
        )
    replacement = FormEntry(ids["Wałęsa"], {"audio": False, "video": True}, EARLIER, EARLIER)
    correct_event(ctx, events["Wałęsa"], replacement, "falsch abgetippt", on=TODAY)

    status = template_status(ctx, school_id, KEY, on=TODAY)
    rows = {row.last_name: row for row in status.rows}
    for row in status.rows:  # the same as asking for each student alone
        alone = student_consent(ctx, status.template, row.student_id, row.class_name, TODAY)
        assert row == alone, row.name
    assert rows["Zimmermann"].states["video"].event_id == events["Zimmermann"]
    assert rows["Çelik"].state("video") is ConsentState.REVOKED
    assert rows["Nguyễn"].states["video"].event_id != rows["Çelik"].states["video"].event_id
    assert rows["Wałęsa"].state("audio") is ConsentState.REFUSED
    assert rows["Wałęsa"].latest_form is not None
    assert rows["Wałęsa"].latest_form.event_id != events["Wałęsa"]  # the correction's
    assert rows["Wałęsa"].latest_form.answers == {"audio": False, "video": True}
    assert rows["Wałęsa"].states["video"].event_id == rows["Wałęsa"].latest_form.event_id
    latest = {rows[name].latest_form.event_id for name in same}  # type: ignore[union-attr]
    assert len(latest) == len(same)
