"""Processors: contract data, checklist, sub-processors, contract file, refused deletion."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from dpo_desk.core.register.values import (
    ActivityData,
    ChecklistPoint,
    ProcessorData,
    SubProcessorData,
)
from dpo_desk.core.validation import ValidationError
from dpo_desk.services.register import activities, contracts, processors


def vendor(**overrides: object) -> ProcessorData:
    values: dict[str, object] = dict(
        name="Lernwolke GmbH",
        street="Cloudweg 1",
        postcode="10115",
        town="Berlin",
        contact_email="vertrieb@lernwolke.example",
        contract_status="signed",
        contract_date=date(2026, 3, 1),
        checklist={"a": ChecklistPoint(True, "§ 3 des Vertrags"), "g": ChecklistPoint(False, "")},
        sub_processors=[SubProcessorData("Rechenzentrum AG", "de", "Hosting")],
        data_categories=["Name", "Klasse"],
        data_subjects=["Schüler"],
    )
    values.update(overrides)
    return ProcessorData(**values)  # type: ignore[arg-type]


def test_create_keeps_checklist_a_to_h_and_sub_processors(ctx, school_id) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    assert created.key == "lernwolke-gmbh"
    assert list(created.data.checklist) == list("abcdefgh")
    assert created.data.checklist["a"] == ChecklistPoint(True, "§ 3 des Vertrags")
    assert created.data.checklist["b"] == ChecklistPoint(False, "")
    assert created.data.sub_processors == [SubProcessorData("Rechenzentrum AG", "DE", "Hosting")]
    (summary,) = processors.list_processors(ctx, school_id)
    assert (summary.contract_label, summary.sub_processors) == ("unterschrieben", 1)


def test_update_changes_status_and_sub_processors(ctx, school_id) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    data = created.data
    data.contract_status = "terminated"
    data.sub_processors.append(SubProcessorData("Push Inc.", "US", "Push", "dpf"))
    updated = processors.update_processor(ctx, created.id, data)
    assert updated.data.contract_status == "terminated"
    assert [s.name for s in updated.data.sub_processors] == ["Rechenzentrum AG", "Push Inc."]


def test_signed_contract_without_date_is_rejected(ctx, school_id) -> None:
    with pytest.raises(ValidationError) as caught:
        processors.create_processor(ctx, school_id, vendor(contract_date=None))
    assert caught.value.problems[0].message == (
        "Vertragsdatum: Bei einem unterschriebenen Vertrag bitte das Datum angeben."
    )
    assert processors.list_processors(ctx, school_id) == []


def test_deleting_a_linked_processor_is_refused_with_the_links(ctx, school_id) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    for name in ("Lernplattform", "Videokonferenzen"):
        activities.create_activity(
            ctx, school_id, ActivityData(name=name, processor_ids=[created.id])
        )
    with pytest.raises(ValidationError) as caught:
        processors.delete_processor(ctx, created.id)
    assert caught.value.problems[0].message == (
        "„Lernwolke GmbH“ kann nicht gelöscht werden: Er wird noch von „Lernplattform“, "
        "„Videokonferenzen“ verwendet. Bitte dort zuerst die Verknüpfung lösen."
    )
    assert processors.get_processor(ctx, created.id).used_by[0][1] == "Lernplattform"


def test_deleting_an_unlinked_processor_removes_it_and_its_file(ctx, school_id, tmp_path) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    source = tmp_path / "AVV Lernwolke.pdf"
    source.write_bytes(b"%PDF-1.4 Vertrag")
    contracts.attach_contract(ctx, created.id, source)
    assert contracts.has_contract(ctx, created.id)
    processors.delete_processor(ctx, created.id)
    assert processors.list_processors(ctx, school_id) == []
    assert not contracts.has_contract(ctx, created.id)


def test_contract_is_stored_inside_the_database(ctx, school_id, tmp_path) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    source = tmp_path / "AVV.pdf"
    source.write_bytes(b"%PDF-1.4 erste Fassung")
    detail = contracts.attach_contract(ctx, created.id, source)
    source.unlink()
    assert detail.contract_file_name == "AVV.pdf"
    assert contracts.contract_content(ctx, created.id) == b"%PDF-1.4 erste Fassung"
    assert not ctx.paths.attachments_dir.exists()  # no plain file next to the database
    newer = tmp_path / "AVV-2.pdf"
    newer.write_bytes(b"%PDF-1.4 zweite Fassung")
    contracts.attach_contract(ctx, created.id, newer)
    copy = contracts.contract_copy(ctx, created.id)
    assert copy is not None and copy.read_bytes() == b"%PDF-1.4 zweite Fassung"
    assert copy.parent.parent == ctx.paths.data_dir and copy.stat().st_mode & 0o077 == 0


@pytest.mark.sqlite_only
def test_contract_is_in_every_backup_and_comes_back_with_a_restore(
    ctx, school_id, tmp_path
) -> None:
    from dpo_desk.services.safety import backup

    created = processors.create_processor(ctx, school_id, vendor())
    source = tmp_path / "AVV.pdf"
    source.write_bytes(b"%PDF-1.4 unterschrieben")
    contracts.attach_contract(ctx, created.id, source)
    saved = backup.create_backup(ctx)
    processors.delete_processor(ctx, created.id)
    backup.restore_backup(ctx, saved.path)
    assert contracts.contract_content(ctx, created.id) == b"%PDF-1.4 unterschrieben"


def test_a_missing_or_folder_attachment_gets_a_clear_message(ctx, school_id, tmp_path) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    with pytest.raises(ValidationError, match="gibt es nicht"):
        contracts.attach_contract(ctx, created.id, tmp_path / "fehlt.pdf")
    with pytest.raises(ValidationError, match="ist keine Datei"):
        contracts.attach_contract(ctx, created.id, tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="keine gewöhnliche Datei"):
        contracts.attach_contract(ctx, created.id, fifo)
    with pytest.raises(ValidationError, match="keine gewöhnliche Datei"):
        contracts.attach_contract(ctx, created.id, Path("/dev/zero"))
    assert contracts.contract_copy(ctx, created.id) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_attachment_gets_a_clear_message(ctx, school_id, tmp_path: Path) -> None:
    created = processors.create_processor(ctx, school_id, vendor())
    locked = tmp_path / "gesperrt.pdf"
    locked.write_bytes(b"%PDF")
    locked.chmod(0)
    try:
        with pytest.raises(ValidationError) as caught:
            contracts.attach_contract(ctx, created.id, locked)
    finally:
        locked.chmod(0o600)
    assert "kann nicht gelesen werden" in caught.value.problems[0].message
    assert "Leserechte" in caught.value.problems[0].message


def test_deleting_a_processor_audits_its_measures_too(ctx, school_id) -> None:
    from sqlalchemy import select

    from dpo_desk.core.register.values import TomData
    from dpo_desk.services.register import toms
    from dpo_desk.store.models import AuditEvent

    created = processors.create_processor(ctx, school_id, vendor())
    tom_id = toms.create_tom(
        ctx, school_id, TomData("Rechenzentrum", "", "availability", "", created.id)
    ).id
    processors.delete_processor(ctx, created.id)
    assert toms.list_toms(ctx, school_id) == []
    with ctx.reading() as session:
        actions = session.execute(
            select(AuditEvent.entity_type, AuditEvent.entity_id, AuditEvent.action).where(
                AuditEvent.action == "delete"
            )
        ).all()
    assert set(actions) == {("tom", tom_id, "delete"), ("processor", created.id, "delete")}


def test_a_contract_chosen_in_the_form_is_saved_with_it_in_one_step(
    ctx, school_id, tmp_path
) -> None:
    from sqlalchemy import select

    from dpo_desk.store.models import AuditEvent

    source = tmp_path / "AVV.pdf"
    source.write_bytes(b"%PDF-1.4 mit dem Formular")
    created = processors.create_processor(ctx, school_id, vendor(), contract=source)
    assert created.contract_file_name == "AVV.pdf"
    assert contracts.contract_content(ctx, created.id) == b"%PDF-1.4 mit dem Formular"
    newer = tmp_path / "AVV-2.pdf"
    newer.write_bytes(b"%PDF-1.4 zweite Fassung")
    with pytest.raises(ValidationError):  # a form that cannot be saved stores no file
        processors.update_processor(ctx, created.id, vendor(contact_email="kein-mail"), None, newer)
    assert contracts.contract_content(ctx, created.id) == b"%PDF-1.4 mit dem Formular"
    saved = processors.update_processor(
        ctx, created.id, vendor(contract_version="5"), created.row_version, newer
    )
    assert saved.contract_file_name == "AVV-2.pdf" and saved.row_version > created.row_version
    with ctx.reading() as session:
        events = [
            (event.action, event.changes)
            for event in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_type == "processor", AuditEvent.entity_id == created.id)
                .order_by(AuditEvent.id)
            )
        ]
    assert [action for action, _ in events] == ["create", "update"]  # one event per save
    assert events[1][1]["contract_file_name"] == ["AVV.pdf", "AVV-2.pdf"]
