"""Nothing is overwritten silently: a save based on an older state is refused in German,
naming who changed the record and when and what differs; a deleted record is named."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from dpo_desk.core.register.values import ProcessorData, TomData
from dpo_desk.services import settings
from dpo_desk.services.changes import Area, Changes
from dpo_desk.services.consent.recording import FormEntry, record_form
from dpo_desk.services.context import ServiceContext
from dpo_desk.services.errors import RecordGone, StaleEdit
from dpo_desk.services.register import activities, processors, toms
from dpo_desk.services.register.catalogue import add_from_catalogue
from dpo_desk.services.roster import students
from dpo_desk.services.schools import load_school, update_school
from dpo_desk.store.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]


def _audit_count(ctx: ServiceContext) -> int:
    with ctx.reading() as session:
        return session.query(AuditEvent).count()


@pytest.mark.sqlite_only
def test_a_stale_save_names_who_changed_what_and_writes_nothing(ctx, school_id) -> None:
    opened = add_from_catalogue(ctx, school_id, "lernplattform")
    settings.set_person(ctx, "Frau Berger", "Sekretariat")
    theirs = replace(opened.data, purposes="Unterricht und Hausaufgaben")
    activities.update_activity(ctx, opened.id, theirs, opened.row_version)
    settings.set_person(ctx, "Herr Kaya", "Schulleitung")
    events = _audit_count(ctx)
    mine = replace(opened.data, purposes="Nur Unterricht", department="Sekretariat")
    with pytest.raises(StaleEdit) as refused:
        activities.update_activity(ctx, opened.id, mine, opened.row_version)
    stale = refused.value
    assert stale.changed_by == "Frau Berger (Sekretariat)" and stale.changed_at is not None
    assert "Frau Berger" in stale.message and "nicht gespeichert" in stale.message
    assert "„Lernplattform“" in stale.message
    fields = {d.field: (d.stored, d.yours) for d in stale.differences}
    assert fields["Zwecke der Verarbeitung"] == ("Unterricht und Hausaufgaben", "Nur Unterricht")
    assert fields["Zuständige Stelle"] == ("(leer)", "Sekretariat")
    stored = activities.get_activity(ctx, opened.id)
    assert stored.data.purposes == "Unterricht und Hausaufgaben"
    assert _audit_count(ctx) == events


def test_a_save_on_the_current_version_goes_through_and_counts(ctx, school_id) -> None:
    opened = add_from_catalogue(ctx, school_id, "lernplattform")
    first = activities.update_activity(
        ctx, opened.id, replace(opened.data, notes="eins"), opened.row_version
    )
    second = activities.update_activity(
        ctx, opened.id, replace(first.data, notes="zwei"), first.row_version
    )
    assert opened.row_version < first.row_version < second.row_version
    assert activities.get_activity(ctx, opened.id).data.notes == "zwei"


def test_changing_only_a_list_of_the_record_still_counts_as_a_save(ctx, school_id) -> None:
    opened = add_from_catalogue(ctx, school_id, "lernplattform")
    created = toms.create_tom(ctx, school_id, TomData("Schließanlage", "", "confidentiality"))
    linked = activities.update_activity(
        ctx, opened.id, replace(opened.data, tom_ids=[created.id]), opened.row_version
    )
    assert linked.row_version > opened.row_version
    with pytest.raises(StaleEdit):
        activities.update_activity(ctx, opened.id, opened.data, opened.row_version)


@pytest.mark.both_backends
def test_a_record_deleted_meanwhile_is_named_and_nothing_written(ctx, school_id) -> None:
    opened = add_from_catalogue(ctx, school_id, "lernplattform")
    activities.delete_activity(ctx, opened.id)
    events = _audit_count(ctx)
    with pytest.raises(RecordGone, match="inzwischen gelöscht"):
        activities.update_activity(ctx, opened.id, opened.data, opened.row_version)
    assert _audit_count(ctx) == events


@pytest.mark.both_backends
def test_stale_saves_of_every_kind_of_edited_record_are_refused(ctx, school_id, tmp_path) -> None:
    from tests.services.consent_support import fill_school

    school = load_school(ctx, school_id)
    update_school(ctx, school_id, replace(school.profile, town="Neustadt"), school.row_version)
    with pytest.raises(StaleEdit, match="Schulprofil"):
        update_school(ctx, school_id, school.profile, school.row_version)

    vendor = processors.create_processor(ctx, school_id, ProcessorData(name="Wolke"))
    processors.update_processor(
        ctx, vendor.id, replace(vendor.data, town="Berlin"), vendor.row_version
    )
    with pytest.raises(StaleEdit, match="Wolke"):
        processors.update_processor(ctx, vendor.id, vendor.data, vendor.row_version)

    ids = fill_school(ctx, school_id, tmp_path)
    pupil = students.get_student(ctx, ids["Zimmermann"])
    edit = students.StudentEdit(pupil.last_name, "Paula", pupil.birth_date)
    students.update_student(ctx, pupil.id, edit, pupil.row_version)
    with pytest.raises(StaleEdit, match="Zimmermann"):
        students.update_student(
            ctx,
            pupil.id,
            students.StudentEdit(pupil.last_name, "Peter", pupil.birth_date),
            pupil.row_version,
        )
    assert students.get_student(ctx, pupil.id).first_names == "Paula"


@pytest.mark.sqlite_only
def test_two_processes_one_record_the_second_save_is_refused(ctx, school_id) -> None:
    opened = add_from_catalogue(ctx, school_id, "lernplattform")
    script = textwrap.dedent(
        f"""
        from dataclasses import replace
        from dpo_desk.app import open_app
        from dpo_desk.services.register import activities
        ctx = open_app({str(ctx.paths.data_dir)!r})
        ctx._actor = "Sekretariat Nord"
        entry = activities.get_activity(ctx, {opened.id})
        changed = replace(entry.data, notes="vom anderen Rechner")
        activities.update_activity(ctx, entry.id, changed, entry.row_version)
        ctx.db.close()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    with pytest.raises(StaleEdit) as refused:
        activities.update_activity(
            ctx, opened.id, replace(opened.data, notes="von hier"), opened.row_version
        )
    assert refused.value.changed_by == "Sekretariat Nord"
    assert activities.get_activity(ctx, opened.id).data.notes == "vom anderen Rechner"


def test_writes_report_what_they_changed(ctx, school_id, tmp_path) -> None:
    from tests.services.consent_support import fill_school

    created = add_from_catalogue(ctx, school_id, "lernplattform")
    assert created.changes.areas == {Area.REGISTER}
    assert created.changes.school_id == school_id
    assert ("activity", created.id) in created.changes.records
    assert activities.delete_activity(ctx, created.id).touches({Area.REGISTER}, school_id)
    ids = fill_school(ctx, school_id, tmp_path)
    entry = FormEntry(
        ids["Zimmermann"], {"audio": True, "video": True}, ctx.clock.today(), ctx.clock.today()
    )
    recorded = record_form(ctx, school_id, "videokonferenzen", entry, class_name="7b")
    assert recorded.changes.areas == {Area.CONSENT}
    assert recorded.status is not None and recorded.status.student_id == ids["Zimmermann"]
    written = settings.write(ctx, settings.AUTO_LOCK_MINUTES, 15)
    assert written.areas == {Area.SETTINGS} and written.school_id is None
    assert not Changes.of(Area.REGISTER, school_id=1).touches({Area.REGISTER}, 2)
    assert Changes.of(Area.SETTINGS).touches({Area.SETTINGS}, 2)
